import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { configFromEnvironment } from '../../../server/config.ts';

describe('configuration from the environment', () => {
  test('unset variables keep the defaults: port 8080 on every interface, plain http, ./data', () => {
    const config = configFromEnvironment({});
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', tls: null, durability: 'normal', dataDir: resolve('data') });
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
  ])('%o is refused with a message naming the setting', (env, message) => {
    expect(() => configFromEnvironment(env)).toThrow(message);
  });
});
