import type { ServerConfig } from '../config.ts';
import type { PostgresStorage } from '../persistence/postgres-storage.ts';
import { openSqliteStorage } from '../persistence/sqlite-storage.ts';
import type { Storage } from '../persistence/storage.ts';
import type { RedisLink } from './redis-link.ts';

/** The storage and, for several instances, the link between them, as the configuration chooses. */
export interface Backends {
  storage: Storage;
  /** Set when the storage is PostgreSQL (DATABASE_URL). */
  postgres: PostgresStorage | null;
  /** Set when REDIS_URL is. */
  link: RedisLink | null;
  close(): Promise<void>;
}

export async function openBackends(config: ServerConfig): Promise<Backends> {
  if (config.databaseUrl === null) {
    const storage = openSqliteStorage(config.dataDir, config.durability, config.checkpoints);
    return { storage, postgres: null, link: null, close: () => storage.close() };
  }
  // Loaded only when configured: pg and ioredis cost a venue laptop's SQLite-only server memory for nothing.
  const { openPostgresStorage } = await import('../persistence/postgres-storage.ts');
  const { connectRedisLink } = await import('./redis-link.ts');
  const postgres = await openPostgresStorage(config.databaseUrl);
  let link: RedisLink | null = null;
  try {
    if (config.redisUrl !== null) link = await connectRedisLink(config.redisUrl, postgres, config.log);
  } catch (error) {
    await postgres.close();
    throw error;
  }
  return {
    storage: postgres,
    postgres,
    link,
    async close() {
      await link?.close();
      await postgres.close();
    },
  };
}
