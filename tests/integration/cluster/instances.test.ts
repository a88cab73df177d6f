import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../../server/persistence/postgres-storage.ts';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { startInstances, startServices, type Instance, type TestServices } from '../helpers/cluster.ts';
import { api, makeDataDir, startTestServer } from '../helpers/server.ts';
import * as Y from 'yjs';

/** Several instances on one PostgreSQL and one Redis, stock y-websocket clients spread over them. */
describe('several instances', () => {
  let services: TestServices;
  let databases = 0;
  let cluster: Awaited<ReturnType<typeof startInstances>> | null = null;
  const clients: TestClient[] = [];
  const connect = (instance: Instance, docName: string, token?: string): TestClient => {
    const client = connectClient(instance.wsUrl, docName, { token });
    clients.push(client);
    return client;
  };
  const start = async (count: number, overrides = {}): Promise<{ instances: Instance[]; url: string }> => {
    const url = await services.postgres.createDatabase(`cluster_${++databases}`);
    cluster = await startInstances(services, url, count, overrides);
    return { instances: cluster.instances, url };
  };
  const cards = (client: TestClient): string[] => client.doc.getArray<string>('cards').toArray().sort();

  beforeAll(async () => {
    services = await startServices();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await cluster?.stop();
    cluster = null;
  });
  afterAll(async () => {
    await services?.stop();
  });

  it('clients on three instances converge, and a late joiner on any instance gets everything', async () => {
    const { instances, url } = await start(3);
    const room = instances.flatMap((instance) => [connect(instance, 'route/r1/river'), connect(instance, 'route/r1/river')]);
    await Promise.all(room.map(synced));
    room.forEach((client, i) => {
      for (let k = 0; k < 5; k++) client.doc.getArray<string>('cards').push([`${i}-${k}`]);
    });
    const expected = room.flatMap((_, i) => [0, 1, 2, 3, 4].map((k) => `${i}-${k}`)).sort();
    for (const client of room) await waitFor(() => cards(client).length === expected.length, 'every card on every client');
    for (const client of room) expect(cards(client)).toEqual(expected);

    const late = connect(instances[2]!, 'route/r1/river');
    await synced(late);
    expect(cards(late)).toEqual(expected);
    const storage = await openPostgresStorage(url);
    const stored = new Y.Doc();
    for (const update of (await storage.load('route/r1/river')).updates) Y.applyUpdate(stored, update);
    await storage.close();
    expect(stored.getArray<string>('cards').toArray().sort()).toEqual(expected);
  });

  it('awareness reaches clients on other instances, also one whose instance loads the room later', async () => {
    const { instances } = await start(3);
    const alice = connect(instances[0]!, 'route/r1/river');
    const bob = connect(instances[1]!, 'route/r1/river');
    await Promise.all([synced(alice), synced(bob)]);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    const names = (client: TestClient): string[] =>
      [...client.provider.awareness.getStates().values()].map((state) => (state.user as { name?: string } | undefined)?.name ?? '').filter(Boolean);
    await waitFor(() => names(bob).includes('Alice'), 'Alice seen on instance 2');
    // Instance 3 has not loaded the room: it asks the others for their clients' states when it does.
    const carol = connect(instances[2]!, 'route/r1/river');
    await synced(carol);
    await waitFor(() => names(carol).includes('Alice'), 'Alice seen by a late joiner on instance 3', 5_000);
    // Leaving removes the state everywhere, not only on Alice's instance.
    alice.destroy();
    await waitFor(() => !names(bob).includes('Alice') && !names(carol).includes('Alice'), 'Alice gone everywhere', 5_000);
  });

  it('/healthz names the storage and Redis: PostgreSQL and Redis here, SQLite and no Redis for npm start', async () => {
    const { instances } = await start(1);
    const cluster = await api(instances[0]!, '/healthz');
    expect(cluster.status).toBe(200);
    expect(cluster.body).toMatchObject({ status: 'ok', storage: { kind: 'postgresql', state: 'ok' }, redis: { state: 'ok' } });
    const data = await makeDataDir();
    const single = await startTestServer(data.dir);
    try {
      expect((await api(single, '/healthz')).body).toMatchObject({ status: 'ok', storage: { kind: 'sqlite', state: 'ok' }, redis: { state: 'off' } });
    } finally {
      await single.close();
      await data.remove();
    }
  });

  it('a token minted on one instance holds on the others, read-only included (A1, A2)', async () => {
    const { instances } = await start(2);
    const minted = await api(instances[0]!, '/api/tokens', { method: 'POST', body: { scope: 'route/r1', access: 'read' } });
    expect(minted.status).toBe(201);
    const writer = connect(instances[0]!, 'route/r1/river');
    const reader = connect(instances[1]!, 'route/r1/river', minted.body.token);
    await Promise.all([synced(writer), synced(reader)]);
    writer.doc.getArray<string>('cards').push(['from the writer']);
    await waitFor(() => cards(reader).length === 1, 'reader on instance 2 sees the write');
    reader.doc.getArray<string>('cards').push(['from the reader']);
    const witness = connect(instances[0]!, 'route/r1/river');
    await synced(witness);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cards(witness)).toEqual(['from the writer']);
    // Outside its scope, the token is refused by the instance that did not mint it too.
    const refused = await fetch(`${instances[1]!.url}/api/docs/${encodeURIComponent('route/r2/river')}/snapshots`, {
      headers: { authorization: `Bearer ${minted.body.token}` },
    });
    expect(refused.status).toBe(403);
  });

  it('two instances compacting the same document: the content stays whole and the rows few', async () => {
    const { instances, url } = await start(2, { compactAfterUpdates: 20 });
    const a = connect(instances[0]!, 'route/r1/river');
    const b = connect(instances[1]!, 'route/r1/river');
    await Promise.all([synced(a), synced(b)]);
    for (let k = 0; k < 60; k++) {
      a.doc.getArray<string>('cards').push([`a-${k}`]);
      b.doc.getArray<string>('cards').push([`b-${k}`]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(() => cards(a).length === 120 && cards(b).length === 120, 'both clients hold all 120 cards');
    const storage = await openPostgresStorage(url);
    const rows = await storage.countUpdates('route/r1/river');
    const stored = new Y.Doc();
    for (const update of (await storage.load('route/r1/river')).updates) Y.applyUpdate(stored, update);
    await storage.close();
    expect(stored.getArray<string>('cards').toArray().sort()).toEqual(cards(a));
    expect(rows).toBeLessThan(120);
  });
});
