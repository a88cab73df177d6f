import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { Storage } from '../persistence/storage.ts';
import type { Room } from './room.ts';

/**
 * Replaces a document's stored updates with one merged state once it has accumulated `threshold` rows, so a
 * cold load reads one row instead of thousands. Runs on its own turn after a commit: by then the room has no
 * uncommitted content, so its in-memory state is exactly what rows up to `lastSeq` hold.
 */
export function createCompactor(storage: Storage, threshold: number, log: Logger): (room: Room) => void {
  const running = new Set<Room>();
  return (room) => {
    if (room.storedRows < threshold || running.has(room)) return;
    running.add(room);
    setImmediate(() => {
      void compact(room)
        .catch((error: unknown) => log.error('compaction failed', { doc: room.name, error: String(error) }))
        .finally(() => running.delete(room));
    });
  };

  async function compact(room: Room): Promise<void> {
    if (room.hasPending || room.doc.isDestroyed) return;
    const upToSeq = room.lastSeq;
    const rows = room.storedRows;
    await storage.compact(room.name, upToSeq, Y.encodeStateAsUpdate(room.doc));
    room.compacted(rows);
  }
}
