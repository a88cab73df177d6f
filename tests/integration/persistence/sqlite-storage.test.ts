import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../../server/persistence/storage.ts';
import { openSqliteStorage, type Durability } from '../../../server/persistence/sqlite-storage.ts';
import { runStorageContract, type StorageFixture } from './storage-contract.ts';

async function openFixture(durability: Durability): Promise<StorageFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-storage-'));
  let storage: Storage = openSqliteStorage(dir, durability);
  return {
    storage,
    async reopen() {
      await storage.close();
      storage = openSqliteStorage(dir, durability);
      return storage;
    },
    async cleanup() {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// Both durability modes change only pragmas, but 'full' is what an operator picks for power-cut safety,
// so it must keep the same contract.
runStorageContract('SQLite, durability normal', () => openFixture('normal'));
runStorageContract('SQLite, durability full', () => openFixture('full'));

describe('openSqliteStorage', () => {
  const dirs: string[] = [];
  const tempDir = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'tributary-storage-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('creates a missing data folder, nested, and keeps one database file in it', async () => {
    const parent = await tempDir();
    const dir = join(parent, 'not', 'yet', 'there');
    const storage = openSqliteStorage(dir);
    await storage.append([{ docName: 'route/a/river', updates: [Uint8Array.of(0, 0)] }]);
    await storage.close();
    expect(existsSync(join(dir, 'tributary.sqlite'))).toBe(true);
  });

  it('keeps separate folders separate', async () => {
    const first = await tempDir();
    const second = await tempDir();
    const a = openSqliteStorage(first);
    const b = openSqliteStorage(second);
    await a.append([{ docName: 'route/a/river', updates: [Uint8Array.of(1)] }]);
    expect(await b.load('route/a/river')).toEqual({ updates: [], lastSeq: 0 });
    await a.close();
    await b.close();
  });

  it('brings a database of the first layout (AUTOINCREMENT) to the current one, keeping every row and sequence', async () => {
    const dir = await tempDir();
    const old = new Database(join(dir, 'tributary.sqlite'));
    old.pragma('journal_mode = WAL');
    // The layout as it shipped until 2026-11-24, written out here because the server no longer holds it.
    old.exec(`
      CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, data BLOB NOT NULL);
      CREATE INDEX updates_doc_seq ON updates (doc, seq);
      CREATE TABLE snapshots (id INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, created_at INTEGER NOT NULL,
        kind TEXT NOT NULL, label TEXT NOT NULL, data BLOB NOT NULL);
      CREATE INDEX snapshots_doc ON snapshots (doc, id);`);
    const insert = old.prepare('INSERT INTO updates (doc, data) VALUES (?, ?)');
    for (let i = 1; i <= 6; i++) insert.run(i % 2 === 0 ? 'route/a/river' : 'route/b/river', Uint8Array.of(i));
    old.prepare("INSERT INTO snapshots (doc, created_at, kind, label, data) VALUES ('route/a/river', 1, 'manual', 'day 1', x'0000')").run();
    old.close();

    const storage = openSqliteStorage(dir);
    expect(await storage.load('route/a/river')).toEqual({ updates: [Buffer.of(2), Buffer.of(4), Buffer.of(6)], lastSeq: 6 });
    expect(await storage.load('route/b/river')).toEqual({ updates: [Buffer.of(1), Buffer.of(3), Buffer.of(5)], lastSeq: 5 });
    expect((await storage.listSnapshots('route/a/river')).map((s) => s.label)).toEqual(['day 1']);
    // New rows go after every migrated one.
    expect((await storage.append([{ docName: 'route/b/river', updates: [Uint8Array.of(7)] }])).get('route/b/river')).toBe(7);
    await storage.close();

    const reopened = openSqliteStorage(dir);
    expect((await reopened.load('route/b/river')).updates).toEqual([1, 3, 5, 7].map((n) => Buffer.of(n)));
    await reopened.close();
  });

  it('refuses a database written by a newer version rather than misreading it', async () => {
    const dir = await tempDir();
    const newer = new Database(join(dir, 'tributary.sqlite'));
    newer.pragma('user_version = 99');
    newer.close();
    expect(() => openSqliteStorage(dir)).toThrow(/newer Tributary/);
    // Refused before anything changed: the file is still in its own journal mode.
    const after = new Database(join(dir, 'tributary.sqlite'));
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    after.close();
  });
});
