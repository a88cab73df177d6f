import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';
import { prepareSchema } from './sqlite-schema.ts';
import {
  ScopeTakenError,
  type AppendBatch,
  type ImportedDocument,
  type NewSnapshot,
  type Snapshot,
  type SnapshotKind,
  type SnapshotMeta,
  type Storage,
  type StoredDocument,
} from './storage.ts';

/**
 * 'normal': WAL with synchronous=NORMAL. A commit has reached the operating system when `append`
 * resolves, so a crashed or killed process loses nothing; a power cut or kernel crash can lose the
 * transactions since the last WAL checkpoint sync (seconds).
 * 'full': synchronous=FULL, the WAL is fsynced at every commit, which survives a power cut too at the cost
 * of one fsync per event-loop turn that carried edits.
 *
 * In both modes the WAL is the durable record and checkpoints only copy it into the database file, so a
 * kill -9 in the middle of one loses nothing.
 */
export type Durability = 'normal' | 'full';

/**
 * Where WAL checkpoints run. 'inline': SQLite's own, inside the commit that crosses its threshold (about
 * every 300 small commits; that commit takes 4-5 ms longer for its fsyncs). 'worker': on a thread of their
 * own (checkpointer.ts), so no commit waits for them, at the price of a second V8 isolate, about 15 MiB
 * while commits keep coming. A laptop serving one room takes 'inline'; a busy server can choose 'worker'.
 */
export type Checkpoints = 'inline' | 'worker';

const inlineCheckpoints: Checkpointer = { noteCommit() {}, stop: () => Promise.resolve() };

/** SQLite's default wal_autocheckpoint, in pages of the WAL. */
const sqliteAutocheckpointPages = 1000;

interface SnapshotRow {
  id: number;
  doc: string;
  created_at: number;
  kind: SnapshotKind;
  label: string;
  size: number;
}

