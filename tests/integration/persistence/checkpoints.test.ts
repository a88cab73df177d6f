import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitsPerCheckpoint } from '../../../server/persistence/checkpointer.ts';
import { openSqliteStorage, type Durability } from '../../../server/persistence/sqlite-storage.ts';
import { waitFor } from '../helpers/clients.ts';

const fileSize = (path: string): number => (existsSync(path) ? statSync(path).size : 0);

/** Distinct, recognisable updates: the index in the first four bytes, padded to a kibibyte. */
function numbered(i: number): Uint8Array {
  const update = new Uint8Array(1024);
  new DataView(update.buffer).setUint32(0, i);
  return update;
}
const numberOf = (update: Uint8Array): number => new DataView(update.buffer, update.byteOffset).getUint32(0);

// One commit per append, as the registry makes one per event-loop turn.
async function appendNumbered(storage: ReturnType<typeof openSqliteStorage>, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) {
    await storage.append([{ docName: `route/ckpt/plan/${i % 7}`, updates: [numbered(i)] }]);
  }
}

describe.each<Durability>(['normal', 'full'])('WAL checkpoints off the event loop, durability %s', (durability) => {
  let dir: string;
  let dbPath: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tributary-checkpoints-'));
    dbPath = join(dir, 'tributary.sqlite');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('copies committed pages into the database file from the worker while the storage stays open', async () => {
    const storage = openSqliteStorage(dir, durability, 'worker');
    const before = fileSize(dbPath);
    await appendNumbered(storage, 0, 2 * commitsPerCheckpoint);
    // Far below the main connection's own threshold (10,000 pages), so only the worker can have grown the
    // file; a checkpoint copies at least what the first request saw: commitsPerCheckpoint kibibyte updates.
    await waitFor(() => fileSize(dbPath) >= before + commitsPerCheckpoint * 1024, 'a checkpoint by the worker');
    await storage.close();
  });

  it("with inline checkpoints (the default), SQLite's own keep the WAL bounded and start no thread", async () => {
    const threads = (): number => readdirSync('/proc/self/task').length;
    const storage = openSqliteStorage(dir, durability);
    const before = threads();
    // About two WAL pages per commit: 2,000 commits pass SQLite's threshold of 1,000 pages twice.
    await appendNumbered(storage, 0, 2000);
    expect(fileSize(`${dbPath}-wal`)).toBeLessThan(1500 * 4096);
    expect(fileSize(dbPath)).toBeGreaterThan(1000 * 1024);
    if (process.platform === 'linux') expect(threads()).toBe(before);
    await storage.close();
  });

  it('leaves one consistent database file on close, with everything in it', async () => {
    const count = Math.round(2.5 * commitsPerCheckpoint);
    const storage = openSqliteStorage(dir, durability, 'worker');
    await appendNumbered(storage, 0, count);
    await storage.compact('route/ckpt/plan/0', (await storage.load('route/ckpt/plan/0')).lastSeq, numbered(count));
    await storage.addSnapshot({ docName: 'route/ckpt/plan/1', createdAt: 1, kind: 'manual', label: 'kept', state: numbered(1) });
    await storage.close();

    expect(fileSize(`${dbPath}-wal`)).toBe(0);
    const raw = new Database(dbPath);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    const reopened = openSqliteStorage(dir, durability, 'worker');
    const stored: number[] = [];
    for (const docName of await reopened.listDocNames('route/ckpt/')) {
      stored.push(...(await reopened.load(docName)).updates.map(numberOf));
    }
    const compactedAway = Array.from({ length: count }, (_, i) => i).filter((i) => i % 7 === 0);
    const expected = Array.from({ length: count }, (_, i) => i).filter((i) => i % 7 !== 0).concat(count);
    expect(stored.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect(compactedAway.some((i) => stored.includes(i))).toBe(false);
    expect((await reopened.listSnapshots('route/ckpt/plan/1')).map((s) => s.label)).toEqual(['kept']);
    await reopened.close();
  });
});

// Rule D1 (README): a kill -9 while the worker may be in the middle of a checkpoint loses no committed update.
describe('kill -9 during checkpoints', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tributary-checkpoints-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every update whose commit was reported, after the writer is killed mid-stream', async () => {
    const script = fileURLToPath(new URL('./append-until-killed.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const committed = (): number => Number(output.slice(0, output.lastIndexOf('\n')).split('\n').at(-1) ?? 0);
    // Several checkpoint requests in, with the child still appending: the kill lands while the worker works.
    await waitFor(() => committed() >= 3 * commitsPerCheckpoint, 'appends in the child', 60_000);
    child.kill('SIGKILL');
    await exited;
    const acknowledged = committed();

    const storage = openSqliteStorage(dir, 'normal', 'worker');
    const numbers = (await storage.load('route/crash/river')).updates.map(numberOf);
    await storage.close();
    expect(numbers.length).toBeGreaterThanOrEqual(acknowledged);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
  });
});
