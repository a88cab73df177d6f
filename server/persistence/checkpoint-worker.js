// @ts-check
/**
 * Copies the SQLite write-ahead log back into the database file for sqlite-storage.ts, on its own connection
 * and thread, so that a checkpoint's fsyncs (4-5 ms) no longer land inside a commit on the event loop.
 *
 * Plain JavaScript because Node runs it as is: under vitest a worker gets no Vite transform, and Node 20
 * cannot strip types. `checkpointer.ts` is its only user and describes `workerData`.
 */
import Database from 'better-sqlite3';
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';

/** @type {{ dbPath: string, synchronous: 'NORMAL' | 'FULL', signal: Int32Array, idleExitMs: number }} */
const { dbPath, synchronous, signal, idleExitMs } = workerData;

// Rule L1. The server lowers its threads once, after its start; this one starts later, on the first checkpoint,
// and lowers itself. On Linux a priority set with pid 0 is this thread's alone; elsewhere it would be the whole
// process's, so only there.
if (process.platform === 'linux') setPriority(0, 19);

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
// Slot 1 holds the last request an earlier worker handled: a request made since is this one's first job.
let seen = Atomics.load(signal, 1);
let isBehind = false;
for (;;) {
  const woken = Atomics.wait(signal, 0, seen, isBehind ? catchUpPauseMs : idleExitMs);
  const requests = Atomics.load(signal, 0);
  if (requests < 0) break;
  // Nothing asked for a while: end the thread and give its isolate's memory back; the next request starts one.
  if (woken === 'timed-out' && !isBehind && requests === seen) break;
  // Woken by a request or, while behind, by the end of the pause: either way there is something to copy.
  seen = requests;
  isBehind = checkpoint();
}
Atomics.store(signal, 1, seen);
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
