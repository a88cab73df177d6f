import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCodes, type CloseReason } from '../protocol/close-codes.ts';
import {
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type ClientMessage,
} from '../protocol/messages.ts';
import { isEmptyStateVector } from './cold-document.ts';
import type { Connection } from './connection.ts';

/** One turn's updates for a room: stored as one row and sent as one message. */
export interface Turn {
  update: Uint8Array;
  /** The one connection that wrote all of it, which need not get it back; null if several or the server did. */
  author: Connection | null;
}

/** A client's update as received, integrated at the end of the turn together with the turn's others. */
interface QueuedUpdate {
  connection: Connection;
  update: Uint8Array;
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

export interface RoomHooks {
  /** Asks for an end-of-turn flush: storage commit, then fan-out. */
  requestFlush(room: Room): void;
  /** Several instances: hands the awareness changes of this instance's clients to the others. */
  publishAwareness?(room: Room, update: Uint8Array): void;
}

/** The origin of what another instance committed or announced, applied here through the cluster link. */
export const remoteOrigin = Symbol('remote instance');

/**
 * At the end of a transaction Yjs merges each client's new adjacent items into one, and merging array
 * content copies the array so far: a client's k new items cost k²/2 copies. An overloaded server reads
 * tens of thousands of updates in one turn (a second and more in one transaction, growing), so a turn's
 * updates go in transactions of at most this many, whose updates are then merged (Y.mergeUpdates).
 */
const maxUpdatesPerTransaction = 512;

/**
 * One loaded document: its Y.Doc, awareness and connections.
 *
 * Client updates are queued as they arrive and integrated at the end of the turn in one Yjs transaction
 * (a few for a very large turn): that is the validation (what the doc emits is what gets stored), and the
 * doc then emits the turn's content as one update, with no Y.mergeUpdates. Nothing derived from them
 * leaves the server until the registry has committed them. Replies that carry document content (sync
 * step 2) wait for the same commit when uncommitted content exists, queued content included, and so
 * does everything while a turn's commit is in flight: with SQLite a commit ends within the turn, but an
 * asynchronous storage (PostgreSQL) lets messages arrive while it runs, and the document then holds the
 * turn's content before it is stored.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  /** Non-connection users (HTTP snapshot or restore calls) that keep the room from unloading. */
  holds = 0;
  /**
   * Set when the registry forgot the room (a failed commit, storage lost) rather than unloaded it: those who
   * keep it loaded load it again from storage when its document is destroyed.
   */
  forgotten = false;
  lastSeq: number;
  storedRows: number;
  changedSinceSnapshot = false;
  lastSnapshotAt: number;

  // Usually empty: created when first needed, dropped when drained.
  private queued: QueuedUpdate[] | null = null;
  private pending: Uint8Array[] | null = null;
  /** Who wrote all of `pending`, when a single connection did. */
  private pendingAuthor: Connection | null = null;
  /** Set while the queued updates are integrated: their doc update is taken in the same flush. */
  private integrating = false;
  private awaitingCommit: Array<{ connection: Connection; stateVector: Uint8Array }> | null = null;
  /** Turns handed to the registry whose commit has not ended yet (with SQLite, 0 at every turn's end). */
  private commitsInFlight = 0;
  private awarenessChanged: Set<number> | null = null;
  /**
   * The sync step 2 of the whole document, kept while the document does not change: a room of laptops joining
   * a long plan would otherwise each cost an encoding of all of it (and a frame each). Dropped on every change.
   */
  private fullStateReply: Uint8Array | null;
  /** Awareness clients of this instance that changed this turn, for the other instances. */
  private awarenessToPublish: Set<number> | null = null;

  /** `storedState`: the stored updates merged into one, when the load already made it (a cold document). */
  constructor(
    readonly name: string,
    stored: { updates: Uint8Array[]; lastSeq: number },
    now: number,
    private readonly hooks: RoomHooks,
    storedState: Uint8Array | null = null,
  ) {
    this.fullStateReply = storedState === null ? null : encodeSyncStep2(storedState);
    // Not a closure here: the listeners below keep this constructor's scope alive for the room's life, and
    // with it anything a closure in it refers to, such as every stored update as read from storage.
    applyStored(this.doc, stored.updates);
    this.lastSeq = stored.lastSeq;
    this.storedRows = stored.updates.length;
    this.lastSnapshotAt = now;
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.awareness.on('update', (changes: AwarenessChanges, origin: unknown) => this.onAwarenessUpdate(changes, origin));
  }

  get hasPending(): boolean {
    return this.queued !== null || this.pending !== null || this.awarenessChanged !== null || this.commitsInFlight > 0;
  }

  /** Content in the document that is not stored yet: received, integrated, or in a commit under way. */
  private get uncommitted(): boolean {
    return this.queued !== null || this.pending !== null || this.commitsInFlight > 0;
  }

