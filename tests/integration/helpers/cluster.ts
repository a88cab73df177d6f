import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../scripts/services/postgres.ts';
import { startThrowawayRedis, type ThrowawayRedis } from '../../../scripts/services/redis.ts';
import type { ServerConfig } from '../../../server/config.ts';
import { makeDataDir, startTestServer } from './server.ts';

/** The secret every instance of a test cluster signs its tokens with, as TRIBUTARY_TOKEN_SECRET would give. */
export const clusterTokenSecret = 'integration-cluster-token-secret-0123456789';

export interface TestServices {
  postgres: ThrowawayPostgres;
  redis: ThrowawayRedis;
  stop(): Promise<void>;
}

/** A throw-away PostgreSQL cluster and Redis server for one test file. */
export async function startServices(): Promise<TestServices> {
  const [postgres, redis] = await Promise.all([startThrowawayPostgres(), startThrowawayRedis()]);
  return {
    postgres,
    redis,
    stop: async () => void (await Promise.all([postgres.destroy(), redis.destroy()])),
  };
}

export type Instance = Awaited<ReturnType<typeof startTestServer>>;

/** `count` instances on one database and one Redis, each with its own data folder (nothing shared there). */
export async function startInstances(
  services: TestServices,
  databaseUrl: string,
  count: number,
  overrides: Partial<ServerConfig> = {},
): Promise<{ instances: Instance[]; stop(): Promise<void> }> {
  const instances: Instance[] = [];
  const dirs: Array<{ remove(): Promise<void> }> = [];
  for (let i = 0; i < count; i++) {
    const data = await makeDataDir();
    dirs.push(data);
    instances.push(
      await startTestServer(data.dir, {
        databaseUrl,
        redisUrl: services.redis.url,
        tokenSecret: clusterTokenSecret,
        ...overrides,
      }),
    );
  }
  return {
    instances,
    async stop() {
      await Promise.all(instances.map((instance) => instance.close()));
      await Promise.all(dirs.map((dir) => dir.remove()));
    },
  };
}
