import { isPhotoId, type PhotoSize } from '../photos/photo-store.ts';
import type { SnapshotKind } from '../persistence/storage.ts';
import { checkDocName } from '../../shared/doc-names.ts';

/**
 * A route archive is a tar file (ustar), read and written as a stream: photos, the bulk of it, pass
 * through one at a time in either direction, and `tar tf` lists what a file holds. Its entries, in order:
 *
 *   tributary-archive.json          what this is: format, version, the route's id and title
 *   docs/<doc>.yjs                  each document's current state as one Yjs update
 *   snapshots/<doc>/<n>.yjs         each snapshot's state (its time, kind and label are in the manifest)
 *   photos/<photoId>/{full,thumb}.jpg
 *   manifest.json                   every entry above with its size and SHA-256, last
 *
 * `<doc>` is the document's name below `route/<routeId>` (`river`, `case/<hostId>`), `_` for the route's
 * own document: no route id is written anywhere but in the head, so an import under another id renames
 * everything at once. The manifest comes last because each checksum is known once its entry is written;
 * an archive cut short has none, and one whose bytes changed does not match it. Checksums find damage,
 * not intent: whoever can edit an archive can edit its manifest too.
 */
export const archiveFormat = 'tributary-route-archive';
export const archiveVersion = 1;
export const headEntry = 'tributary-archive.json';
export const manifestEntry = 'manifest.json';

export interface ArchiveHead {
  format: typeof archiveFormat;
  version: number;
  routeId: string;
  title: string;
  exportedAt: number;
}

export interface ManifestEntry {
  name: string;
  size: number;
  sha256: string;
  /** Snapshots only. */
  snapshot?: { createdAt: number; kind: SnapshotKind; label: string };
}

export interface Manifest {
  format: typeof archiveFormat;
  version: number;
  entries: ManifestEntry[];
}

const rootDoc = '_';

export const docEntryName = (relative: string): string => `docs/${relative || rootDoc}.yjs`;
export const snapshotEntryName = (relative: string, index: number): string => `snapshots/${relative || rootDoc}/${index}.yjs`;
export const photoEntryName = (photoId: string, size: PhotoSize): string => `photos/${photoId}/${size}.jpg`;

/** A document's name below its route: '' for `route/<id>` itself. */
export const relativeDocName = (routeId: string, docName: string): string => docName.slice(`route/${routeId}`.length + 1);
export const routeDocNameOf = (routeId: string, relative: string): string => (relative === '' ? `route/${routeId}` : `route/${routeId}/${relative}`);

export type ParsedEntry =
  | { kind: 'head' }
  | { kind: 'manifest' }
  | { kind: 'doc'; relative: string }
  | { kind: 'snapshot'; relative: string }
  | { kind: 'photo'; photoId: string; size: PhotoSize };

/** What an entry's name says it holds, or null for a name this format does not have (or an unsafe one). */
export function parseEntryName(name: string): ParsedEntry | null {
  if (name === headEntry) return { kind: 'head' };
  if (name === manifestEntry) return { kind: 'manifest' };
  const doc = /^docs\/(.+)\.yjs$/.exec(name);
  if (doc) return relativeOf(doc[1]!, (relative) => ({ kind: 'doc', relative }));
  const snapshot = /^snapshots\/(.+)\/\d{1,9}\.yjs$/.exec(name);
  if (snapshot) return relativeOf(snapshot[1]!, (relative) => ({ kind: 'snapshot', relative }));
  const photo = /^photos\/([^/]+)\/(full|thumb)\.jpg$/.exec(name);
  if (photo && isPhotoId(photo[1]!)) return { kind: 'photo', photoId: photo[1]!, size: photo[2] as PhotoSize };
  return null;
}

function relativeOf(part: string, make: (relative: string) => ParsedEntry): ParsedEntry | null {
  if (part === rootDoc) return make('');
  // Checked as a document name would be, under a stand-in route id, so that nothing but a route's document results.
  return checkDocName(`route/x/${part}`).ok ? make(part) : null;
}

const snapshotKinds: readonly SnapshotKind[] = ['auto', 'unload', 'manual', 'before-restore'];

/** The head, or a sentence saying why it is not one this server reads. */
export function readHead(value: unknown): ArchiveHead | string {
  const head = value as Partial<ArchiveHead> | null;
  if (typeof head !== 'object' || head === null || head.format !== archiveFormat) return 'This file is not a Tributary route archive.';
  if (head.version !== archiveVersion) return `This archive is of version ${String(head.version)}; this server reads version ${archiveVersion}.`;
  if (typeof head.routeId !== 'string' || !checkDocName(`route/${head.routeId}`).ok || head.routeId.includes('/')) return 'The archive names no valid route id.';
  return { format: archiveFormat, version: archiveVersion, routeId: head.routeId, title: typeof head.title === 'string' ? head.title : '', exportedAt: Number(head.exportedAt) || 0 };
}

export function readManifest(value: unknown): Manifest | null {
  const manifest = value as Partial<Manifest> | null;
  if (typeof manifest !== 'object' || manifest === null || manifest.format !== archiveFormat || !Array.isArray(manifest.entries)) return null;
  const entries: ManifestEntry[] = [];
  for (const raw of manifest.entries as unknown[]) {
    const entry = raw as Partial<ManifestEntry> | null;
    if (typeof entry?.name !== 'string' || typeof entry.size !== 'number' || typeof entry.sha256 !== 'string') return null;
    const snapshot = entry.snapshot;
    if (snapshot !== undefined && (typeof snapshot.createdAt !== 'number' || !snapshotKinds.includes(snapshot.kind) || typeof snapshot.label !== 'string')) return null;
    entries.push({ name: entry.name, size: entry.size, sha256: entry.sha256, ...(snapshot ? { snapshot } : {}) });
  }
  return { format: archiveFormat, version: Number(manifest.version), entries };
}
