import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { Storage } from '../persistence/storage.ts';
import type { Room } from './room.ts';

export interface Compactor {
  /** After a load or a commit: compacts in the background once the document has `threshold` rows. */
  maybeCompact(room: Room): void;
  /**
   * Before a room unloads, its state is in memory anyway: storing it as one row makes the next cold load read
   * and send that row as it is, instead of merging up to `threshold` rows first (150 ms for a long plan).
   */
  compactBeforeUnload(room: Room): Promise<void>;
}

/**
 * Replaces a document's stored updates with one merged state, so a cold load reads one row instead of
 * thousands. Runs on its own turn after a commit: by then the room has no uncommitted content, so its
 * in-memory state is exactly what rows up to `lastSeq` hold.
 */
export function createCompactor(storage: Storage, threshold: number, log: Logger): Compactor {
  const running = new Set<Room>();

  async function compact(room: Room): Promise<void> {
    if (room.hasPending || room.doc.isDestroyed || room.storedRows <= 1) return;
    const upToSeq = room.lastSeq;
    const rows = room.storedRows;
    await storage.compact(room.name, upToSeq, Y.encodeStateAsUpdate(room.doc));
    room.compacted(rows);
  }
  const logFailure = (room: Room) => (error: unknown) => log.error('compaction failed', { doc: room.name, error: String(error) });

  return {
    maybeCompact(room) {
      if (room.storedRows < threshold || running.has(room)) return;
      running.add(room);
      setImmediate(() => {
        void compact(room)
          .catch(logFailure(room))
          .finally(() => running.delete(room));
      });
    },
    async compactBeforeUnload(room) {
      if (running.has(room)) return;
      await compact(room).catch(logFailure(room));
    },
  };
}
