import { afterEach, beforeEach } from 'vitest';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import type { ServerConfig } from '../../../server/config.ts';
import { api, makeDataDir, startTestServer } from '../helpers/server.ts';

/**
 * A real server with a fresh data directory and one new route for each test, and stock clients that are
 * destroyed after it, with `overrides` of the server's configuration. `restart()` stops the server and starts
 * it again on the same data, without them.
 */
export function useRouteTestbed(overrides: Partial<ServerConfig> = {}) {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  const clients: TestClient[] = [];
  const bed = {
    server: undefined as unknown as Awaited<ReturnType<typeof startTestServer>>,
    routeId: '',
    /** The route's shared facilitator and participant links' tokens. */
    facilitator: '',
    participant: '',
    connect(docName: string, token?: string): TestClient {
      const client = connectClient(bed.server.wsUrl, docName, { token });
      clients.push(client);
      return client;
    },
    async restart(): Promise<void> {
      await bed.server.close();
      bed.server = await startTestServer(data.dir);
    },
  };
  beforeEach(async () => {
    data = await makeDataDir();
    bed.server = await startTestServer(data.dir, overrides);
    const created = await api(bed.server, '/api/routes', { method: 'POST', body: { title: 'Test route', startDate: '2025-01-06', endDate: '2025-01-07' } });
    bed.routeId = created.body.route.id;
    bed.facilitator = created.body.links.facilitator.token;
    bed.participant = created.body.links.participant.token;
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await bed.server.close();
    await data.remove();
  });
  return bed;
}
