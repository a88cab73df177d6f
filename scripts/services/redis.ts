import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRedisServer } from './binaries.ts';
import { freePort } from './free-port.ts';

/** A throw-away Redis server on a free loopback port, keeping nothing on disk, its folder temporary. */
export interface ThrowawayRedis {
  port: number;
  url: string;
  /** Kills the server (as a crash would); `start` brings up a new one on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** The server's process now (for the bench's CPU accounting). */
  pids(): number[];
  destroy(): Promise<void>;
}

export async function startThrowawayRedis(): Promise<ThrowawayRedis> {
  const binary = findRedisServer();
  if (binary === null) throw new Error('Redis is not installed: run `npx tsx scripts/ensure-services.ts` (as root) first');
  const dir = mkdtempSync(join(tmpdir(), 'tributary-redis-'));
  const port = await freePort();
  let server: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    // Already running: a second server on the same port and folder would only fail.
    if (server !== null && server.exitCode === null) return;
    const child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    const keep = (chunk: Buffer): void => void (log = (log + chunk.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    server = child;
    const deadline = Date.now() + 15_000;
    while (!(await answersPing(port))) {
      if (child.exitCode !== null) throw new Error(`redis-server exited: ${log}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not start within 15 s: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async (): Promise<void> => {
    const child = server;
    server = null;
    if (child === null || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    pids: () => (server?.pid === undefined ? [] : [server.pid]),
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
