import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { nowMs, sleep } from '../clock.ts';
import { processCpuMs } from '../stats/system-cpu.ts';
import { heapUsedAfterGc } from './inspector.ts';

/** A server running as its own process, so that its memory and CPU can be read apart from the clients'. */
export interface ChildServer {
  readonly pid: number;
  /** Resident set size from /proc/<pid>/status. */
  rssBytes(): number;
  /** User plus system CPU time the process has used so far. */
  cpuMs(): number;
  /** V8 heap in use after a full garbage collection (only when started with `inspect`). */
  heapUsedAfterGc(): Promise<number>;
  /** SIGTERM, as an operator would stop it; SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

interface SpawnOptions {
  args: string[];
  env: Record<string, string>;
  /** An HTTP URL that answers 200 once the server accepts connections. */
  readyUrl: string;
  logFile: string;
  cwd: string;
  /** Opens the inspector on loopback, for `heapUsedAfterGc`. */
  inspect?: boolean;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function spawnServer(options: SpawnOptions): Promise<ChildServer> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const inspectPort = options.inspect ? await freePort() : null;
  const args = inspectPort === null ? options.args : [`--inspect=127.0.0.1:${inspectPort}`, ...options.args];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.pid === undefined) throw new Error(`could not start ${options.args.join(' ')}`);
  await waitUntilReady(child, options.readyUrl);
  const pid = child.pid;
  return {
    pid,
    rssBytes: () => {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return Number(match?.[1] ?? 0) * 1024;
    },
    cpuMs: () => processCpuMs(pid),
    heapUsedAfterGc: () => {
      if (inspectPort === null) throw new Error('started without inspect');
      return heapUsedAfterGc(inspectPort);
    },
    stop: async (graceMs = 15_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

async function waitUntilReady(child: ChildProcess, url: string): Promise<void> {
  const deadline = nowMs() + 30_000;
  while (nowMs() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    // Short, so that the start-up time the runtime scenario reads from this is not rounded up by much.
    await sleep(10);
  }
  child.kill('SIGKILL');
  throw new Error(`server did not answer ${url} within 30 s`);
}