export function openSqliteStorage(dataDir: string, durability: Durability = 'normal', checkpoints: Checkpoints = 'inline'): Storage {
  mkdirSync(dataDir, { recursive: true });
  const dbPath = join(dataDir, 'tributary.sqlite');
  const synchronous = durability === 'full' ? 'FULL' : 'NORMAL';
  const db = new Database(dbPath);
  try {
    // First, so that a database of a newer layout is refused before anything in it changes.
    prepareSchema(db);
  } catch (error) {
    db.close();
    throw error;
  }
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  // With 'worker', the worker checkpoints; this connection does so only if the WAL reaches ten times SQLite's threshold, which
  // happens when the worker cannot finish a checkpoint between commits that never pause, and keeps the WAL
  // bounded then. Should the worker fail, SQLite's own threshold applies again.
  // One fsync stays here by design: the first commit after a finished checkpoint rewrites the WAL from its
  // start and syncs the new header first, so that a power cut cannot leave old frames looking valid; only
  // synchronous=OFF skips that, at the price of a database that a power cut can corrupt. No journal_size_limit:
  // the WAL file keeps the size it reached (bounded as above) rather than this connection truncating and regrowing it.
  db.pragma(`wal_autocheckpoint = ${checkpoints === 'worker' ? 10 * sqliteAutocheckpointPages : sqliteAutocheckpointPages}`);
  const checkpointer =
    checkpoints === 'inline'
      ? inlineCheckpoints
      : startCheckpointer(dbPath, synchronous, (error) => {
          process.emitWarning(`SQLite checkpoints are back on the event loop: the checkpoint worker failed (${error.message})`);
          if (db.open) db.pragma(`wal_autocheckpoint = ${sqliteAutocheckpointPages}`);
        });

  const selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM updates WHERE doc = ? ORDER BY seq',
  );
  const insertUpdate = db.prepare<[string, Uint8Array]>('INSERT INTO updates (doc, data) VALUES (?, ?)');
  const deleteUpTo = db.prepare<[string, number]>('DELETE FROM updates WHERE doc = ? AND seq <= ?');
  const insertUpdateAt = db.prepare<[number, string, Uint8Array]>('INSERT INTO updates (seq, doc, data) VALUES (?, ?, ?)');
  const countRows = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM updates WHERE doc = ?');
  // A range on the (doc, seq) index rather than LIKE, whose wildcards would need escaping.
  const selectDocNames = db.prepare<[string, string], { doc: string }>(
    'SELECT DISTINCT doc FROM updates WHERE doc >= ? AND doc < ? ORDER BY doc',
  );
  const insertSnapshot = db.prepare<[string, number, string, string, Uint8Array]>(
    'INSERT INTO snapshots (doc, created_at, kind, label, data) VALUES (?, ?, ?, ?, ?)',
  );
  const selectSnapshots = db.prepare<[string], SnapshotRow>(
    'SELECT id, doc, created_at, kind, label, length(data) AS size FROM snapshots WHERE doc = ? ORDER BY id',
  );
  const selectSnapshot = db.prepare<[string, number], SnapshotRow & { data: Buffer }>(
    'SELECT id, doc, created_at, kind, label, length(data) AS size, data FROM snapshots WHERE doc = ? AND id = ?',
  );
  const deleteSnapshot = db.prepare<[string, number]>('DELETE FROM snapshots WHERE doc = ? AND id = ?');

  // The scope itself, or a name in [scope/, scope/\uffff): ranges on the indexes, as selectDocNames.
  const anyUpdateUnder = db.prepare<[string, string, string], { one: number }>(
    'SELECT 1 AS one FROM updates WHERE doc = ? OR (doc >= ? AND doc < ?) LIMIT 1',
  );
  const anySnapshotUnder = db.prepare<[string, string, string], { one: number }>(
    'SELECT 1 AS one FROM snapshots WHERE doc = ? OR (doc >= ? AND doc < ?) LIMIT 1',
  );
  const importAll = db.transaction((scope: string, docs: ImportedDocument[], snapshots: NewSnapshot[]) => {
    const under = [scope, `${scope}/`, `${scope}/\uffff`] as const;
    if (anyUpdateUnder.get(...under) !== undefined || anySnapshotUnder.get(...under) !== undefined) throw new ScopeTakenError(scope);
    for (const { docName, state } of docs) insertUpdate.run(docName, state);
    for (const { docName, createdAt, kind, label, state } of snapshots) insertSnapshot.run(docName, createdAt, kind, label, state);
  });

  const appendAll = db.transaction((batch: AppendBatch[]) => {
    const reached = new Map<string, number>();
    for (const { docName, updates } of batch) {
      for (const update of updates) {
        reached.set(docName, Number(insertUpdate.run(docName, update).lastInsertRowid));
      }
    }
    return reached;
  });
  const compactDoc = db.transaction((docName: string, upToSeq: number, merged: Uint8Array) => {
    deleteUpTo.run(docName, upToSeq);
    // The merged row must sort before the updates that arrived after upToSeq; reusing upToSeq does that.
    insertUpdateAt.run(upToSeq, docName, merged);
  });
  const deleteSnapshotsTx = db.transaction((docName: string, ids: number[]) => {
    for (const id of ids) deleteSnapshot.run(docName, id);
  });

  return {
    async load(docName): Promise<StoredDocument> {
      const rows = selectUpdates.all(docName);
      return { updates: rows.map((row) => row.data), lastSeq: rows.at(-1)?.seq ?? 0 };
    },
    async append(batch) {
      const reached = appendAll(batch);
      checkpointer.noteCommit();
      return reached;
    },
    async compact(docName, upToSeq, mergedState) {
      compactDoc(docName, upToSeq, mergedState);
      checkpointer.noteCommit();
    },
    async countUpdates(docName) {
      return countRows.get(docName)?.n ?? 0;
    },
    async listDocNames(prefix) {
      return selectDocNames.all(prefix, `${prefix}\uffff`).map((row) => row.doc);
    },
    async addSnapshot(snapshot: NewSnapshot): Promise<SnapshotMeta> {
      const { docName, createdAt, kind, label, state } = snapshot;
      const id = Number(insertSnapshot.run(docName, createdAt, kind, label, state).lastInsertRowid);
      checkpointer.noteCommit();
      return { id, docName, createdAt, kind, label, byteLength: state.byteLength };
    },
    async listSnapshots(docName) {
      return selectSnapshots.all(docName).map(toMeta);
    },
    async getSnapshot(docName, id): Promise<Snapshot | null> {
      const row = selectSnapshot.get(docName, id);
      return row ? { ...toMeta(row), state: row.data } : null;
    },
    async deleteSnapshots(docName, ids) {
      deleteSnapshotsTx(docName, ids);
      checkpointer.noteCommit();
    },
    async importDocuments(scope, docs, snapshots) {
      importAll(scope, docs, snapshots);
      checkpointer.noteCommit();
    },
    async close() {
      await checkpointer.stop();
      // Leaves one self-contained database file, so that copying the data folder of a stopped server is enough.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

function toMeta(row: SnapshotRow): SnapshotMeta {
  return {
    id: row.id,
    docName: row.doc,
    createdAt: row.created_at,
    kind: row.kind,
    label: row.label,
    byteLength: row.size,
  };
}
