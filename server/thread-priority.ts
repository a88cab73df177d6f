import { readdirSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { setPriority } from 'node:os';

/** The lowest priority: such a thread runs when a core is free and never takes one from the event loop. */
const backgroundNice = 19;

/**
 * Lowers the scheduling priority of every thread of this process but the event loop's, on Linux; returns how
 * many threads it lowered.
 *
 * V8 compiles hot functions and marks the heap on its own background threads. Woken by the event loop, such a
 * thread often takes the event loop's core, and the scheduler then left the event loop waiting 1.5-4.5 ms for
 * it, with the machine's other core idle (perf sched, 2 cores, 10 clients at 100 updates/s): those waits were
 * the whole difference between Tributary's p99 fan-out latency and y-websocket's. Browsers run this work at
 * background priority; Node does not, so the server does it for its own threads. Raising one's own threads'
 * nice value needs no privilege. libuv starts its pool's threads on the pool's first use, so one
 * asynchronous file call comes first; a thread started later still would keep normal priority.
 */
export async function lowerBackgroundThreadPriority(): Promise<number> {
  try {
    await access('/proc/self/task');
  } catch {
    return 0; // Not Linux: per-thread priorities are not reachable this way.
  }
  return setThreadsNice(backgroundNice, { eventLoopToo: false });
}

/**
 * Sets `nice` on this process's threads, the event loop's too if asked (the benchmark's load generator, which
 * should not take cores from the server it measures); returns how many threads it changed. Linux only.
 */
export function setThreadsNice(nice: number, { eventLoopToo }: { eventLoopToo: boolean }): number {
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return 0; // Not Linux.
  }
  let changed = 0;
  for (const task of tasks) {
    const threadId = Number(task);
    // The event loop's thread is the one whose id is the process id.
    if (threadId === process.pid && !eventLoopToo) continue;
    try {
      setPriority(threadId, nice);
      changed++;
    } catch {
      // The thread has exited since the listing.
    }
  }
  return changed;
}
