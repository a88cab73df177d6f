import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '../../server/main.ts';
import { silentLogger } from '../../server/log.ts';

export const adminToken = 'e2e-admin';

export interface TestServer {
  url: string;
  stop(): Promise<void>;
}

/** The real server, in process, on an ephemeral loopback port, with its own SQLite folder. */
export async function startTestServer(): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tributary-e2e-'));
  const server: RunningServer = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    adminToken,
    clientDir: fileURLToPath(new URL('../../dist/client', import.meta.url)),
    log: silentLogger,
  });
  return {
    url: server.url,
    async stop() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
