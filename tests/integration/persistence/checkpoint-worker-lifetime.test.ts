import Database from 'better-sqlite3';
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { commitsPerCheckpoint, startCheckpointer } from '../../../server/persistence/checkpointer.ts';
import { waitFor } from '../helpers/clients.ts';

const threadCount = (): number => readdirSync('/proc/self/task').length;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tributary-checkpointer-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

test.runIf(process.platform === 'linux')('the checkpoint worker starts on the first request, ends when idle, and starts again on the next', async () => {
  const dbPath = join(dir, 'db.sqlite');
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (x BLOB)');
  const failures: Error[] = [];
  const checkpointer = startCheckpointer(dbPath, 'NORMAL', (error) => failures.push(error), 300);
  const request = (): void => {
    for (let i = 0; i < commitsPerCheckpoint; i++) {
      db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(512));
      checkpointer.noteCommit();
    }
  };
  try {
    const idle = threadCount();
    request();
    expect(threadCount()).toBeGreaterThan(idle);
    await waitFor(() => threadCount() === idle, 'the idle worker to end', 10_000);
    // This connection never checkpoints below SQLite's threshold, so the database file grows only by the worker.
    const afterFirst = statSync(dbPath).size;
    expect(afterFirst).toBeGreaterThan(commitsPerCheckpoint * 512);
    request();
    expect(threadCount()).toBeGreaterThan(idle);
    await waitFor(() => statSync(dbPath).size >= afterFirst + commitsPerCheckpoint * 512, 'the restarted worker to checkpoint', 10_000);
  } finally {
    await checkpointer.stop();
    db.close();
  }
  expect(failures).toEqual([]);
});
