import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../../server/main.ts';
import { startServer } from '../../compiled-server.ts';
import type { ServerConfig } from '../../../server/config.ts';
import { silentLogger } from '../../../server/log.ts';

export const adminToken = 'integration-admin-token';

export async function makeDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A real server on an ephemeral loopback port with its SQLite file in `dataDir`. */
export async function startTestServer(dataDir: string, overrides: Partial<ServerConfig> = {}): Promise<RunningServer & { wsUrl: string }> {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    adminToken,
    clientDir: join(dataDir, 'no-client'),
    log: silentLogger,
    seedDemo: false,
    ...overrides,
  });
  return { ...server, wsUrl: `ws://127.0.0.1:${server.port}/sync` };
}

export async function api(
  server: { url: string },
  path: string,
  init: { method?: string; token?: string | null; body?: unknown } = {},
  // Tests read whichever fields the endpoint returns and assert on them; a schema per endpoint adds nothing here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? adminToken : init.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}

export const docPath = (docName: string): string => `/api/docs/${encodeURIComponent(docName)}`;

/** A token that writes every document of one route, as the older shared links did. */
export async function routeWriteToken(server: { url: string }, routeId: string): Promise<string> {
  return (await api(server, '/api/tokens', { method: 'POST', body: { scope: `route/${routeId}`, access: 'write' } })).body.token;
}
