import * as Y from 'yjs';
import type { Registry } from '../docs/registry.ts';
import type { Room } from '../docs/room.ts';
import type { Logger } from '../log.ts';
import type { SnapshotKind, SnapshotMeta, Storage } from '../persistence/storage.ts';
import { isIntervalSnapshotDue, selectExpiredSnapshots, type SnapshotPolicy } from './policy.ts';
import { restoreState } from './restore.ts';
import { rootsKeptOnRestore } from '../../shared/schema/plan-comments.ts';
import { documentToJSON } from './root-types.ts';

export interface SnapshotContent extends SnapshotMeta {
  content: ReturnType<typeof documentToJSON>;
}

/** Snapshot listing, taking, reading and restoring, plus the automatic policy (interval and unload). */
export class Snapshots {
  private registry: Registry | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly policy: SnapshotPolicy,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts interval snapshots of edited documents; the registry calls `onUnload` on its own. */
  start(registry: Registry): void {
    this.registry = registry;
    // Checking a few times per interval bounds how late a due snapshot can be without a timer per document.
    const checkEvery = Math.max(1000, Math.floor(this.policy.intervalMs / 4));
    this.timer = setInterval(() => void this.takeDueSnapshots(), checkEvery);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async onUnload(room: Room): Promise<void> {
    if (room.changedSinceSnapshot) await this.take(room, 'unload', 'when the document was closed');
  }

  list(docName: string): Promise<SnapshotMeta[]> {
    return this.storage.listSnapshots(docName);
  }

  create(docName: string, label: string): Promise<SnapshotMeta> {
    return this.withRegistry().withRoom(docName, (room) => this.take(room, 'manual', label));
  }

  async read(docName: string, id: number): Promise<SnapshotContent | null> {
    const snapshot = await this.storage.getSnapshot(docName, id);
    if (snapshot === null) return null;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, snapshot.state);
    const { state: _state, ...meta } = snapshot;
    const result = { ...meta, content: documentToJSON(doc) };
    doc.destroy();
    return result;
  }

  async readState(docName: string, id: number): Promise<Uint8Array | null> {
    return (await this.storage.getSnapshot(docName, id))?.state ?? null;
  }

  /**
   * Restores snapshot `id` as a new change on top of the current content, after snapshotting the current
   * content so that the restore itself can be undone by restoring that one.
   */
  async restore(docName: string, id: number): Promise<{ restored: SnapshotMeta; safety: SnapshotMeta } | null> {
    const snapshot = await this.storage.getSnapshot(docName, id);
    if (snapshot === null) return null;
    return this.withRegistry().withRoom(docName, async (room) => {
      const safety = await this.take(room, 'before-restore', `before restoring snapshot ${id}`);
      restoreState(room.doc, snapshot.state, rootsKeptOnRestore(docName));
      await this.withRegistry().flush();
      const { state: _state, ...restored } = snapshot;
      this.log.info('snapshot restored', { doc: docName, snapshot: id, safety: safety.id });
      return { restored, safety };
    });
  }

  private async take(room: Room, kind: SnapshotKind, label: string): Promise<SnapshotMeta> {
    const createdAt = this.now();
    const state = Y.encodeStateAsUpdate(room.doc);
    room.changedSinceSnapshot = false;
    room.lastSnapshotAt = createdAt;
    const meta = await this.storage.addSnapshot({ docName: room.name, createdAt, kind, label, state });
    const expired = selectExpiredSnapshots(await this.storage.listSnapshots(room.name), createdAt, this.policy);
    if (expired.length > 0) await this.storage.deleteSnapshots(room.name, expired);
    return meta;
  }

  private async takeDueSnapshots(): Promise<void> {
    if (this.registry === null) return;
    const now = this.now();
    for (const room of [...this.registry.loadedRooms()]) {
      if (!isIntervalSnapshotDue(room, now, this.policy)) continue;
      try {
        await this.take(room, 'auto', 'automatic');
      } catch (error) {
        this.log.error('automatic snapshot failed', { doc: room.name, error: String(error) });
      }
    }
  }

  private withRegistry(): Registry {
    if (this.registry === null) throw new Error('snapshots used before start()');
    return this.registry;
  }
}
