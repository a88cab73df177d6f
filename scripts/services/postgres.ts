import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findPostgresBinDir, processTree } from './binaries.ts';
import { freePort } from './free-port.ts';

/**
 * A throw-away PostgreSQL cluster: initdb in a temporary folder, the server on a free loopback port with its
 * socket in that folder, so nothing of the machine's own PostgreSQL (its clusters, port 5432) is touched.
 * PostgreSQL refuses to run as root; as root, the cluster belongs to the `postgres` user that Debian's
 * package creates, and its programs run as that user.
 */
export interface ThrowawayPostgres {
  port: number;
  /** A URL for a new, empty database on this cluster. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown) keeping its data: the database is unreachable until `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** The server's processes now (for the bench's CPU accounting). */
  pids(): number[];
  /** Stops the server and deletes the cluster. */
  destroy(): Promise<void>;
}

const superuser = 'tributary';

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = findPostgresBinDir();
  if (bin === null) throw new Error('PostgreSQL is not installed: run `npx tsx scripts/ensure-services.ts` (as root) first');
  const dir = mkdtempSync(join(tmpdir(), 'tributary-pg-'));
  const owner = process.getuid?.() === 0 ? postgresUser() : null;
  if (owner !== null) chownSync(dir, owner.uid, owner.gid);
  const asOwner = owner === null ? {} : { uid: owner.uid, gid: owner.gid };
  const dataDir = join(dir, 'data');
  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', dataDir, '-U', superuser, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
    { ...asOwner, encoding: 'utf8' },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  let server: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    // Already running: a second server on the same port and folder would only fail.
    if (server !== null && server.exitCode === null) return;
    const child = spawn(
      join(bin, 'postgres'),
      [
        '-D', dataDir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1',
        // A throw-away cluster: durability against power cuts is not what the tests look at.
        '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
      ],
      { ...asOwner, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    server = child;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`postgres exited: ${log}`);
      if (await canConnect(port)) return;
      if (Date.now() > deadline) throw new Error(`postgres did not start within 30 s: ${log}`);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 100))]);
    }
  };
  const stop = async (): Promise<void> => {
    const child = server;
    server = null;
    if (child === null || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT');
    await exited;
  };

  await start();
  return {
    port,
    async createDatabase(name) {
      const client = new pg.Client({ host: '127.0.0.1', port, user: superuser, database: 'postgres' });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replaceAll('"', '')}"`);
      } finally {
        await client.end();
      }
      return `postgres://${superuser}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    stop,
    start,
    pids: () => (server?.pid === undefined ? [] : processTree(server.pid)),
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function canConnect(port: number): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: superuser, database: 'postgres', connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function postgresUser(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root, PostgreSQL needs the `postgres` user that Debian\'s postgresql package creates');
  }
}
