import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { compiledCli } from '../../tests/compiled-server.ts';

/** The compiled server in a process of its own for bench/fair, and the small helpers its measures share. */

export const adminToken = 'bench-fair';

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
};
export const log = (what: string): void => void process.stderr.write(`${new Date().toISOString()} fair bench: ${what}\n`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export const rssOf = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

export interface Child {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startChild(dataDir: string): Promise<Child> {
  const port = await freePort();
  // With npm start's V8 flag: the server's memory as it serves.
  const child = spawn(process.execPath, ['--max-semi-space-size=2', compiledCli], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, TRIBUTARY_ADMIN_TOKEN: adminToken },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    if ((await fetch(`${url}/healthz`).catch(() => null))?.ok) break;
    if (i > 400) throw new Error('the server did not start');
    await sleep(50);
  }
  return {
    url,
    port,
    process: child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      // A server that has not stopped in 10 s is killed, so the bench run always ends (and says so).
      const timer = setTimeout(() => {
        log(`server ${child.pid} did not stop within 10 s of SIGTERM: killed`);
        child.kill('SIGKILL');
      }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs `work` while sampling the child's RSS; resolves with its result, its time and the peak. */
export async function measured<T>(child: Child, work: () => Promise<T>): Promise<{ value: T; ms: number; peak: number }> {
  let peak = rssOf(child.process.pid!);
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child.process.pid!))), 5);
  const started = performance.now();
  try {
    const value = await work();
    return { value, ms: Math.round(performance.now() - started), peak: Math.max(peak, rssOf(child.process.pid!)) };
  } finally {
    clearInterval(sampler);
  }
}

export async function call<T>(url: string, path: string, init: { method?: string; body?: unknown; token?: string | null } = {}): Promise<T> {
  const token = init.token === undefined ? adminToken : init.token;
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
