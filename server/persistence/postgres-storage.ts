import pg from 'pg';
import * as Y from 'yjs';
import { preparePostgresSchema } from './postgres-schema.ts';
import { inPooledTransaction } from './postgres-transaction.ts';
import { ScopeTakenError, type NewSnapshot, type Snapshot, type SnapshotKind, type SnapshotMeta, type Storage, type StoredDocument } from './storage.ts';

/** The PostgreSQL storage also answers whether its server is reachable (for /healthz and recovery). */
export interface PostgresStorage extends Storage {
  /** Resolves if a round trip to the server succeeds within `timeoutMs`, rejects otherwise. */
  ping(timeoutMs: number): Promise<void>;
}

interface SnapshotRow {
  id: string;
  doc: string;
  created_at: string;
  kind: SnapshotKind;
  label: string;
  size: number;
}

/** A view that pg sends as bytea (it recognises Buffers, not plain Uint8Arrays). */
const asBuffer = (data: Uint8Array): Buffer =>
  Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/**
 * Storage on PostgreSQL, for several Tributary instances sharing one database. Commits use PostgreSQL's
 * defaults (synchronous_commit on): `append` resolves once the commit is flushed to the server's WAL, which
 * is what SQLite's durability 'full' promises. A turn's batch is one INSERT statement, so one round trip and
 * one commit however many documents it touched.
 */
