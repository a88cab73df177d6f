import type { Storage } from '../persistence/storage.ts';
import { CloseCodes, type CloseReason } from '../protocol/close-codes.ts';
import { decodeMessage } from '../protocol/messages.ts';
import type { Limits } from '../protocol/limits.ts';
import type { Logger } from '../log.ts';
import { ColdDocument, coldServeGraceMs } from './cold-document.ts';
import type { ClusterLink } from './cluster-link.ts';
import { Connection, type ConnectionOwner, type WriteRights } from './connection.ts';
import { convertOnLoad } from './convert-on-load.ts';
import type { Peer } from './peer.ts';
import { Room, type RoomHooks, type Turn } from './room.ts';

export interface RegistryOptions {
  storage: Storage;
  limits: Limits;
  log: Logger;
  /** How long a document with no connections stays loaded, so a reload or a flaky laptop rejoins fast. */
  idleUnloadMs: number;
  now?: () => number;
  /** Called when a room is about to unload, while its content is still in memory (unload snapshots). */
  beforeUnload?: (room: Room) => Promise<void>;
  /** Called after a room loads and after each commit that stored rows for it (compaction policy). */
  maybeCompact?: (room: Room) => void;
  /** Several instances: carries committed updates and awareness to the others (none for one instance). */
  cluster?: ClusterLink;
  /** Called when a commit failed (the storage's health check takes it from there). */
  onStorageFailure?: (error: unknown) => void;
  /**
   * Documents kept loaded while this one is (a route's control document, whose state decides writes to
   * the route's other documents, rule A3). They load beside this one's storage read, are loaded before it
   * is joined, and stay until it unloads.
   */
  companionsOf?: (docName: string) => string[];
}

/**
 * A server action's change could not be stored: the commit it went into failed. The documents of that
 * commit were forgotten (they reload from storage), so the change is neither kept nor sent anywhere.
 */
export class ChangeNotStored extends Error {
  constructor(cause: unknown) {
    super(`the change was not stored: ${String(cause)}`, { cause });
  }
}

/** What the HTTP layer holds for one socket. */
export interface ConnectionHandle {
  readonly docName: string;
  receive(data: Uint8Array): void;
  /** Reports that the socket closed (by either side). */
  closed(): void;
  /** Closes the socket from the server side, e.g. when the token expires. */
  close(reason: CloseReason): void;
}

/**
 * The loaded documents. Loads each one once however many connections arrive together (a promise map),
 * commits every turn's updates for all documents in one storage transaction before any of them is sent
 * anywhere, and unloads documents that nobody has used for a while.
 */
export class Registry implements ConnectionOwner, RoomHooks {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  /** Connections whose document is not loaded yet, by document name. */
  private readonly waitingForLoad = new Map<string, Set<Connection>>();
  /** Large documents read from storage and not yet built in memory, answering first syncs meanwhile. */
  private readonly cold = new Map<string, ColdDocument>();
  private readonly dirty = new Set<Room>();
  /** Every connection not yet closed, joined or still loading, for closing those whose rights changed. */
  private readonly open = new Set<Connection>();
  private readonly companions = new Map<Room, Room[]>();
  private flushScheduled = false;
  private flushChain: Promise<void> = Promise.resolve();
  /**
   * A commit is under way. With SQLite it ends within the turn; with PostgreSQL messages keep arriving
   * meanwhile, and their turns wait (queued in their rooms) to go together in the next commit: a turn per
   * round trip rather than per event-loop turn, the group commit that keeps an asynchronous storage's
   * throughput (one row and one fan-out message per update otherwise).
   */
  private committing = false;
  /** Commits that failed since the start, and the last one's error: `stored` compares before and after. */
  private failedCommits = 0;
  private lastCommitError: unknown = null;
  private nextConnectionId = 1;
  private connectionCount = 0;
  /** While set, every connection is refused with this reason (storage or cluster link lost). */
  private refusal: CloseReason | null = null;
  private readonly now: () => number;
  readonly maxBufferedBytes: number;
  /** Set only with a cluster link, so that a single instance's rooms do not collect awareness to publish. */
  readonly publishAwareness?: (room: Room, update: Uint8Array) => void;

  constructor(private readonly options: RegistryOptions) {
    this.now = options.now ?? Date.now;
    this.maxBufferedBytes = options.limits.maxBufferedBytes;
    const cluster = options.cluster;
    if (cluster) this.publishAwareness = (room, update) => cluster.publishAwareness(room.name, update);
  }

