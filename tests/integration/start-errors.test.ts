import { spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { compiledCli } from '../compiled-server.ts';
import { makeDataDir } from './helpers/server.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

let data: Awaited<ReturnType<typeof makeDataDir>>;
beforeEach(async () => {
  data = await makeDataDir();
});
afterEach(() => data.remove());

/** The server as `npm start` runs it, with `env` added, until it exits. */
function start(env: Record<string, string>): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, [compiledCli], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: data.dir, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

test.each([
  [{ TRIBUTARY_TLS_CERT: 'cert.pem' }, 'TRIBUTARY_TLS_CERT and TRIBUTARY_TLS_KEY go together'],
  [{ TRIBUTARY_TLS_CERT: '/no/such/cert.pem', TRIBUTARY_TLS_KEY: '/no/such/key.pem' }, 'Cannot read the TLS certificate (TRIBUTARY_TLS_CERT) /no/such/cert.pem'],
  [{ PORT: 'eighty' }, 'PORT must be a whole number'],
  [{ TRIBUTARY_CHECKPOINTS: 'sometimes' }, 'TRIBUTARY_CHECKPOINTS must be "inline" or "worker"'],
])('a bad setting (%o) stops the start with one line naming it, and exit code 1', (env, message) => {
  const { status, stderr, stdout } = start(env);
  expect(status).toBe(1);
  const lines = stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm warn'));
  expect(lines).toEqual([expect.stringContaining(`Tributary could not start: ${message}`)]);
  expect(stdout).not.toContain('Tributary is running');
});

test('a port another program holds stops the start with one line, and the process exits instead of hanging', async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  try {
    const port = (holder.address() as AddressInfo).port;
    const { status, stderr } = start({ PORT: String(port) });
    expect(status).toBe(1);
    expect(stderr).toContain(`Tributary could not start: listen EADDRINUSE: address already in use 127.0.0.1:${port}`);
  } finally {
    holder.close();
  }
});
