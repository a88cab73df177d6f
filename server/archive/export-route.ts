import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { pack as tarPack } from 'tar-stream';
import * as Y from 'yjs';
import { routeDocName } from '../../shared/schema/doc-kinds.ts';
import { RouteDoc } from '../../shared/schema/route.ts';
import type { Registry } from '../docs/registry.ts';
import { isUnderScope, type Storage } from '../persistence/storage.ts';
import type { PhotoStore } from '../photos/photo-store.ts';
import {
  archiveFormat,
  archiveVersion,
  docEntryName,
  headEntry,
  manifestEntry,
  photoEntryName,
  relativeDocName,
  snapshotEntryName,
  type ArchiveHead,
  type Manifest,
  type ManifestEntry,
} from './archive-format.ts';

export interface ArchiveSources {
  storage: Storage;
  registry: Registry;
  photos: PhotoStore;
  now?: () => number;
}

/**
 * The route's archive as a stream of tar bytes (see archive-format.ts). Documents are read from storage
 * after the registry's flush, one at a time, so the server holds one document's state and one photo at a
 * time however large the route; the stream waits for its reader (tar-stream's backpressure) before reading
 * the next. A failure part way ends the stream with an error: what arrived has no manifest and would be
 * refused by an import.
 */
export async function exportRoute(routeId: string, sources: ArchiveSources): Promise<ReadableStream<Uint8Array>> {
  const { storage, registry, photos } = sources;
  await registry.flush();
  const scope = routeDocName(routeId);
  const docNames = (await storage.listDocNames(scope)).filter((name) => isUnderScope(name, scope));
  const title = await registry.withRoom(scope, (room) => new RouteDoc(room.doc).readSetup().title);
  const photoIds = await photos.list(routeId);
  const tar = tarPack();
  const entries: ManifestEntry[] = [];
  const add = (name: string, data: Uint8Array, extra: Partial<ManifestEntry> = {}): Promise<void> => {
    entries.push({ name, size: data.byteLength, sha256: createHash('sha256').update(data).digest('hex'), ...extra });
    return new Promise((resolve, reject) => tar.entry({ name, size: data.byteLength, mtime: new Date(0) }, Buffer.from(data.buffer, data.byteOffset, data.byteLength), (error) => (error ? reject(error) : resolve())));
  };
  const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

  const write = async (): Promise<void> => {
    const head: ArchiveHead = { format: archiveFormat, version: archiveVersion, routeId, title, exportedAt: (sources.now ?? Date.now)() };
    await add(headEntry, json(head));
    for (const docName of docNames) {
      const stored = await storage.load(docName);
      await add(docEntryName(relativeDocName(routeId, docName)), Y.mergeUpdates(stored.updates));
    }
    for (const docName of docNames) {
      let index = 0;
      for (const meta of await storage.listSnapshots(docName)) {
        const snapshot = await storage.getSnapshot(docName, meta.id);
        if (snapshot === null) continue;
        await add(snapshotEntryName(relativeDocName(routeId, docName), ++index), snapshot.state, { snapshot: { createdAt: meta.createdAt, kind: meta.kind, label: meta.label } });
      }
    }
    for (const id of photoIds) {
      for (const size of ['full', 'thumb'] as const) {
        const file = await photos.file(routeId, id, size);
        if (file !== null) await add(photoEntryName(id, size), await readFile(file.path));
      }
    }
    const manifest: Manifest = { format: archiveFormat, version: archiveVersion, entries: [...entries] };
    await add(manifestEntry, json(manifest));
    tar.finalize();
  };
  write().catch((error: unknown) => tar.destroy(error instanceof Error ? error : new Error(String(error))));
  // Pulled: a chunk is taken from the tar stream only when the response wants one.
  const chunks = (tar as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel() {
      tar.destroy();
    },
  });
}