  /**
   * The loaded room of a document, if any (for the cluster link's deliveries; a companion of a joined
   * document always is loaded).
   */
  loadedRoom(docName: string): Room | undefined {
    return this.rooms.get(docName);
  }

  /**
   * Closes every connection with `reason`, forgets every loaded document (all of it that is committed is in
   * storage) and refuses new connections with the same reason until `acceptConnections`. For when storage
   * or the link to the other instances is lost: what this instance would accept then, it could not keep or
   * pass on. Clients reconnect, here once it recovers or to another instance, and resend what they hold.
   */
  refuseConnections(reason: CloseReason): void {
    this.refusal = reason;
    for (const room of [...this.rooms.values()]) this.forget(room, reason);
  }

  acceptConnections(): void {
    this.refusal = null;
  }

  get stats(): { documents: number; connections: number } {
    return { documents: this.rooms.size, connections: this.connectionCount };
  }

  loadedRooms(): Iterable<Room> {
    return this.rooms.values();
  }

  /** `wholeAhead`: the client holds no copy of the document and gets all of it as it joins (Room.join). */
  connect(docName: string, peer: Peer, rights: WriteRights, wholeAhead = false): ConnectionHandle {
    const connection = new Connection(this.nextConnectionId++, docName, peer, rights, this, wholeAhead);
    this.connectionCount++;
    if (this.refusal !== null) {
      this.fail(connection, this.refusal);
      return connection;
    }
    this.open.add(connection);
    if (!this.rooms.has(docName)) {
      let waiting = this.waitingForLoad.get(docName);
      if (waiting === undefined) this.waitingForLoad.set(docName, (waiting = new Set()));
      waiting.add(connection);
    }
    this.acquire(docName).then(
      (room) => this.join(connection, room),
      (error: unknown) => {
        this.options.log.error('document load failed', { doc: docName, error: String(error) });
        this.fail(connection, CloseCodes.internal);
      },
    );
    return connection;
  }

  receive(connection: Connection, data: Uint8Array): void {
    if (connection.state === 'closed') return;
    if (connection.state === 'joined') return this.handle(connection, data);
    if (this.cold.get(connection.docName)?.tryAnswer(connection, data)) return;
    const queued = (connection.queued ??= []);
    if (queued.length >= this.options.limits.maxQueuedBeforeLoad) return this.fail(connection, CloseCodes.tooManyQueued);
    queued.push(data);
  }

  /** Closes the connection's socket with `reason`, logs one line and detaches it from its room. */
  fail(connection: Connection, reason: CloseReason): void {
    if (!connection.closeSocket(reason)) return;
    this.options.log.warn('connection closed', { doc: connection.docName, conn: connection.id, code: reason.code, reason: reason.reason });
    this.detach(connection);
  }

  /**
   * Closes every open connection that `match` picks, with `reason`: a removed person's, or those whose
   * write rights widened (clients reconnect and resend in their sync step 2 what was refused, A3).
   * Returns how many were closed.
   */
  closeWhere(match: (docName: string, rights: WriteRights) => boolean, reason: CloseReason): number {
    let count = 0;
    for (const connection of [...this.open]) {
      if (connection.state === 'closed' || !match(connection.docName, connection.rights)) continue;
      this.fail(connection, reason);
      count++;
    }
    return count;
  }

  /** How many open connections `match` picks (the facilitator's list shows who is connected). */
  countWhere(match: (docName: string, rights: WriteRights) => boolean): number {
    let count = 0;
    for (const connection of this.open) if (connection.state !== 'closed' && match(connection.docName, connection.rights)) count++;
    return count;
  }

  closed(connection: Connection): void {
    if (connection.counted) this.connectionCount--;
    connection.counted = false;
    this.detach(connection);
  }

  /** Runs `use` with the document loaded and kept loaded until it finishes (HTTP snapshot and restore). */
  async withRoom<T>(docName: string, use: (room: Room) => Promise<T> | T): Promise<T> {
    const room = await this.acquire(docName);
    room.holds++;
    try {
      return await use(room);
    } finally {
      room.holds--;
      this.scheduleUnloadIfIdle(room);
    }
  }

