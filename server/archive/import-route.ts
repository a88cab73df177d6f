import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { extract as tarExtract } from 'tar-stream';
import * as Y from 'yjs';
import { routeDocName, serverDocName } from '../../shared/schema/doc-kinds.ts';
import { peopleRoots } from '../../shared/schema/people.ts';
import type { Registry } from '../docs/registry.ts';
import { isUnderScope, ScopeTakenError, type ImportedDocument, type NewSnapshot, type Storage } from '../persistence/storage.ts';
import type { PhotoStore } from '../photos/photo-store.ts';
import { parseEntryName, readHead, readManifest, routeDocNameOf, type ArchiveHead, type ManifestEntry } from './archive-format.ts';

/** Why an archive was refused; nothing of it was written. The HTTP layer answers it as its JSON error. */
export class ArchiveRefused extends Error {
  constructor(
    readonly status: 400 | 409 | 413,
    readonly error: string,
    message: string,
    readonly details: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ImportTargets {
  storage: Storage;
  registry: Registry;
  photos: PhotoStore;
  /** The largest archive accepted, in bytes. */
  maxBytes: number;
}

export interface ImportResult {
  routeId: string;
  title: string;
  documents: number;
  snapshots: number;
  photos: number;
  people: number;
}

/**
 * Documents and snapshots are held in memory until the one transaction that writes them; photos go to
 * files as they arrive. This bounds the first part whatever the archive's size limit.
 */
const maxInMemoryBytes = 256 * 1024 * 1024;

/** Routes being imported now, in this process: a second import of one of them waits for no transaction to refuse it. */
const importing = new Set<string>();

/**
 * Reads a route archive as it arrives, checks it whole, and writes it only then: documents and snapshots in
 * one storage transaction that also refuses a route already stored, photos moved into place just before it
 * (and removed if it fails). Under `asRouteId` when given, the archive's own route id otherwise.
 */
export async function importRoute(body: ReadableStream<Uint8Array>, asRouteId: string | null, targets: ImportTargets): Promise<ImportResult> {
  const { storage, photos, maxBytes } = targets;
  const tar = tarExtract();
  const stop = new AbortController();
  let received = 0;
  let tooLarge = false;
  // The body is fed to the parser here; the loop below reads the entries the parser finds.
  const reader = body.getReader();
  stop.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined));
  const feeding = (async () => {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      const chunk = next.value;
      received += chunk.byteLength;
      if (received > maxBytes) {
        tooLarge = true;
        throw new Error('too large');
      }
      if (!tar.write(chunk)) await once(tar, 'drain', { signal: stop.signal });
    }
    tar.end();
  })().catch((error: unknown) => tar.destroy(error instanceof Error ? error : new Error(String(error))));

  let head: ArchiveHead | null = null;
  let routeId = '';
  let staging: string | null = null;
  const read: ManifestEntry[] = [];
  const docs = new Map<string, Uint8Array>();
  const snapshotStates = new Map<string, { relative: string; state: Uint8Array }>();
  const photoFiles = new Map<string, Set<string>>();
  let inMemory = 0;
  let manifest: ManifestEntry[] | null = null;
  let claimed = false;
  try {
    try {
      for await (const entry of tar) {
        const { name, size = 0, type } = entry.header;
        if (type !== 'file' || manifest !== null) throw damaged(`The archive holds "${name}" where its end should be.`);
        const parsed = parseEntryName(name);
        if (parsed === null) throw damaged(`The archive holds "${name}", which a route archive never has.`);
        if (head === null && parsed.kind !== 'head') throw new ArchiveRefused(400, 'not_an_archive', 'This file is not a Tributary route archive.');
        if (read.some((seen) => seen.name === name)) throw damaged(`The archive holds "${name}" twice.`);
        const hash = createHash('sha256');
        let bytes = 0;
        if (parsed.kind === 'photo') {
          if (staging === null) throw damaged('The archive is out of order.');
          const dir = join(staging, parsed.photoId);
          await mkdir(dir, { recursive: true });
          const file = await open(join(dir, `${parsed.size}.jpg`), 'w');
          try {
            for await (const chunk of entry as AsyncIterable<Uint8Array>) {
              hash.update(chunk);
              bytes += chunk.byteLength;
              await file.write(chunk);
            }
            await file.sync();
          } finally {
            await file.close();
          }
          let sizes = photoFiles.get(parsed.photoId);
          if (sizes === undefined) photoFiles.set(parsed.photoId, (sizes = new Set()));
          sizes.add(parsed.size);
        } else {
          inMemory += size;
          if (inMemory > maxInMemoryBytes) throw tooLargeError(maxInMemoryBytes, 'Its documents and snapshots');
          const chunks: Uint8Array[] = [];
          for await (const chunk of entry as AsyncIterable<Uint8Array>) {
            hash.update(chunk);
            bytes += chunk.byteLength;
            chunks.push(chunk);
          }
          const data = Buffer.concat(chunks);
          if (parsed.kind === 'head') {
            const headOrWhy = readHead(parseJson(data));
            if (typeof headOrWhy === 'string') throw new ArchiveRefused(400, 'not_an_archive', headOrWhy);
            head = headOrWhy;
            routeId = asRouteId ?? head.routeId;
            // Refused before the photos are read, so a wrong import is told at once.
            await refuseIfTaken(routeId, targets, importing.has(routeId));
            importing.add(routeId);
            claimed = true;
            staging = await photos.stagingDir(routeId);
          } else if (parsed.kind === 'manifest') {
            const entries = readManifest(parseJson(data))?.entries;
            if (entries === undefined) throw damaged('The archive’s manifest cannot be read.');
            manifest = entries;
            continue;
          } else if (parsed.kind === 'doc') docs.set(parsed.relative, data);
          else snapshotStates.set(name, { relative: parsed.relative, state: data });
        }
        read.push({ name, size: bytes, sha256: hash.digest('hex') });
      }
    } catch (error) {
      if (tooLarge) throw tooLargeError(maxBytes, 'It');
      if (error instanceof ArchiveRefused) throw error;
      throw new ArchiveRefused(400, 'archive_truncated', 'The archive ends before its end: it was cut short (an interrupted download or copy). Export it again.');
    }
    await feeding;
    if (head === null) throw new ArchiveRefused(400, 'not_an_archive', 'This file is not a Tributary route archive.');
    if (manifest === null) throw new ArchiveRefused(400, 'archive_truncated', 'The archive has no manifest at its end: it was cut short. Export it again.');
    checkAgainstManifest(read, manifest);
    const snapshotMeta = new Map(manifest.map((entry) => [entry.name, entry.snapshot]));
    if (!docs.has('')) throw damaged('The archive holds no route document.');
    for (const [photoId, sizes] of photoFiles) if (sizes.size !== 2) throw damaged(`Photo ${photoId} is missing one of its two sizes.`);

    const imported: ImportedDocument[] = [];
    let people = 0;
    for (const [relative, state] of docs) {
      const docName = routeDocNameOf(routeId, relative);
      const checked = checkedState(state, docName);
      if (docName === serverDocName(routeId)) {
        people = checked.getMap(peopleRoots.people).size;
        imported.push({ docName, state: withoutJoinCodes(checked) });
      } else imported.push({ docName, state });
      checked.destroy();
    }
    const snapshots: NewSnapshot[] = [...snapshotStates].map(([name, { relative, state }]) => {
      const docName = routeDocNameOf(routeId, relative);
      checkedState(state, docName).destroy();
      const meta = snapshotMeta.get(name)!;
      return { docName, state, createdAt: meta.createdAt, kind: meta.kind, label: meta.label };
    });

    const removePhotos = await photos.placeStaged(routeId, staging!, [...photoFiles.keys()]);
    try {
      await storage.importDocuments(routeDocName(routeId), imported, snapshots);
    } catch (error) {
      await removePhotos();
      if (error instanceof ScopeTakenError) await refuseIfTaken(routeId, targets, true);
      throw error;
    }
    return { routeId, title: head.title, documents: imported.length, snapshots: snapshots.length, photos: photoFiles.size, people };
  } finally {
    if (claimed) importing.delete(routeId);
    if (staging !== null) await photos.dropStaging(routeId, staging);
    // Stops reading the body (the request is answered without the rest of it).
    stop.abort();
    tar.destroy();
  }
}

