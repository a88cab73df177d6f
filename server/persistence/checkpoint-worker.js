// @ts-check
/**
 * Copies the SQLite write-ahead log back into the database file for sqlite-storage.ts, on its own connection
 * and thread, so that a checkpoint's fsyncs (4-5 ms) no longer land inside a commit on the event loop.
 *
 * Plain JavaScript because Node runs it as is: under vitest a worker gets no Vite transform, and Node 20
 * cannot strip types. `checkpointer.ts` is its only user and describes `workerData`.
 */
import Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';

/** @type {{ dbPath: string, synchronous: 'NORMAL' | 'FULL', signal: Int32Array }} */
const { dbPath, synchronous, signal } = workerData;

// While commits keep coming, a checkpoint rarely finishes before the next one adds frames, and then the main
// connection finishes it (sqlite-storage.ts). Catching up again after this pause keeps the WAL synced recently,
// so that what the main connection then syncs is small, without running fsyncs back to back. With FULL every
// commit has synced the WAL already, and catching up would only put this thread's fsyncs beside theirs.
const catchUpPauseMs = synchronous === 'FULL' ? Infinity : 20;

// PASSIVE never calls the busy handler, so the timeout only covers opening the connection.
const db = new Database(dbPath, { fileMustExist: true, timeout: 5000 });
// The checkpoint syncs with this connection's setting, not the writer's.
db.pragma(`synchronous = ${synchronous}`);

let lastCheckpointed = -1;
let seen = 0;
let isBehind = false;
for (;;) {
  Atomics.wait(signal, 0, seen, isBehind ? catchUpPauseMs : Infinity);
  // Woken by a request or, while behind, by the end of the pause: either way there is something to copy.
  seen = Atomics.load(signal, 0);
  if (seen < 0) break;
  isBehind = checkpoint();
}
db.close();

/** @returns {boolean} whether frames are left that another checkpoint could copy */
function checkpoint() {
  // PASSIVE takes neither the write lock nor waits for readers: the event loop's commits never wait on it.
  const [result] = /** @type {Array<{ log: number, checkpointed: number }>} */ (db.pragma('wal_checkpoint(PASSIVE)'));
  if (!result || result.checkpointed >= result.log) return false;
  // No progress means a reader still needs the remaining frames; more attempts could not copy them.
  const madeProgress = result.checkpointed !== lastCheckpointed;
  lastCheckpointed = result.checkpointed;
  return madeProgress;
}