export async function openPostgresStorage(connectionString: string): Promise<PostgresStorage> {
  const pool = new pg.Pool({
    connectionString,
    max: 8,
    // A server that stopped answering must fail commits (so clients are told) rather than hold them forever.
    connectionTimeoutMillis: 5_000,
    query_timeout: 15_000,
    keepAlive: true,
  });
  // An idle connection the server dropped is reported here; the next query opens a new one. Without a
  // listener, the pool's error event would end the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await preparePostgresSchema(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }

  return {
    async load(docName): Promise<StoredDocument> {
      const { rows } = await pool.query<{ seq: string; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE doc = $1 ORDER BY seq',
        [docName],
      );
      return { updates: rows.map((row) => row.data), lastSeq: Number(rows.at(-1)?.seq ?? 0) };
    },
    async append(batch) {
      const docs: string[] = [];
      const data: Buffer[] = [];
      for (const { docName, updates } of batch) {
        for (const update of updates) {
          docs.push(docName);
          data.push(asBuffer(update));
        }
      }
      const reached = new Map<string, number>();
      if (docs.length === 0) return reached;
      // One statement is one transaction; ORDER BY the array position gives a document's updates their
      // sequence numbers in the order they came.
      const { rows } = await pool.query<{ doc: string; seq: string }>(
        `INSERT INTO updates (doc, data)
         SELECT doc, data FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS batch(doc, data, position)
         ORDER BY position
         RETURNING doc, seq`,
        [docs, data],
      );
      for (const { doc, seq } of rows) reached.set(doc, Math.max(reached.get(doc) ?? 0, Number(seq)));
      return reached;
    },
    async compact(docName, upToSeq, mergedState) {
      await inPooledTransaction(pool, async (client) => {
        // Only one instance compacts a document at a time; one that finds it taken leaves the work to it.
        const { rows: lock } = await client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
          [`tributary:compact:${docName}`],
        );
        if (!lock[0]!.locked) return;
        const { rows } = await client.query<{ seq: string; data: Buffer }>(
          'SELECT seq, data FROM updates WHERE doc = $1 AND seq <= $2 ORDER BY seq',
          [docName, upToSeq],
        );
        if (rows.length === 0) return;
        const seqs = rows.map((row) => row.seq);
        // Only the rows read here are replaced: a row committed since, even with a lower sequence (they are
        // handed out before commit), stays.
        await client.query('DELETE FROM updates WHERE doc = $1 AND seq = ANY($2::bigint[])', [docName, seqs]);
        await client.query('INSERT INTO updates (seq, doc, data) VALUES ($1, $2, $3)', [
          seqs.at(-1),
          docName,
          asBuffer(stateCovering(mergedState, rows.map((row) => row.data))),
        ]);
      });
    },
    async countUpdates(docName) {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM updates WHERE doc = $1', [docName]);
      return Number(rows[0]!.n);
    },
    async listDocNames(prefix) {
      // A range on the (doc, seq) index, as in SQLite; the column's "C" collation makes it byte order.
      const { rows } = await pool.query<{ doc: string }>(
        'SELECT DISTINCT doc FROM updates WHERE doc >= $1 AND doc < $2 ORDER BY doc',
        [prefix, `${prefix}\uffff`],
      );
      return rows.map((row) => row.doc);
    },
    async addSnapshot(snapshot: NewSnapshot): Promise<SnapshotMeta> {
      const { docName, createdAt, kind, label, state } = snapshot;
      const { rows } = await pool.query<{ id: string }>(
        'INSERT INTO snapshots (doc, created_at, kind, label, data) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [docName, createdAt, kind, label, asBuffer(state)],
      );
      return { id: Number(rows[0]!.id), docName, createdAt, kind, label, byteLength: state.byteLength };
    },
    async listSnapshots(docName) {
      const { rows } = await pool.query<SnapshotRow>(
        'SELECT id, doc, created_at, kind, label, octet_length(data) AS size FROM snapshots WHERE doc = $1 ORDER BY id',
        [docName],
      );
      return rows.map(toMeta);
    },
    async getSnapshot(docName, id): Promise<Snapshot | null> {
      const { rows } = await pool.query<SnapshotRow & { data: Buffer }>(
        'SELECT id, doc, created_at, kind, label, octet_length(data) AS size, data FROM snapshots WHERE doc = $1 AND id = $2',
        [docName, id],
      );
      const row = rows[0];
      return row ? { ...toMeta(row), state: row.data } : null;
    },
    async deleteSnapshots(docName, ids) {
      if (ids.length === 0) return;
      await pool.query('DELETE FROM snapshots WHERE doc = $1 AND id = ANY($2::bigint[])', [docName, ids]);
    },
    async importDocuments(scope, docs, snapshots) {
      await inPooledTransaction(pool, async (client) => {
        // Two instances importing the same route at once: the second waits here, then finds the first's rows.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tributary:import:${scope}`]);
        const under = [scope, `${scope}/`, `${scope}/\uffff`];
        const { rows } = await client.query(
          `SELECT 1 FROM updates WHERE doc = $1 OR (doc >= $2 AND doc < $3)
           UNION ALL SELECT 1 FROM snapshots WHERE doc = $1 OR (doc >= $2 AND doc < $3) LIMIT 1`,
          under,
        );
        if (rows.length > 0) throw new ScopeTakenError(scope);
        for (const { docName, state } of docs) await client.query('INSERT INTO updates (doc, data) VALUES ($1, $2)', [docName, asBuffer(state)]);
        for (const { docName, createdAt, kind, label, state } of snapshots) {
          await client.query('INSERT INTO snapshots (doc, created_at, kind, label, data) VALUES ($1, $2, $3, $4, $5)', [docName, createdAt, kind, label, asBuffer(state)]);
        }
      });
    },
    async exclusively(key, work) {
      // Held for the transaction: released by its end, also when this instance's connection drops.
      return inPooledTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tributary:${key}`]);
        return work();
      });
    },
    async ping(timeoutMs) {
      const client = await pool.connect();
      try {
        await client.query({ text: 'SELECT 1', query_timeout: timeoutMs } as pg.QueryConfig);
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * The state to store in place of `rows`. The caller encoded `merged` from its own document, but with several
 * instances that document may lack a row another instance committed whose update has not reached it yet;
 * such a row must not be deleted unmerged. If the rows add nothing to `merged` (the usual case, and the only
 * one with a single instance), `merged` is stored as given; otherwise their union.
 */
function stateCovering(merged: Uint8Array, rows: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, merged);
    const before = Y.snapshot(doc);
    Y.transact(doc, () => {
      for (const row of rows) Y.applyUpdate(doc, row);
    });
    const store = doc.store;
    const complete = store.pendingStructs === null && store.pendingDs === null;
    return complete && Y.equalSnapshots(before, Y.snapshot(doc)) ? merged : Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

function toMeta(row: SnapshotRow): SnapshotMeta {
  return {
    id: Number(row.id),
    docName: row.doc,
    createdAt: Number(row.created_at),
    kind: row.kind,
    label: row.label,
    byteLength: row.size,
  };
}
