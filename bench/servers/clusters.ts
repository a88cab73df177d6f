import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ThrowawayPostgres } from '../../scripts/services/postgres.ts';
import type { ThrowawayRedis } from '../../scripts/services/redis.ts';
import { openPostgresStorage } from '../../server/persistence/postgres-storage.ts';
import { processCpuMs } from '../stats/system-cpu.ts';
import { freePort, spawnServer, type ChildServer } from './child-process.ts';
import { hocuspocus } from './hocuspocus.ts';
import { repoRoot } from './repo-root.ts';
import type { RunningServer, ServerSpec } from './server-spec.ts';

/**
 * Several instances of one server behind no load balancer: the clients are dealt round-robin over the
 * instances' URLs (Endpoint.urls). CPU is every instance's plus PostgreSQL's and Redis's processes, so that
 * the bench's "other processes" stays what it means.
 */
export interface ClusterServices {
  postgres: ThrowawayPostgres;
  redis: ThrowawayRedis;
}

const adminToken = 'bench';
const tokenSecret = 'bench-cluster-token-secret-0123456789abcdef';

export function tributaryCluster(services: ClusterServices, instances: number): ServerSpec<string> {
  const databases = new Map<string, string>();
  const databaseFor = async (dataDir: string): Promise<string> => {
    let url = databases.get(dataDir);
    if (url === undefined) {
      url = await services.postgres.createDatabase(`bench_${basename(dataDir).replace(/[^a-z0-9]/gi, '_')}`);
      databases.set(dataDir, url);
    }
    return url;
  };
  return {
    name: `tributary×${instances}`,
    setup: `${instances} × \`node dist/server/cli.js\` with DATABASE_URL (PostgreSQL, synchronous_commit on) and REDIS_URL`,
    async start(dataDir, logFile) {
      const url = await databaseFor(dataDir);
      return startInstances(instances, services, async (i) => {
        const port = await freePort();
        const dir = join(dataDir, `instance-${i}`);
        mkdirSync(dir, { recursive: true });
        const child = await spawnServer({
          args: [join(repoRoot, 'dist/server/cli.js')],
          cwd: repoRoot,
          env: {
            PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, TRIBUTARY_ADMIN_TOKEN: adminToken,
            TRIBUTARY_TOKEN_SECRET: tokenSecret, DATABASE_URL: url, REDIS_URL: services.redis.url,
          },
          readyUrl: `http://127.0.0.1:${port}/healthz`,
          logFile: logFile.replace(/\.log$/, `-${i}.log`),
        });
        return { child, url: `ws://127.0.0.1:${port}/sync` };
      }, (urls) => ({ protocol: 'y-websocket', url: urls[0]!, urls, params: { token: adminToken } }));
    },
    async importUpdates(dataDir, docName, updates) {
      const storage = await openPostgresStorage(await databaseFor(dataDir));
      await storage.append([{ docName, updates }]);
      await storage.close();
    },
    async storedEntries(dataDir, docName) {
      const storage = await openPostgresStorage(await databaseFor(dataDir));
      const count = await storage.countUpdates(docName);
      await storage.close();
      return count;
    },
  };
}

export function hocuspocusCluster(services: ClusterServices, instances: number): ServerSpec<string> {
  return {
    name: `hocuspocus×${instances}`,
    setup: `${instances} × \`@hocuspocus/server\` with \`@hocuspocus/extension-redis\` and one shared \`@hocuspocus/extension-sqlite\` file`,
    async start(dataDir, logFile) {
      return startInstances(instances, services, async (i) => {
        const port = await freePort();
        const child = await spawnServer({
          args: ['--import', 'tsx', join(repoRoot, 'bench/servers/hocuspocus-redis-main.ts')],
          cwd: repoRoot,
          env: {
            PORT: String(port), HOST: '127.0.0.1', DATABASE: join(dataDir, 'hocuspocus.sqlite'),
            REDIS_PORT: String(services.redis.port), INSTANCE_NAME: `instance-${i}`,
          },
          readyUrl: `http://127.0.0.1:${port}/`,
          logFile: logFile.replace(/\.log$/, `-${i}.log`),
        });
        return { child, url: `ws://127.0.0.1:${port}` };
      }, (urls) => ({ protocol: 'hocuspocus', url: urls[0]!, urls }));
    },
    importUpdates: (dataDir, docName, updates) => hocuspocus.importUpdates(dataDir, docName, updates),
    storedEntries: (dataDir, docName) => hocuspocus.storedEntries(dataDir, docName),
  };
}

async function startInstances(
  count: number,
  services: ClusterServices,
  startOne: (index: number) => Promise<{ child: ChildServer; url: string }>,
  endpointOf: (urls: string[]) => RunningServer['endpoint'],
): Promise<RunningServer> {
  const started: Array<{ child: ChildServer; url: string }> = [];
  try {
    for (let i = 0; i < count; i++) started.push(await startOne(i));
  } catch (error) {
    await Promise.all(started.map(({ child }) => child.stop()));
    throw error;
  }
  const children = started.map(({ child }) => child);
  const cpuOf = (pid: number): number => {
    try {
      return processCpuMs(pid);
    } catch {
      return 0; // ended since it was listed
    }
  };
  return {
    pid: children[0]!.pid,
    rssBytes: () => children.reduce((sum, child) => sum + child.rssBytes(), 0),
    cpuMs: () =>
      children.reduce((sum, child) => sum + child.cpuMs(), 0) +
      [...services.postgres.pids(), ...services.redis.pids()].reduce((sum, pid) => sum + cpuOf(pid), 0),
    heapUsedAfterGc: () => Promise.reject(new Error('no heap reading for a cluster of instances')),
    stop: async (graceMs) => void (await Promise.all(children.map((child) => child.stop(graceMs)))),
    endpoint: endpointOf(started.map(({ url }) => url)),
  };
}
