import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, synced, waitFor, type TestClient } from './helpers/clients.ts';
import { api, docPath, makeDataDir, startTestServer } from './helpers/server.ts';
import { openSqliteStorage } from '../../server/persistence/sqlite-storage.ts';

describe('persistence', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  const clients: TestClient[] = [];
  const connect = (wsUrl: string, docName: string): TestClient => {
    const client = connectClient(wsUrl, docName);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    data = await makeDataDir();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await data.remove();
  });

  it('keeps content across a graceful restart', async () => {
    const first = await startTestServer(data.dir);
    const writer = connect(first.wsUrl, 'route/r1/river');
    await synced(writer);
    for (let i = 0; i < 100; i++) writer.doc.getArray<number>('cards').push([i]);
    writer.doc.getText('notes').insert(0, 'ສະບາຍດີ xin chào');
    const witness = connect(first.wsUrl, 'route/r1/river');
    await waitFor(() => witness.doc.getArray('cards').length === 100 && witness.doc.getText('notes').length > 0, 'stored');
    await first.close();
    writer.provider.destroy();

    const second = await startTestServer(data.dir);
    const reader = connect(second.wsUrl, 'route/r1/river');
    await synced(reader);
    await waitFor(() => reader.doc.getArray('cards').length === 100, 'cards after restart');
    expect(reader.doc.getText('notes').toString()).toBe('ສະບາຍດີ xin chào');
    await second.close();
  });

  it('unloads an idle document, frees it, and reloads the same content', async () => {
    const server = await startTestServer(data.dir, { idleUnloadMs: 50 });
    const writer = connect(server.wsUrl, 'route/r1/case/h1');
    await synced(writer);
    writer.doc.getMap('grid').set('results', 'three villages');
    const witness = connect(server.wsUrl, 'route/r1/case/h1');
    await waitFor(() => witness.doc.getMap('grid').get('results') === 'three villages', 'stored and sent');
    // The grid and its route's control document, kept loaded beside it (A3).
    expect((await api(server, '/healthz')).body).toMatchObject({ documents: 2, connections: 2 });
    writer.provider.destroy();
    witness.provider.destroy();
    await waitForHealth(server, (h) => h.documents === 0 && h.connections === 0);
    // Unloading with changes leaves an automatic snapshot behind.
    const listed = await api(server, `${docPath('route/r1/case/h1')}/snapshots`);
    expect(listed.body.snapshots.map((s: { kind: string }) => s.kind)).toEqual(['unload']);

    const reader = connect(server.wsUrl, 'route/r1/case/h1');
    await synced(reader);
    await waitFor(() => reader.doc.getMap('grid').get('results') === 'three villages', 'reloaded');
    expect((await api(server, '/healthz')).body.documents).toBe(2);
    await server.close();
  });

  it('compacts stored updates into one without changing the content', async () => {
    const server = await startTestServer(data.dir, { compactAfterUpdates: 50 });
    const writer = connect(server.wsUrl, 'route/r1/plan/t1');
    await synced(writer);
    const text = writer.doc.getText('plan');
    for (let i = 0; i < 300; i++) {
      text.insert(text.length, `${i} `);
      if (i % 10 === 9) text.delete(0, 2);
      // Yield now and then so updates reach the server over many turns, as typing does.
      if (i % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const expected = text.toString();
    const witness = connect(server.wsUrl, 'route/r1/plan/t1');
    await waitFor(() => witness.doc.getText('plan').toString() === expected, 'all typed text arrived');
    await server.close();

    const storage = openSqliteStorage(data.dir);
    const rows = await storage.countUpdates('route/r1/plan/t1');
    await storage.close();
    expect(rows).toBeLessThan(50);

    const again = await startTestServer(data.dir);
    const reader = connect(again.wsUrl, 'route/r1/plan/t1');
    await synced(reader);
    await waitFor(() => reader.doc.getText('plan').toString() === expected, 'same text after compaction');
    await again.close();
  });
});

async function waitForHealth(
  server: { url: string },
  check: (health: { documents: number; connections: number }) => boolean,
): Promise<void> {
  for (;;) {
    const health = (await api(server, '/healthz')).body;
    if (check(health)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
