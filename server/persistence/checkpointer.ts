import { Worker } from 'node:worker_threads';

/**
 * SQLite's automatic checkpoint copies the WAL into the database file inside the commit that crossed its
 * threshold (1000 pages, about 300 small commits), fsyncing both files on the event loop: 4-5 ms that every
 * update of that turn waits for. Here the commit only counts; a worker thread with its own connection runs the
 * checkpoint (checkpoint-worker.js).
 *
 * The trigger is a commit count rather than a timer: an idle server does no work, and the WAL is copied at
 * about SQLite's own cadence, so a power cut in durability 'normal' still loses only what a checkpoint
 * would not yet have synced. Commits and the worker meet in one shared counter, not messages: a worker that
 * falls behind sees one pending request however many were made, so nothing queues up.
 */
export interface Checkpointer {
  /** Counts a commit on the main connection; every `commitsPerCheckpoint` commits wakes the worker (or starts it). */
  noteCommit(): void;
  /** Lets the worker finish its current checkpoint, then closes its connection and ends the thread. */
  stop(): Promise<void>;
}

export const commitsPerCheckpoint = 300;

/**
 * A worker thread is a V8 isolate of its own, about 15 MiB of a venue laptop's memory: it starts on the first
 * checkpoint request and ends after this long without one, so an idle server holds none.
 */
export const defaultIdleExitMs = 60_000;

export function startCheckpointer(
  dbPath: string,
  synchronous: 'NORMAL' | 'FULL',
  onFailure: (error: Error) => void,
  idleExitMs = defaultIdleExitMs,
): Checkpointer {
  // Slot 0 counts checkpoint requests (-1 asks the worker to stop); slot 1 is the last one a worker handled.
  const signal = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  let isStopping = false;
  let hasFailed = false;

  const startWorker = (): void => {
    const started = new Worker(new URL('./checkpoint-worker.js', import.meta.url), {
      workerData: { dbPath, synchronous, signal, idleExitMs },
      // The worker is plain JavaScript; inheriting tsx's loader flags would only slow its start.
      execArgv: [],
    });
    worker = started;
    // A storage that is never closed must not keep the process alive; stop() takes the reference back.
    started.unref();
    started.on('error', (error) => {
      hasFailed = true;
      onFailure(error);
    });
    exited = new Promise<void>((resolve) =>
      started.once('exit', () => {
        worker = null;
        resolve();
        // A request made while the worker was deciding to end is not lost: the next worker takes it.
        if (!isStopping && !hasFailed && Atomics.load(signal, 0) !== Atomics.load(signal, 1)) startWorker();
      }),
    );
  };

  let commits = 0;
  return {
    noteCommit() {
      if (++commits < commitsPerCheckpoint) return;
      commits = 0;
      Atomics.add(signal, 0, 1);
      Atomics.notify(signal, 0);
      if (worker === null && !hasFailed && !isStopping) startWorker();
    },
    stop() {
      isStopping = true;
      Atomics.store(signal, 0, -1);
      Atomics.notify(signal, 0);
      worker?.ref();
      return exited;
    },
  };
}