  /**
   * Runs `edit` once every named document is loaded, without waiting in between, so that what it changes
   * in them goes into one commit: storage keeps a commit in one transaction, so all of it is stored or none
   * (a server action that writes several documents). Resolves once that commit is stored; throws
   * ChangeNotStored when it failed, or, with nothing changed, when one of the documents was forgotten (a
   * failed commit) while the others loaded. The failure is counted from `edit` on: the commit can fail
   * before a caller's own `stored()` would start counting, which then answered that a lost change was made.
   */
  async changeTogether<T>(docNames: readonly string[], edit: (rooms: Room[]) => T): Promise<T> {
    const held: Room[] = [];
    const loads = docNames.map((name) =>
      this.acquire(name).then((room) => {
        room.holds++;
        held.push(room);
        return room;
      }),
    );
    let failedBefore: number;
    let result: T;
    try {
      const rooms = await Promise.all(loads);
      const lost = rooms.find((room) => room.doc.isDestroyed);
      if (lost !== undefined) throw new ChangeNotStored(`${lost.name} was forgotten after a failed commit`);
      failedBefore = this.failedCommits;
      result = edit(rooms);
    } finally {
      // Those that loaded after another failed are let go too.
      await Promise.allSettled(loads);
      for (const room of held) {
        room.holds--;
        this.scheduleUnloadIfIdle(room);
      }
    }
    await this.flush();
    if (this.failedCommits !== failedBefore) throw new ChangeNotStored(this.lastCommitError);
    return result;
  }

  /**
   * Loads the document and keeps it loaded for the server's life (until `unloadAll`) or until `release`: a
   * route's people list, which every access decision of the route reads without waiting.
   */
  async keepLoaded(docName: string): Promise<Room> {
    const room = await this.acquire(docName);
    room.holds++;
    return room;
  }

  /** Lets go of a room taken with `keepLoaded`: it unloads once nobody has used it for a while. */
  release(room: Room): void {
    room.holds--;
    this.scheduleUnloadIfIdle(room);
  }

  /** Resolves once every update received so far is committed and fanned out. */
  async flush(): Promise<void> {
    do {
      this.runFlush();
      await this.flushChain;
    } while (this.dirty.size > 0);
  }

  /**
   * Like `flush`, for a server action that answers its caller: throws ChangeNotStored when a commit failed
   * meanwhile, so an action never answers that a change was made when it was lost. Conservative: with
   * several commits under way, one failing counts for all (SQLite stores each turn in one transaction).
   */
  async stored(): Promise<void> {
    const failedBefore = this.failedCommits;
    await this.flush();
    if (this.failedCommits !== failedBefore) throw new ChangeNotStored(this.lastCommitError);
  }

  /** Unloads every document now (graceful shutdown), closing its connections with `reason`. */
  async unloadAll(reason: CloseReason): Promise<void> {
    await this.flush();
    for (const room of [...this.rooms.values()]) {
      for (const connection of [...room.connections]) {
        connection.closeSocket(reason);
        room.leave(connection);
      }
      await this.unload(room);
    }
    await Promise.all([...this.loading.values(), ...this.unloading.values()].map((p) => p.catch(() => undefined)));
  }

  private join(connection: Connection, room: Room): void {
    this.stopWaiting(connection);
    if (connection.state === 'closed') return this.scheduleUnloadIfIdle(room);
    connection.room = room;
    room.join(connection);
    const queued = connection.queued;
    connection.queued = null;
    for (const data of queued ?? []) this.handle(connection, data);
  }

  private handle(connection: Connection, data: Uint8Array): void {
    const room = connection.room;
    if (room === null) return;
    const decoded = decodeMessage(data);
    if (!decoded.ok) return this.fail(connection, decoded.reason === 'unknown-type' ? CloseCodes.unknownType : CloseCodes.malformed);
    const problem = room.receive(connection, decoded.message);
    if (problem !== null) this.fail(connection, problem);
  }

  private detach(connection: Connection): void {
    connection.state = 'closed';
    this.open.delete(connection);
    if (this.stopWaiting(connection)) this.cold.get(connection.docName)?.check();
    const room = connection.room;
    if (room === null) return;
    connection.room = null;
    room.leave(connection);
    this.scheduleUnloadIfIdle(room);
  }

