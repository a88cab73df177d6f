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
import type { Connection } from './connection.ts';

/** An update the document integrated this turn and that is not yet committed to storage. */
export interface PendingUpdate {
  update: Uint8Array;
  origin: Connection | null;
}

/** One turn's updates for a room: stored as one row and sent as one message. */
export interface Turn {
  entries: PendingUpdate[];
  merged: Uint8Array;
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

export interface RoomHooks {
  /** Asks for an end-of-turn flush: storage commit, then fan-out. */
  requestFlush(room: Room): void;
}

/**
 * Beyond these, each writer gets the turn's full merge (its own edits included, which Yjs ignores) instead
 * of a merge made for it alone: per-writer merges cost O(writers × updates), and Y.mergeUpdates grows
 * faster than linearly (about 2 ms for 200 small updates, 22 ms for 1,000, on the machines here).
 */
const maxPerWriterMerges = 16;
const maxUpdatesForPerWriterMerges = 64;

/**
 * One loaded document: its Y.Doc, awareness and connections.
 *
 * Updates are applied to the Y.Doc as they arrive (that is the validation: what the doc emits is what gets
 * stored), but nothing derived from them leaves the server until the registry has committed them. Replies
 * that carry document content (sync step 2) wait for the same commit when uncommitted content exists.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  /** Non-connection users (HTTP snapshot or restore calls) that keep the room from unloading. */
  holds = 0;
  lastSeq: number;
  storedRows: number;
  changedSinceSnapshot = false;
  lastSnapshotAt: number;

  // Usually empty: created when first needed, dropped when drained.
  private pending: PendingUpdate[] | null = null;
  private awaitingCommit: Array<{ connection: Connection; stateVector: Uint8Array }> | null = null;
  private awarenessChanged: Set<number> | null = null;

  constructor(
    readonly name: string,
    stored: { updates: Uint8Array[]; lastSeq: number },
    now: number,
    private readonly hooks: RoomHooks,
  ) {
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
    return this.pending !== null || this.awarenessChanged !== null;
  }

  join(connection: Connection): void {
    this.connections.add(connection);
    connection.state = 'joined';
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
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
        this.replyWhenCommitted(connection, message.stateVector);
        return null;
      case 'sync-step2':
      case 'update':
        // Read-only connections still send their step 2 in reply to ours; dropping it is expected.
        return connection.canWrite ? this.applyClientUpdate(connection, message.update) : null;
      case 'awareness':
        return this.applyAwareness(connection, message.update);
      case 'query-awareness': {
        const clients = [...this.awareness.getStates().keys()];
        connection.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
        return null;
      }
    }
  }

  /** Hands the turn's updates, merged, to the registry for storage. */
  takeTurn(): Turn | null {
    const entries = this.pending;
    if (entries === null) return null;
    this.pending = null;
    return { entries, merged: mergeAll(entries.map((entry) => entry.update)) };
  }

  /** Sends the turn's awareness changes to everyone, the sender included: y-websocket clients treat their
   * own echoed state as the sign of a live connection and reconnect after 30 s without any message. */
  flushAwareness(): void {
    if (this.awarenessChanged === null) return;
    const clients = [...this.awarenessChanged];
    this.awarenessChanged = null;
    const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    for (const connection of this.connections) connection.send(message);
  }

  /** After storage committed the turn: fan out one merged update per connection, then send the replies
   * that waited for this commit. */
  afterCommit(turn: Turn, seq: number): void {
    this.lastSeq = seq;
    this.storedRows += 1;
    this.fanOut(turn);
    // Content applied while an asynchronous commit was in flight is not durable yet: keep waiting for it.
    if (this.pending !== null || this.awaitingCommit === null) return;
    const waiting = this.awaitingCommit;
    this.awaitingCommit = null;
    for (const { connection, stateVector } of waiting) this.sendSyncStep2(connection, stateVector);
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
    if (this.pending === null) this.sendSyncStep2(connection, stateVector);
    else (this.awaitingCommit ??= []).push({ connection, stateVector });
  }

  private sendSyncStep2(connection: Connection, stateVector: Uint8Array): void {
    if (connection.state !== 'joined') return;
    connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)));
  }

  private applyClientUpdate(connection: Connection, update: Uint8Array): CloseReason | null {
    try {
      Y.applyUpdate(this.doc, update, connection);
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
    (this.pending ??= []).push({ update, origin: isConnection(origin, this.connections) ? origin : null });
    this.changedSinceSnapshot = true;
    this.hooks.requestFlush(this);
  }

  private onAwarenessUpdate(changes: AwarenessChanges, origin: unknown): void {
    const owner = isConnection(origin, this.connections) ? origin : null;
    for (const client of [...changes.added, ...changes.updated]) {
      if (owner !== null) (owner.awarenessClients ??= new Set()).add(client);
      (this.awarenessChanged ??= new Set()).add(client);
    }
    for (const client of changes.removed) {
      owner?.awarenessClients?.delete(client);
      (this.awarenessChanged ??= new Set()).add(client);
    }
    this.hooks.requestFlush(this);
  }

  private fanOut({ entries: committed, merged: mergedUpdate }: Turn): void {
    const merged = encodeUpdate(mergedUpdate);
    const writers = new Set<Connection | null>(committed.map((entry) => entry.origin));
    const perWriter = writers.size <= maxPerWriterMerges && committed.length <= maxUpdatesForPerWriterMerges;
    for (const connection of this.connections) {
      if (!perWriter || !writers.has(connection)) {
        connection.send(merged);
        continue;
      }
      const others = committed.filter((entry) => entry.origin !== connection).map((entry) => entry.update);
      if (others.length > 0) connection.send(encodeUpdate(mergeAll(others)));
    }
  }
}

/** One transaction for the whole load: observers and the update encoder run once, not per stored row. */
function applyStored(doc: Y.Doc, updates: Uint8Array[]): void {
  Y.transact(doc, () => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
}

function mergeAll(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}

function isConnection(origin: unknown, connections: Set<Connection>): origin is Connection {
  return connections.has(origin as Connection);
}
