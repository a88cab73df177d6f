import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from '../../server/main.ts';
import { startServer } from '../compiled-server.ts';
import { silentLogger } from '../../server/log.ts';
import type { TlsFiles } from '../../server/config.ts';

export const adminToken = 'e2e-admin';

export interface TestServer {
  url: string;
  /** Stops the server and keeps its data, so the tests can watch the page reconnect. */
  pause(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** The real server, in process, on an ephemeral loopback port, with its own SQLite folder. */
export async function startTestServer(options: { tls?: TlsFiles } = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tributary-e2e-'));
  const start = (port: number): Promise<RunningServer> =>
    startServer({
      port,
      host: '127.0.0.1',
      dataDir,
      adminToken,
      clientDir: fileURLToPath(new URL('../../dist/client', import.meta.url)),
      log: silentLogger,
      tls: options.tls ?? null,
    });
  let running: RunningServer | null = await start(0);
  const port = running.port;
  return {
    url: running.url,
    async pause() {
      await running?.close();
      running = null;
    },
    async resume() {
      running ??= await start(port);
    },
    async stop() {
      await running?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A token from the server's own minting endpoint, as a facilitator's link would carry. */
export async function mintToken(
  server: TestServer,
  grant: { scope: string; access: 'read' | 'write'; expiresInDays?: number },
): Promise<string> {
  const response = await fetch(`${server.url}/api/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(grant),
  });
  if (response.status !== 201) throw new Error(`minting a token failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
