import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { clientNiceFromEnv } from '../../../bench/scenarios/client-nice.ts';
import { SettingError } from '../../../bench/setting-error.ts';

test('BENCH_CLIENT_NICE: 0 unless set, a whole number from 0 to 19, anything else refused by name', () => {
  expect(clientNiceFromEnv({})).toBe(0);
  expect(clientNiceFromEnv({ BENCH_CLIENT_NICE: '10' })).toBe(10);
  expect(clientNiceFromEnv({ BENCH_CLIENT_NICE: '19' })).toBe(19);
  for (const bad of ['20', '-1', '2.5', 'high']) {
    expect(() => clientNiceFromEnv({ BENCH_CLIENT_NICE: bad })).toThrow(`BENCH_CLIENT_NICE must be a whole number from 0 to 19, not ${bad}`);
    // A setting error: `npm run bench` prints it in one line and exits with 2, without a stack.
    expect(() => clientNiceFromEnv({ BENCH_CLIENT_NICE: bad })).toThrow(SettingError);
  }
});

test.skipIf(!existsSync('/proc/self/task'))('setThreadsNice with the event loop too sets every thread of the process, and threads started later inherit it', () => {
  const threadPriority = fileURLToPath(new URL('../../../server/thread-priority.ts', import.meta.url));
  // In a child process: a process cannot take back a nice value it has raised.
  const script = `
    import { readdirSync, readFileSync } from 'node:fs';
    import { Worker } from 'node:worker_threads';
    import { setThreadsNice } from ${JSON.stringify(threadPriority)};
    const changed = setThreadsNice(7, { eventLoopToo: true });
    const worker = new Worker('setTimeout(() => {}, 200)', { eval: true });
    await new Promise((resolve) => worker.once('online', resolve));
    const nices = readdirSync('/proc/self/task').map((id) => {
      const stat = readFileSync('/proc/self/task/' + id + '/stat', 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    });
    console.log(JSON.stringify({ changed, nices }));
    await worker.terminate();
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  const { changed, nices } = JSON.parse(out) as { changed: number; nices: number[] };
  expect(changed).toBeGreaterThanOrEqual(1);
  // The worker's threads were started after the call: more threads now than were changed.
  expect(nices.length).toBeGreaterThan(changed);
  expect(nices).toEqual(nices.map(() => 7));
});
