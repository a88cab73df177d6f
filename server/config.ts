import { defaultLimiterOptions, type LimiterOptions } from './facilitation/wrong-code-limiter.ts';
import { join, resolve } from 'node:path';
import { defaultLimits, type Limits } from './protocol/limits.ts';
import { defaultSnapshotPolicy, type SnapshotPolicy } from './snapshots/policy.ts';
import type { Checkpoints, Durability } from './persistence/sqlite-storage.ts';
import type { Storage } from './persistence/storage.ts';
import { createConsoleLogger, type Logger } from './log.ts';
import { findRepoRoot } from './repo-root.ts';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** From TRIBUTARY_ADMIN_TOKEN; when absent, read from or created in dataDir. */
  adminToken: string | undefined;
  clientDir: string;
  durability: Durability;
  checkpoints: Checkpoints;
  limits: Limits;
  idleUnloadMs: number;
  compactAfterUpdates: number;
  snapshotPolicy: SnapshotPolicy;
  /** Serve https and wss with this certificate and key (PEM file paths), or plain http when null. */
  tls: TlsFiles | null;
  /** Seed the demo route when the data folder is empty (on for `npm start`, off in tests unless asked). */
  seedDemo: boolean;
  /** DATABASE_URL: store documents in PostgreSQL instead of SQLite in dataDir. */
  databaseUrl: string | null;
  /** REDIS_URL: several instances share their documents' updates and awareness through Redis. */
  redisUrl: string | null;
  /** TRIBUTARY_TOKEN_SECRET: the secret that signs scoped tokens, shared by every instance; else in dataDir. */
  tokenSecret: string | undefined;
  /** TRIBUTARY_MAX_PHOTO_BYTES: the largest photo upload accepted. */
  maxPhotoBytes: number;
  /** TRIBUTARY_MAX_IMPORT_BYTES: the largest route archive an import accepts (50 photos are about 60 MB). */
  maxImportBytes: number;
  /** How wrong join codes from one address are slowed and refused (tests shorten them). */
  joinLimits: LimiterOptions;
  log: Logger;
  /**
   * Wraps the opened storage, or null. Not read from the environment: for tests that make the real storage
   * fail on demand, to check that no action answers success for a change that was not stored.
   */
  wrapStorage: ((storage: Storage) => Storage) | null;
}

export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export function defaultConfig(): ServerConfig {
  return {
    port: 8080,
    host: '0.0.0.0',
    dataDir: resolve('data'),
    adminToken: undefined,
    // Relative to the repository, not the working directory, so the server can be started from anywhere.
    clientDir: join(findRepoRoot(), 'dist/client'),
    durability: 'normal',
    checkpoints: 'inline',
    limits: defaultLimits,
    idleUnloadMs: 30_000,
    compactAfterUpdates: 1000,
    snapshotPolicy: defaultSnapshotPolicy,
    tls: null,
    seedDemo: true,
    databaseUrl: null,
    redisUrl: null,
    tokenSecret: undefined,
    maxPhotoBytes: 15 * 1024 * 1024,
    maxImportBytes: 1024 * 1024 * 1024,
    joinLimits: defaultLimiterOptions,
    log: createConsoleLogger(),
    wrapStorage: null,
  };
}

/** Reads the documented environment variables; anything unset keeps its default. */
export function configFromEnvironment(env: NodeJS.ProcessEnv): ServerConfig {
  const config = defaultConfig();
  const int = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
    return value;
  };
  const checkpoints = env.TRIBUTARY_CHECKPOINTS || 'inline';
  if (checkpoints !== 'inline' && checkpoints !== 'worker') {
    throw new Error(`TRIBUTARY_CHECKPOINTS must be "inline" or "worker", got "${checkpoints}"`);
  }
  const durability = env.TRIBUTARY_DURABILITY ?? 'normal';
  if (durability !== 'normal' && durability !== 'full') {
    throw new Error(`TRIBUTARY_DURABILITY must be "normal" or "full", got "${durability}"`);
  }
  const certFile = env.TRIBUTARY_TLS_CERT || undefined;
  const keyFile = env.TRIBUTARY_TLS_KEY || undefined;
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new Error('TRIBUTARY_TLS_CERT and TRIBUTARY_TLS_KEY go together: set both (PEM files) or neither');
  }
  const databaseUrl = env.DATABASE_URL || null;
  const redisUrl = env.REDIS_URL || null;
  const tokenSecret = env.TRIBUTARY_TOKEN_SECRET || undefined;
  if (redisUrl !== null) {
    if (databaseUrl === null) {
      throw new Error('REDIS_URL runs several instances, which must share their documents: set DATABASE_URL (PostgreSQL) too');
    }
    if (!tokenSecret || !env.TRIBUTARY_ADMIN_TOKEN) {
      throw new Error('REDIS_URL runs several instances: set TRIBUTARY_TOKEN_SECRET and TRIBUTARY_ADMIN_TOKEN, the same on every instance');
    }
  }
  if (tokenSecret !== undefined && tokenSecret.length < 32) {
    throw new Error('TRIBUTARY_TOKEN_SECRET must be at least 32 characters (for example: openssl rand -hex 32)');
  }
  return {
    ...config,
    databaseUrl,
    redisUrl,
    tokenSecret,
    // Several instances starting on one empty database would each seed the demo route.
    seedDemo: redisUrl === null,
    tls: certFile && keyFile ? { certFile: resolve(certFile), keyFile: resolve(keyFile) } : null,
    port: int('PORT', config.port, 0),
    host: env.HOST || config.host,
    dataDir: resolve(env.DATA_DIR || config.dataDir),
    adminToken: env.TRIBUTARY_ADMIN_TOKEN || undefined,
    durability,
    checkpoints,
    limits: { ...config.limits, maxMessageBytes: int('TRIBUTARY_MAX_MESSAGE_BYTES', config.limits.maxMessageBytes, 1024) },
    idleUnloadMs: int('TRIBUTARY_IDLE_UNLOAD_MS', config.idleUnloadMs, 0),
    maxPhotoBytes: int('TRIBUTARY_MAX_PHOTO_BYTES', config.maxPhotoBytes, 1024),
    maxImportBytes: int('TRIBUTARY_MAX_IMPORT_BYTES', config.maxImportBytes, 1024),
    snapshotPolicy: {
      ...config.snapshotPolicy,
      intervalMs: int('TRIBUTARY_SNAPSHOT_INTERVAL_MS', config.snapshotPolicy.intervalMs, 1000),
    },
  };
}
