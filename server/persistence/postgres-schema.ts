import type { PoolClient } from 'pg';
import { inTransaction } from './postgres-transaction.ts';

/**
 * The PostgreSQL layout, versioned in its own one-row table (PostgreSQL has no `user_version`). It mirrors
 * SQLite's layout 1: one row per stored update keyed by a global sequence, one row per snapshot.
 * Several instances may start at once against one database, so the check and the migration run in one
 * transaction under an advisory lock: the second instance waits, then finds the layout current.
 */
export const currentPostgresVersion = 1;

/** Any constant shared by every Tributary instance: the advisory lock that serialises migrations. */
const migrationLockKey = 0x7472_6962; // 'trib'

const layout1 = `
CREATE TABLE updates (
  seq BIGSERIAL PRIMARY KEY,
  doc TEXT COLLATE "C" NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX updates_doc_seq ON updates (doc, seq);
CREATE TABLE snapshots (
  id BIGSERIAL PRIMARY KEY,
  doc TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX snapshots_doc ON snapshots (doc, id);`;

/** Creates the tables of a new database, or refuses one written by a newer Tributary, in one transaction. */
export async function preparePostgresSchema(client: PoolClient): Promise<void> {
  await inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await client.query('CREATE TABLE IF NOT EXISTS tributary_layout (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM tributary_layout');
    const version = rows[0]?.version ?? 0;
    if (version > currentPostgresVersion) {
      throw new Error(
        `the database was written by a newer Tributary (layout ${version}, this one knows ${currentPostgresVersion})`,
      );
    }
    if (version < 1) {
      await client.query(layout1);
      await client.query('INSERT INTO tributary_layout (version) VALUES ($1)', [1]);
    }
  });
}
