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
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('creates a missing data folder, nested, and keeps one database file in it', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'tributary-storage-'));
    dirs.push(parent);
    const dir = join(parent, 'not', 'yet', 'there');
    const storage = openSqliteStorage(dir);
    await storage.append([{ docName: 'route/a/river', updates: [Uint8Array.of(0, 0)] }]);
    await storage.close();
    expect(existsSync(join(dir, 'tributary.sqlite'))).toBe(true);
  });

  it('keeps separate folders separate', async () => {
    const first = await mkdtemp(join(tmpdir(), 'tributary-storage-'));
    const second = await mkdtemp(join(tmpdir(), 'tributary-storage-'));
    dirs.push(first, second);
    const a = openSqliteStorage(first);
    const b = openSqliteStorage(second);
    await a.append([{ docName: 'route/a/river', updates: [Uint8Array.of(1)] }]);
    expect(await b.load('route/a/river')).toEqual({ updates: [], lastSeq: 0 });
    await a.close();
    await b.close();
  });
});
