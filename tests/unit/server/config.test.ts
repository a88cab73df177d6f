import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { configFromEnvironment } from '../../../server/config.ts';

describe('configuration from the environment', () => {
  test('unset variables keep the defaults: port 8080 on every interface, plain http, ./data', () => {
    const config = configFromEnvironment({});
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', tls: null, durability: 'normal', dataDir: resolve('data') });
  });

  test('no DATABASE_URL or REDIS_URL: the embedded SQLite board, demo seeded; both set: several instances, no demo', () => {
    expect(configFromEnvironment({})).toMatchObject({ databaseUrl: null, redisUrl: null, seedDemo: true });
    const cluster = configFromEnvironment({
      DATABASE_URL: 'postgres://tributary@db/tributary',
      REDIS_URL: 'redis://redis:6379',
      TRIBUTARY_ADMIN_TOKEN: 'admin',
      TRIBUTARY_TOKEN_SECRET: 'a-secret-of-at-least-thirty-two-characters',
    });
    expect(cluster).toMatchObject({ databaseUrl: 'postgres://tributary@db/tributary', redisUrl: 'redis://redis:6379', seedDemo: false });
  });

  test('a certificate and a key turn on https, with paths resolved from the working directory', () => {
    const config = configFromEnvironment({ TRIBUTARY_TLS_CERT: 'certs/venue.pem', TRIBUTARY_TLS_KEY: 'certs/venue-key.pem' });
    expect(config.tls).toEqual({ certFile: resolve('certs/venue.pem'), keyFile: resolve('certs/venue-key.pem') });
  });

  test.each([
    [{ TRIBUTARY_TLS_CERT: 'cert.pem' }, /TRIBUTARY_TLS_CERT and TRIBUTARY_TLS_KEY go together/],
    [{ TRIBUTARY_TLS_KEY: 'key.pem' }, /TRIBUTARY_TLS_CERT and TRIBUTARY_TLS_KEY go together/],
    [{ PORT: 'eighty' }, /PORT must be a whole number ≥ 0, got "eighty"/],
    [{ TRIBUTARY_DURABILITY: 'paranoid' }, /TRIBUTARY_DURABILITY must be "normal" or "full"/],
    [{ TRIBUTARY_MAX_MESSAGE_BYTES: '10' }, /TRIBUTARY_MAX_MESSAGE_BYTES must be a whole number ≥ 1024/],
    [{ REDIS_URL: 'redis://127.0.0.1:6379' }, /REDIS_URL runs several instances, which must share their documents: set DATABASE_URL/],
    [{ REDIS_URL: 'redis://r', DATABASE_URL: 'postgres://p/db' }, /set TRIBUTARY_TOKEN_SECRET and TRIBUTARY_ADMIN_TOKEN, the same on every instance/],
    [{ TRIBUTARY_TOKEN_SECRET: 'short' }, /TRIBUTARY_TOKEN_SECRET must be at least 32 characters/],
  ])('%o is refused with a message naming the setting', (env, message) => {
    expect(() => configFromEnvironment(env)).toThrow(message);
  });
});
