import type Database from 'better-sqlite3';

/**
 * The database layout, versioned with SQLite's `user_version`.
 *
 * Version 1 drops version 0's AUTOINCREMENT: it made every commit also update the sqlite_sequence table,
 * a third page written besides the table's and the index's. Without it, SQLite gives a new row the highest
 * rowid plus one, which never goes back here: rows are only deleted by compaction, which writes its merged
 * row at the sequence of the last row it replaced, in the same transaction.
 * (A table keyed by (doc, seq) WITHOUT ROWID would write one page, but SQLite compares a key against a whole
 * row when the row overflows its page, so every commit read a document's compacted state back from disk.)
 */
const currentVersion = 1;

const updatesTable = (name: string): string => `
CREATE TABLE ${name} (
  seq INTEGER PRIMARY KEY,
  doc TEXT NOT NULL,
  data BLOB NOT NULL
);`;

const snapshotsTable = `
CREATE TABLE IF NOT EXISTS snapshots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS snapshots_doc ON snapshots (doc, id);`;

/** Creates the tables of a new database, or brings an older one to the current layout in one transaction. */
export function prepareSchema(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > currentVersion) {
    throw new Error(`the database was written by a newer Tributary (layout ${version}, this one knows ${currentVersion})`);
  }
  if (version === currentVersion) return;
  db.transaction(() => {
    const hasUpdates = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'updates'").get() !== undefined;
    if (hasUpdates) {
      db.exec(updatesTable('updates_v1'));
      db.exec('INSERT INTO updates_v1 (seq, doc, data) SELECT seq, doc, data FROM updates');
      // Dropping the table drops its index and its sqlite_sequence row.
      db.exec('DROP TABLE updates');
      db.exec('ALTER TABLE updates_v1 RENAME TO updates');
    } else {
      db.exec(updatesTable('updates'));
    }
    db.exec('CREATE INDEX updates_doc_seq ON updates (doc, seq)');
    db.exec(snapshotsTable);
    db.pragma(`user_version = ${currentVersion}`);
  })();
}
