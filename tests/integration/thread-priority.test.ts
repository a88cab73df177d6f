import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startChildServer } from './helpers/child-server.ts';
import { makeDataDir } from './helpers/server.ts';

let data: Awaited<ReturnType<typeof makeDataDir>>;
beforeEach(async () => {
  data = await makeDataDir();
});
afterEach(() => data.remove());

/** A thread's nice value, from /proc (proc(5): the 19th field, counted after the parenthesised name). */
function niceOf(pid: number, threadId: string): number {
  const stat = readFileSync(`/proc/${pid}/task/${threadId}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

test.skipIf(!existsSync('/proc/self/task'))('L1: the started server runs its background threads at the lowest priority and its event loop at normal priority', async () => {
  // A pool size no other part of the process has, so that its threads can be counted.
  const poolThreads = 9;
  const server = await startChildServer(data.dir, { UV_THREADPOOL_SIZE: String(poolThreads) });
  try {
    const pid = server.process.pid!;
    const others = readdirSync(`/proc/${pid}/task`).filter((threadId) => threadId !== String(pid));
    // libuv's pool, which it starts on first use, V8's platform workers and the checkpoint worker at least.
    expect(others.length).toBeGreaterThanOrEqual(poolThreads + 2);
    expect(others.map((threadId) => niceOf(pid, threadId))).toEqual(others.map(() => 19));
    expect(niceOf(pid, String(pid))).toBe(getPriority());
  } finally {
    server.process.kill('SIGTERM');
    await server.exited;
  }
});