  private acquire(docName: string): Promise<Room> {
    const loaded = this.rooms.get(docName);
    if (loaded) {
      this.cancelIdleTimer(docName);
      return Promise.resolve(loaded);
    }
    let loading = this.loading.get(docName);
    if (!loading) {
      loading = this.load(docName).finally(() => this.loading.delete(docName));
      this.loading.set(docName, loading);
    }
    return loading;
  }

  private async load(docName: string): Promise<Room> {
    // A document that is still writing its unload snapshot must finish before it is read back.
    await this.unloading.get(docName);
    const cluster = this.options.cluster;
    // Companions load while this document is read, not before: a first sync (answered from the stored
    // state of a large document) waits for neither in turn. Each is held as soon as it is there.
    const companionNames = this.options.companionsOf?.(docName).filter((name) => name !== docName) ?? [];
    const companionsLoading = Promise.allSettled(
      companionNames.map((name) =>
        this.acquire(name).then((companion) => {
          companion.holds++;
          return companion;
        }),
      ),
    );
    let stored: Awaited<ReturnType<Storage['load']>>;
    let served: Uint8Array | null = null;
    let companions: Room[];
    try {
      if (cluster) await cluster.join(docName);
      stored = await this.options.storage.load(docName);
      if (ColdDocument.isWorthServing(stored)) {
        const cold = new ColdDocument(stored, () => this.waitingForLoad.get(docName) ?? [], coldServeGraceMs);
        this.cold.set(docName, cold);
        await cold.ready;
        this.cold.delete(docName);
        served = cold.mergedState;
      }
      companions = await this.companionsLoaded(companionsLoading);
    } catch (error) {
      cluster?.leave(docName);
      void companionsLoading.then((settled) => this.letGo(settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))));
      throw error;
    }
    const room = new Room(docName, stored, this.now(), this, served);
    this.convertOldRecords(room);
    if (companions.length > 0) this.companions.set(room, companions);
    this.rooms.set(docName, room);
    cluster?.attached(room);
    this.options.maybeCompact?.(room);
    return room;
  }

  /**
   * After the room's update listener is attached, so the conversion is stored and reaches every connection,
   * those a cold load answered from the stored state included, in the first flush. A conversion that fails
   * leaves the document as stored: people keep working on it, and only the old records stay old.
   */
  private convertOldRecords(room: Room): void {
    try {
      convertOnLoad(room.name, room.doc);
    } catch (error) {
      this.options.log.error('converting old records on load failed; loaded as stored', { doc: room.name, error: String(error) });
    }
  }

  /** Returns whether the connection was still waiting for its document to load. */
  private stopWaiting(connection: Connection): boolean {
    const waiting = this.waitingForLoad.get(connection.docName);
    if (waiting === undefined || !waiting.delete(connection)) return false;
    if (waiting.size === 0) this.waitingForLoad.delete(connection.docName);
    return true;
  }

  /** Asks for an end-of-turn flush of `room`: storage commit, then fan-out. */
  requestFlush(room: Room): void {
    this.dirty.add(room);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate runs after the poll phase: every message that arrived in this turn is in the batch.
    setImmediate(() => this.runFlush());
  }

  private runFlush(): void {
    this.flushScheduled = false;
    if (this.dirty.size === 0) return;
    if (this.committing) {
      // Awareness is not stored: it need not wait. The rooms stay dirty for the commit's end.
      for (const room of this.dirty) room.flushAwareness();
      return;
    }
    const rooms = [...this.dirty];
    this.dirty.clear();
    const batch: Array<{ room: Room; turn: Turn }> = [];
    for (const room of rooms) {
      room.flushAwareness();
      const turn = room.takeTurn();
      if (turn !== null) batch.push({ room, turn });
    }
    if (batch.length === 0) return;
    // Commits run one after another so that fan-out order always matches storage order.
    this.committing = true;
    this.flushChain = this.flushChain.then(() => this.commit(batch));
  }

  /** The commit has ended: turns that waited for it go now. */
  private committed(): void {
    this.committing = false;
    if (this.dirty.size > 0 && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.runFlush());
    }
  }

  private async commit(taken: Array<{ room: Room; turn: Turn }>): Promise<void> {
    // One async function, no inner one: the SQLite path costs no more promises per turn than before.
    try {
      // A room forgotten since its turn was taken (an earlier commit failed, or the instance is refusing
      // connections) has closed its connections, whose clients resend: its turn is not stored after the gap.
      const batch = taken.filter(({ room }) => !room.doc.isDestroyed);
      if (batch.length === 0) return;
      let reached: Map<string, number>;
      try {
        reached = await this.options.storage.append(batch.map(({ room, turn }) => ({ docName: room.name, updates: [turn.update] })));
      } catch (error) {
        this.options.log.error('storing updates failed', { docs: batch.length, error: String(error) });
        this.failedCommits++;
        this.lastCommitError = error;
        for (const { room } of batch) this.forget(room, CloseCodes.storageFailed);
        this.options.onStorageFailure?.(error);
        return;
      }
      for (const { room, turn } of batch) {
        this.options.cluster?.publishUpdate(room.name, turn.update);
        if (room.doc.isDestroyed) continue;
        room.afterCommit(turn, reached.get(room.name) ?? room.lastSeq);
        this.options.maybeCompact?.(room);
      }
    } finally {
      this.committed();
    }
  }

  /**
   * Closes the room's connections with `reason` and forgets the room. After a failed commit its memory holds
   * edits that are not stored: clients reconnect and resend them in their sync step 2, so nothing is lost
   * for good.
   */
  private forget(room: Room, reason: CloseReason): void {
    for (const connection of [...room.connections]) {
      connection.closeSocket(reason);
      room.leave(connection);
    }
    if (this.rooms.get(room.name) === room) {
      this.rooms.delete(room.name);
      this.cancelIdleTimer(room.name);
      this.options.cluster?.leave(room.name);
    }
    this.releaseCompanions(room);
    room.forgotten = true;
    room.destroy();
    this.reloadForDependents(room);
  }

  /**
   * A forgotten companion (a route's control document, after a failed commit that wrote it) is loaded again
   * for the rooms that keep it: their write rules read it by name, and without it refused every write of
   * the boards' open connections until those left.
   */
  private reloadForDependents(forgotten: Room): void {
    for (const [dependent, companions] of this.companions) {
      const index = companions.indexOf(forgotten);
      if (index === -1) continue;
      void this.acquire(forgotten.name).then(
        (fresh) => {
          fresh.holds++;
          if (this.companions.get(dependent) === companions) companions[index] = fresh;
          else this.letGo([fresh]);
        },
        (error: unknown) => this.options.log.error('reloading a companion failed', { doc: forgotten.name, error: String(error) }),
      );
    }
  }

  /** The companions once all have loaded; if one failed, the others are let go and its error thrown. */
  private async companionsLoaded(loading: Promise<Array<PromiseSettledResult<Room>>>): Promise<Room[]> {
    const settled = await loading;
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed === undefined) return settled.map((s) => (s as PromiseFulfilledResult<Room>).value);
    // Thrown to load's catch, which lets the loaded ones go.
    throw failed.reason;
  }

  private releaseCompanions(room: Room): void {
    const companions = this.companions.get(room);
    if (companions === undefined) return;
    this.companions.delete(room);
    this.letGo(companions);
  }

  private letGo(companions: Room[]): void {
    for (const companion of companions) {
      companion.holds--;
      this.scheduleUnloadIfIdle(companion);
    }
  }

  private scheduleUnloadIfIdle(room: Room): void {
    if (room.connections.size > 0 || room.holds > 0 || this.rooms.get(room.name) !== room) return;
    this.cancelIdleTimer(room.name);
    const timer = setTimeout(() => {
      this.idleTimers.delete(room.name);
      if (room.connections.size === 0 && room.holds === 0) void this.unload(room);
    }, this.options.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(room.name, timer);
  }

  private cancelIdleTimer(docName: string): void {
    const timer = this.idleTimers.get(docName);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.idleTimers.delete(docName);
  }

  private unload(room: Room): Promise<void> {
    if (this.rooms.get(room.name) !== room) return this.unloading.get(room.name) ?? Promise.resolve();
    this.cancelIdleTimer(room.name);
    this.rooms.delete(room.name);
    this.options.cluster?.leave(room.name);
    const unloading = (async () => {
      await this.flush();
      try {
        await this.options.beforeUnload?.(room);
      } catch (error) {
        this.options.log.error('unload snapshot failed', { doc: room.name, error: String(error) });
      }
      this.releaseCompanions(room);
      room.destroy();
    })().finally(() => this.unloading.delete(room.name));
    this.unloading.set(room.name, unloading);
    return unloading;
  }
}
