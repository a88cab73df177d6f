import * as Y from 'yjs';
import type { StoredDocument } from '../persistence/storage.ts';
import { decodeMessage, encodeSyncStep2 } from '../protocol/messages.ts';
import type { Connection } from './connection.ts';

/**
 * Stored documents at least this large are served from storage while they load. Below it, building the
 * document in memory takes a few milliseconds and the first sync waits for it, as it always did.
 */
export const coldServeMinBytes = 64 * 1024;

/**
 * How long a large document waits, at most, for its connections' first sync step 1 before it is built in
 * memory. A provider sends its step 1 as soon as its socket opens, a few milliseconds after the upgrade.
 */
export const coldServeGraceMs = 50;

/**
 * A large document whose stored state has been read but not yet built in memory. Building it (applying every
 * stored update to a Y.Doc) blocks the event loop for as long as the document is big: 150 ms and more for a
 * long plan. Meanwhile the first clients' sync step 1 are answered from the stored state itself, which is
 * committed by definition (rule D1), so they are synced before the build starts. Updates that arrive
 * meanwhile wait in their connection's queue and reach every connection, these included, once the room is
 * built and they are committed: nothing is missed, and nothing is answered twice.
 */
export class ColdDocument {
  /** Resolves once every waiting connection has its answer, or the grace time is over. */
  readonly ready: Promise<void>;
  private merged: Uint8Array | null = null;
  private readonly answered = new Set<Connection>();
  private release: () => void = () => undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly stored: StoredDocument,
    private readonly waiting: () => Iterable<Connection>,
    graceMs: number,
  ) {
    this.ready = new Promise((resolve) => (this.release = resolve));
    this.timer = setTimeout(() => this.release(), graceMs);
    this.check();
  }

  static isWorthServing(stored: StoredDocument): boolean {
    let bytes = 0;
    for (const update of stored.updates) bytes += update.byteLength;
    return bytes >= coldServeMinBytes;
  }

  /** The stored state as one update, if a reply needed it: the built room may keep it for its next joiners. */
  get mergedState(): Uint8Array | null {
    return this.merged;
  }

  /**
   * Answers `data` now if it is the connection's first message and a sync step 1; returns whether it did.
   * Anything else is queued by the caller and handled in order once the room is built.
   */
  tryAnswer(connection: Connection, data: Uint8Array): boolean {
    if (connection.queued !== null || this.answered.has(connection)) return false;
    const decoded = decodeMessage(data);
    if (!decoded.ok || decoded.message.kind !== 'sync-step1') return false;
    const stateVector = decoded.message.stateVector;
    this.merged ??= this.stored.updates.length === 1 ? this.stored.updates[0]! : Y.mergeUpdates(this.stored.updates);
    const reply = isEmptyStateVector(stateVector) ? this.merged : Y.diffUpdate(this.merged, stateVector);
    connection.send(encodeSyncStep2(reply));
    connection.wholeStateSent = 'answered';
    this.answered.add(connection);
    this.check();
    return true;
  }

  /** Releases the build once no waiting connection still needs its answer (call when one goes away). */
  check(): void {
    for (const connection of this.waiting()) {
      if (connection.state === 'loading' && !this.answered.has(connection)) return;
    }
    clearTimeout(this.timer);
    this.release();
  }
}

/** A client that has nothing yet sends a state vector of no clients: one varint 0. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}