  /**
   * Greets with the room's sync step 1. A connection that holds no copy of the document (it said so at its
   * upgrade) gets the whole document as a sync step 2 at once too, unless a cold load already answered
   * it, without waiting for its step 1: a provider sends that from its socket's open event, which a
   * browser busy evaluating the page's scripts fires late (90-300 ms after the upgrade was answered, issue
   * 13's long plan), and the content would leave only a round trip after that. Sent ahead, it is there
   * when the page is free to read it. Its first step 1 is then not answered again: TCP keeps this reply
   * ahead of that answer, and every later change reaches it as an update. Content not yet stored waits
   * for its commit, as any reply does (D1). Not for every connection: one holding a copy (a reconnect, a
   * reload) needs only the difference its step 1 asks for.
   */
  join(connection: Connection): void {
    this.connections.add(connection);
    connection.state = 'joined';
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    if (connection.wantsWholeAhead && connection.wholeStateSent === 'no') {
      connection.wholeStateSent = 'ahead';
      this.replyWhenCommitted(connection, emptyStateVector);
    }
    if (this.awareness.getStates().size > 0) {
      const clients = [...this.awareness.getStates().keys()];
      connection.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
    }
  }

  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    if (connection.awarenessClients !== null && connection.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClients], null);
    }
  }

  /** Handles one decoded message; returns why the connection must close, or null. */
  receive(connection: Connection, message: ClientMessage): CloseReason | null {
    switch (message.kind) {
      case 'sync-step1':
        if (connection.wholeStateSent === 'ahead') connection.wholeStateSent = 'answered';
        else this.replyWhenCommitted(connection, message.stateVector);
        return null;
      case 'sync-step2':
      case 'update':
        // Read-only connections still send their step 2 in reply to ours; dropping it is expected. A
        // refused update is dropped the same way (A3): the client keeps it and sends it again in its
        // step 2 when it reconnects, which the server asks for when rights widen.
        if (connection.rights.mayWrite(this.name, message.update)) {
          (this.queued ??= []).push({ connection, update: message.update });
          this.hooks.requestFlush(this);
        }
        return null;
      case 'awareness':
        return this.applyAwareness(connection, message.update);
      case 'query-awareness': {
        const clients = [...this.awareness.getStates().keys()];
        connection.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
        return null;
      }
    }
  }

  /** Integrates the turn's queued updates and hands what the document took from the turn to the registry
   * for storage. Connections whose updates the document refused are closed. */
  takeTurn(): Turn | null {
    if (this.queued !== null) this.integrateQueued();
    const updates = this.pending;
    if (updates === null) {
      // The queued updates held nothing new (a step 2 of content the document had): no commit is coming.
      if (this.commitsInFlight === 0) this.sendWaitingReplies();
      return null;
    }
    this.commitsInFlight++;
    const author = this.pendingAuthor;
    this.pending = null;
    // Not kept past the turn: it would keep a connection that has since closed alive.
    this.pendingAuthor = null;
    return { update: updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), author };
  }

  /** Sends the turn's awareness changes to everyone, the sender included: y-websocket clients treat their
   * own echoed state as the sign of a live connection and reconnect after 30 s without any message. */
  flushAwareness(): void {
    if (this.awarenessChanged === null) return;
    const clients = [...this.awarenessChanged];
    this.awarenessChanged = null;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
    const message = encodeAwareness(update);
    for (const connection of this.connections) connection.send(message);
    const toPublish = this.awarenessToPublish;
    if (toPublish === null) return;
    this.awarenessToPublish = null;
    const own = toPublish.size === clients.length ? update : awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...toPublish]);
    this.hooks.publishAwareness?.(this, own);
  }

  /** After storage committed the turn: fan out one merged update per connection, then send the replies
   * that waited for this commit. */
  afterCommit(turn: Turn, seq: number): void {
    this.commitsInFlight--;
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.storedRows += 1;
    this.fanOut(turn);
    // Content received while an asynchronous commit was in flight is not durable yet: keep waiting for it.
    if (!this.uncommitted) this.sendWaitingReplies();
  }

  /**
   * Applies what another instance committed (so it is durable already) and sends it on to this instance's
   * connections at once. Returns false if the update depends on content this document lacks (a message
   * between instances was lost): the caller then reads the document again from storage.
   */
  applyRemoteUpdate(update: Uint8Array): boolean {
    Y.applyUpdate(this.doc, update, remoteOrigin);
    const store = this.doc.store;
    if (store.pendingStructs === null && store.pendingDs === null) return true;
    // Kept out of the document: a client update checked against it would look forged.
    store.pendingStructs = null;
    store.pendingDs = null;
    return false;
  }

  /** Applies awareness changes announced by another instance's clients. */
  applyRemoteAwareness(update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, remoteOrigin);
    } catch {
      // Another instance sent what its own client sent it, already decoded there; nothing to close here.
    }
  }

  /** The awareness states of this instance's own clients, for an instance that has just loaded the room. */
  ownAwareness(): Uint8Array | null {
    const clients: number[] = [];
    for (const connection of this.connections) for (const client of connection.awarenessClients ?? []) clients.push(client);
    return clients.length === 0 ? null : awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
  }

  /** Accounts for compaction having merged `rowsReplaced` stored rows into one. */
  compacted(rowsReplaced: number): void {
    this.storedRows -= rowsReplaced - 1;
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }

  private replyWhenCommitted(connection: Connection, stateVector: Uint8Array): void {
    if (!this.uncommitted) this.sendSyncStep2(connection, stateVector);
    else (this.awaitingCommit ??= []).push({ connection, stateVector });
  }

  private sendWaitingReplies(): void {
    const waiting = this.awaitingCommit;
    if (waiting === null) return;
    this.awaitingCommit = null;
    for (const { connection, stateVector } of waiting) this.sendSyncStep2(connection, stateVector);
  }

  private sendSyncStep2(connection: Connection, stateVector: Uint8Array): void {
    if (connection.state !== 'joined') return;
    if (!isEmptyStateVector(stateVector)) return connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)));
    this.fullStateReply ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
    connection.send(this.fullStateReply);
  }

  /**
   * One transaction for the turn (up to maxUpdatesPerTransaction): Yjs encodes one update and tidies the
   * struct store once, instead of once per message. Each update is still checked on its own, and a connection's updates after its first bad
   * one are skipped, as they would have been had it been closed on receipt.
   */
  private integrateQueued(): void {
    const queued = this.queued!;
    this.queued = null;
    const first = queued[0]!.connection;
    const origin = queued.every((entry) => entry.connection === first) ? first : null;
    const refused = new Map<Connection, CloseReason>();
    this.integrating = true;
    try {
      for (let start = 0; start < queued.length; start += maxUpdatesPerTransaction) {
        Y.transact(this.doc, () => {
          for (const { connection, update } of queued.slice(start, start + maxUpdatesPerTransaction)) {
            if (refused.has(connection)) continue;
            const problem = this.integrate(update);
            if (problem !== null) refused.set(connection, problem);
          }
        }, origin);
      }
    } finally {
      this.integrating = false;
    }
    // Closed only now: closing leaves the room, which changes awareness, not in the middle of a transaction.
    for (const [connection, reason] of refused) connection.close(reason);
  }

  private integrate(update: Uint8Array): CloseReason | null {
    try {
      Y.applyUpdate(this.doc, update);
    } catch {
      return CloseCodes.badUpdate;
    }
    const store = this.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // A client on a single authoritative server never depends on content the server lacks: the update
      // is forged or corrupt. Yjs would keep it in memory indefinitely waiting for the missing parts.
      store.pendingStructs = null;
      store.pendingDs = null;
      return CloseCodes.missingDependencies;
    }
    return null;
  }

  private applyAwareness(connection: Connection, update: Uint8Array): CloseReason | null {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
      return null;
    } catch {
      return CloseCodes.badAwareness;
    }
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === remoteOrigin) {
      this.fullStateReply = null;
      const message = encodeUpdate(update);
      for (const connection of this.connections) connection.send(message);
      return;
    }
    const author = isConnection(origin, this.connections) ? origin : null;
    this.pendingAuthor = this.pending === null || this.pendingAuthor === author ? author : null;
    (this.pending ??= []).push(update);
    this.fullStateReply = null;
    this.changedSinceSnapshot = true;
    if (!this.integrating) this.hooks.requestFlush(this);
  }

  private onAwarenessUpdate(changes: AwarenessChanges, origin: unknown): void {
    const owner = isConnection(origin, this.connections) ? origin : null;
    // A client of this instance set or cleared its state, or left (origin null). Other instances time out
    // states on their own ('timeout') and already have what came from them.
    const publish = this.hooks.publishAwareness !== undefined && (owner !== null || origin === null);
    for (const client of [...changes.added, ...changes.updated]) {
      if (owner !== null) (owner.awarenessClients ??= new Set()).add(client);
      (this.awarenessChanged ??= new Set()).add(client);
      if (publish) (this.awarenessToPublish ??= new Set()).add(client);
    }
    for (const client of changes.removed) {
      owner?.awarenessClients?.delete(client);
      (this.awarenessChanged ??= new Set()).add(client);
      if (publish) (this.awarenessToPublish ??= new Set()).add(client);
    }
    this.hooks.requestFlush(this);
  }

  /**
   * The same message for everyone, writers included: Yjs skips the content a client already has, at a
   * fraction of what a merge made for each writer alone costs the server (they took about a quarter of its CPU with ten
   * writers). A turn written by one connection alone, a lone typist's usual case, is not echoed to it.
   */
  private fanOut({ update, author }: Turn): void {
    const message = encodeUpdate(update);
    for (const connection of this.connections) if (connection !== author) connection.send(message);
  }
}

/** The state vector of a client that has nothing: asks for the whole document. */
const emptyStateVector = new Uint8Array([0]);

/** One transaction for the whole load: observers and the update encoder run once, not per stored row. */
function applyStored(doc: Y.Doc, updates: Uint8Array[]): void {
  Y.transact(doc, () => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
}

function isConnection(origin: unknown, connections: Set<Connection>): origin is Connection {
  return connections.has(origin as Connection);
}