/** Refuses a route id that this server stores or holds documents of (or, `taken`, is importing now). */
async function refuseIfTaken(routeId: string, targets: ImportTargets, taken: boolean): Promise<void> {
  const isTaken = async (id: string): Promise<boolean> =>
    (await targets.storage.listDocNames(routeDocName(id))).some((name) => isUnderScope(name, routeDocName(id))) ||
    [...targets.registry.loadedRooms()].some((room) => isUnderScope(room.name, routeDocName(id)));
  if (!taken && !(await isTaken(routeId))) return;
  let n = 2;
  while (await isTaken(`${routeId}-${n}`)) n++;
  const suggestion = `${routeId}-${n}`;
  throw new ArchiveRefused(
    409,
    'route_exists',
    `This server has a route "${routeId}" already, and an import never replaces one. To add this archive as another route, import it under a new id: POST /api/routes/import?routeId=${suggestion}`,
    { routeId, suggestedRouteId: suggestion },
  );
}

/** The entries read must be the manifest's, in its order, each of its size and checksum. */
function checkAgainstManifest(read: ManifestEntry[], manifest: ManifestEntry[]): void {
  if (read.length !== manifest.length) throw damaged(`The archive holds ${read.length} files where its manifest lists ${manifest.length}.`);
  read.forEach((entry, i) => {
    const listed = manifest[i]!;
    if (listed.name !== entry.name) throw damaged(`The archive holds "${entry.name}" where its manifest lists "${listed.name}".`);
    if (listed.size !== entry.size || listed.sha256 !== entry.sha256) throw damaged(`"${entry.name}" is not the file the archive’s manifest describes: it was changed or damaged.`);
  });
}

/** The state as a document, refused unless it is a whole Yjs update (no parts missing). */
function checkedState(state: Uint8Array, docName: string): Y.Doc {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
  } catch {
    doc.destroy();
    throw damaged(`The state of ${docName} cannot be read.`);
  }
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    doc.destroy();
    throw damaged(`The state of ${docName} is incomplete.`);
  }
  return doc;
}

/**
 * Join codes are credentials of the server that made them, like tokens: they are not carried, and the
 * route gets new ones when its people first load (a code must open one route only on a server).
 */
function withoutJoinCodes(doc: Y.Doc): Uint8Array {
  const codes = doc.getMap(peopleRoots.joinCodes);
  doc.transact(() => {
    for (const key of [...codes.keys()]) codes.delete(key);
  });
  return Y.encodeStateAsUpdate(doc);
}

function parseJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(data));
  } catch {
    return null;
  }
}

const damaged = (message: string) => new ArchiveRefused(400, 'archive_damaged', `${message} Nothing was imported.`);
const tooLargeError = (bytes: number, what: string) =>
  new ArchiveRefused(413, 'archive_too_large', `${what} is larger than this server accepts (${Math.round(bytes / 1024 / 1024)} MB). Nothing was imported; the admin can raise TRIBUTARY_MAX_IMPORT_BYTES.`);
