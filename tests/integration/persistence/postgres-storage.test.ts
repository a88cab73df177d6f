import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { currentPostgresVersion } from '../../../server/persistence/postgres-schema.ts';
import { openPostgresStorage } from '../../../server/persistence/postgres-storage.ts';
import type { Storage } from '../../../server/persistence/storage.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../scripts/services/postgres.ts';
import { runStorageContract, type StorageFixture } from './storage-contract.ts';

let cluster: ThrowawayPostgres;
let databases = 0;
beforeAll(async () => {
  cluster = await startThrowawayPostgres();
});
afterAll(async () => {
  await cluster?.destroy();
});

/** A fresh database per test: the contract's "fresh, empty data". */
const newDatabase = (): Promise<string> => cluster.createDatabase(`contract_${++databases}`);

async function openFixture(): Promise<StorageFixture> {
  const url = await newDatabase();
  let storage: Storage = await openPostgresStorage(url);
  return {
    storage,
    async reopen() {
      await storage.close();
      storage = await openPostgresStorage(url);
      return storage;
    },
    async cleanup() {
      await storage.close();
    },
  };
}

runStorageContract('PostgreSQL', openFixture);

describe('openPostgresStorage', () => {
  it('creates its layout once, however many instances start at once', async () => {
    const url = await newDatabase();
    const storages = await Promise.all([1, 2, 3].map(() => openPostgresStorage(url)));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT version FROM tributary_layout');
    await client.end();
    expect(rows).toEqual([{ version: currentPostgresVersion }]);
    await Promise.all(storages.map((storage) => storage.close()));
  });

  it('refuses a database written by a newer layout and leaves it as it was', async () => {
    const url = await newDatabase();
    await (await openPostgresStorage(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('UPDATE tributary_layout SET version = $1', [currentPostgresVersion + 1]);
    await expect(openPostgresStorage(url)).rejects.toThrow(/newer Tributary \(layout 2, this one knows 1\)/);
    const { rows } = await client.query('SELECT version FROM tributary_layout');
    await client.end();
    expect(rows).toEqual([{ version: currentPostgresVersion + 1 }]);
  });

  it('refuses to start, with the reason, when the server cannot be reached', async () => {
    await expect(openPostgresStorage('postgres://tributary@127.0.0.1:1/none')).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('compaction by several instances', () => {
  function edits(clientID: number, count: number): { doc: Y.Doc; updates: Uint8Array[] } {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < count; i++) doc.getArray<string>('cards').push([`${clientID}-${i}`]);
    return { doc, updates };
  }
  const cardsOf = (updates: Uint8Array[]): string[] => {
    const doc = new Y.Doc();
    for (const update of updates) Y.applyUpdate(doc, update);
    return doc.getArray<string>('cards').toArray().sort();
  };

  it('two instances compacting the same document at once: one wins, nothing is lost', async () => {
    const url = await newDatabase();
    const [a, b] = await Promise.all([openPostgresStorage(url), openPostgresStorage(url)]);
    const one = edits(1, 40);
    const two = edits(2, 40);
    let upTo = 0;
    for (let i = 0; i < 40; i++) {
      upTo = (await a.append([{ docName: 'route/x/river', updates: [one.updates[i]!] }])).get('route/x/river')!;
      upTo = (await b.append([{ docName: 'route/x/river', updates: [two.updates[i]!] }])).get('route/x/river')!;
    }
    const expected = cardsOf((await a.load('route/x/river')).updates);
    // Each instance knows only its own client's edits, as if the other's had not reached it yet.
    await Promise.all([
      a.compact('route/x/river', upTo, Y.encodeStateAsUpdate(one.doc)),
      b.compact('route/x/river', upTo, Y.encodeStateAsUpdate(two.doc)),
    ]);
    const after = await a.load('route/x/river');
    expect(after.updates).toHaveLength(1);
    expect(after.lastSeq).toBe(upTo);
    expect(cardsOf(after.updates)).toEqual(expected);
    expect(expected).toHaveLength(80);
    await Promise.all([a.close(), b.close()]);
  });
});
