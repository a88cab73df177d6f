import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStorage } from '../../../server/persistence/postgres-storage.ts';
import { CloseCodes } from '../../../server/protocol/close-codes.ts';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { startInstances, startServices, type Instance, type TestServices } from '../helpers/cluster.ts';
import { api } from '../helpers/server.ts';

/** What a stock client was told when its socket closed, in order. */
function closeReasons(client: TestClient): Array<{ code: number; reason: string }> {
  const seen: Array<{ code: number; reason: string }> = [];
  client.provider.on('connection-close', (event: { code: number; reason: string | Buffer } | null) => {
    if (event) seen.push({ code: event.code, reason: String(event.reason) });
  });
  return seen;
}

describe('PostgreSQL or Redis lost, then back', () => {
  let services: TestServices;
  let databases = 0;
  let cluster: Awaited<ReturnType<typeof startInstances>> | null = null;
  const clients: TestClient[] = [];
  const connect = (instance: Instance, docName = 'route/r1/river', doc?: Y.Doc): TestClient => {
    const client = connectClient(instance.wsUrl, docName, { doc });
    clients.push(client);
    return client;
  };
  const cards = (client: TestClient): string[] => client.doc.getArray<string>('cards').toArray().sort();
  const start = async (count: number): Promise<{ instances: Instance[]; url: string }> => {
    const url = await services.postgres.createDatabase(`outage_${++databases}`);
    cluster = await startInstances(services, url, count);
    return { instances: cluster.instances, url };
  };
  const storedCards = async (url: string): Promise<string[]> => {
    const storage = await openPostgresStorage(url);
    const doc = new Y.Doc();
    for (const update of (await storage.load('route/r1/river')).updates) Y.applyUpdate(doc, update);
    await storage.close();
    return doc.getArray<string>('cards').toArray().sort();
  };

  beforeAll(async () => {
    services = await startServices();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await cluster?.stop();
    cluster = null;
    // A test that failed midway may have left a service stopped.
    await services.postgres.start().catch(() => undefined);
    await services.redis.start().catch(() => undefined);
  });
  afterAll(async () => {
    await services?.stop();
  });

  it('Redis restarted mid-session: connections are closed with the reason, refused meanwhile, then everything converges', async () => {
    const { instances, url } = await start(2);
    const a = connect(instances[0]!);
    const b = connect(instances[1]!);
    const reasonsA = closeReasons(a);
    await Promise.all([synced(a), synced(b)]);
    a.doc.getArray<string>('cards').push(['before']);
    await waitFor(() => cards(b).length === 1, 'first card across instances');

    await services.redis.stop();
    await waitFor(() => reasonsA.length > 0, 'connection closed when Redis was lost');
    expect(reasonsA[0]).toEqual(CloseCodes.clusterUnavailable);
    const health = await api(instances[0]!, '/healthz');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', storage: { kind: 'postgresql', state: 'ok' }, redis: { state: 'unreachable' } });
    // Edits made offline meanwhile, on both sides.
    a.doc.getArray<string>('cards').push(['during, on a']);
    b.doc.getArray<string>('cards').push(['during, on b']);

    await services.redis.start();
    await waitFor(() => cards(a).length === 3 && cards(b).length === 3, 'both clients converge after Redis is back');
    expect(cards(a)).toEqual(['before', 'during, on a', 'during, on b']);
    expect(cards(b)).toEqual(cards(a));
    b.doc.getArray<string>('cards').push(['after']);
    await waitFor(() => cards(a).length === 4, 'updates flow across instances again');
    expect((await api(instances[1]!, '/healthz')).body).toMatchObject({ status: 'ok', redis: { state: 'ok' } });
    expect(await storedCards(url)).toEqual(['after', 'before', 'during, on a', 'during, on b']);
  });

  it('PostgreSQL briefly unreachable: writes refused with the reason, then stored once it is back', async () => {
    const { instances, url } = await start(2);
    const a = connect(instances[0]!);
    const b = connect(instances[1]!);
    const reasonsA = closeReasons(a);
    await Promise.all([synced(a), synced(b)]);
    a.doc.getArray<string>('cards').push(['before']);
    await waitFor(() => cards(b).length === 1, 'first card across instances');

    await services.postgres.stop();
    a.doc.getArray<string>('cards').push(['while the database is down']);
    await waitFor(() => reasonsA.length > 0, 'writer told the write could not be kept');
    // The commit failed (1011), or the health check saw the loss first (1013): either way nothing was sent on.
    expect([CloseCodes.storageFailed, CloseCodes.storageUnavailable]).toContainEqual(reasonsA[0]);
    await waitFor(() => reasonsA.some((r) => r.reason === CloseCodes.storageUnavailable.reason), 'reconnections refused with the reason');
    expect(cards(b)).toEqual(['before']);
    const health = await api(instances[0]!, '/healthz');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', storage: { kind: 'postgresql', state: 'unreachable' } });

    await services.postgres.start();
    await waitFor(() => cards(b).length === 2, 'the edit reaches the other instance once the database is back');
    expect(cards(b)).toEqual(['before', 'while the database is down']);
    expect((await api(instances[0]!, '/healthz')).status).toBe(200);
    expect(await storedCards(url)).toEqual(['before', 'while the database is down']);
  });
});
