/**
 * What the server needs from durable storage. The SQLite implementation is the embedded default;
 * PostgreSQL or Redis implementations fill the same interface without touching protocol or registry code.
 * Every method is async so that networked backends fit; the SQLite one resolves immediately.
 */

export interface StoredDocument {
  /** Yjs updates in the order they were stored; applying all of them yields the document. */
  updates: Uint8Array[];
  /** The newest stored sequence number; compaction replaces everything up to a given sequence. */
  lastSeq: number;
}

export interface AppendBatch {
  docName: string;
  updates: Uint8Array[];
}

export type SnapshotKind = 'auto' | 'unload' | 'manual' | 'before-restore';

export interface SnapshotMeta {
  id: number;
  docName: string;
  createdAt: number;
  kind: SnapshotKind;
  label: string;
  byteLength: number;
}

export interface Snapshot extends SnapshotMeta {
  state: Uint8Array;
}

export interface NewSnapshot {
  docName: string;
  createdAt: number;
  kind: SnapshotKind;
  label: string;
  state: Uint8Array;
}

/** A document brought whole from elsewhere (a route archive): its state as one update. */
export interface ImportedDocument {
  docName: string;
  state: Uint8Array;
}

/** `importDocuments` found something stored under the scope already: nothing was written. */
export class ScopeTakenError extends Error {
  constructor(readonly scope: string) {
    super(`documents under "${scope}" are stored already`);
  }
}

/** Whether a document name is `scope` itself or lies under `scope/`. */
export const isUnderScope = (docName: string, scope: string): boolean => docName === scope || docName.startsWith(`${scope}/`);

export interface Storage {
  /** Loads everything stored for a document (empty for a new one). */
  load(docName: string): Promise<StoredDocument>;
  /**
   * Durably appends updates for several documents at once: one transaction for the whole batch, so one
   * event-loop turn costs one commit however many documents and messages it touched. Resolves with the
   * sequence number each document reached, once the data is committed.
   */
  append(batch: AppendBatch[]): Promise<Map<string, number>>;
  /** Replaces stored updates up to and including `upToSeq` with one merged state, in one transaction. */
  compact(docName: string, upToSeq: number, mergedState: Uint8Array): Promise<void>;
  /** Number of stored update rows for a document: the compaction policy's input. */
  countUpdates(docName: string): Promise<number>;
  /** Names of the stored documents that start with `prefix`, sorted. */
  listDocNames(prefix: string): Promise<string[]>;

  addSnapshot(snapshot: NewSnapshot): Promise<SnapshotMeta>;
  listSnapshots(docName: string): Promise<SnapshotMeta[]>;
  getSnapshot(docName: string, id: number): Promise<Snapshot | null>;
  deleteSnapshots(docName: string, ids: number[]): Promise<void>;

  /**
   * Writes documents and their snapshots in one transaction, only if nothing is stored under `scope` (the
   * name itself or names under `scope/`): otherwise rejects with ScopeTakenError, having written nothing.
   * A route archive's import: all of it or none of it, and never over what exists.
   */
  importDocuments(scope: string, docs: ImportedDocument[], snapshots: NewSnapshot[]): Promise<void>;

  /**
   * Runs `work` while no other instance sharing this storage runs work under the same `key`. Absent where
   * one instance owns the storage (SQLite): its own event loop already takes decisions one at a time.
   */
  exclusively?<T>(key: string, work: () => Promise<T>): Promise<T>;

  close(): Promise<void>;
}
