import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, synced, syncedPair, waitFor, type TestClient } from './helpers/clients.ts';
import { api, docPath, makeDataDir, startTestServer } from './helpers/server.ts';

const docName = 'route/r1/plan/t1';
const snapshotsPath = `${docPath(docName)}/snapshots`;

describe('snapshots', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const clients: TestClient[] = [];
  let alice: TestClient;
  let bob: TestClient;

  const plan = (client: TestClient) => client.doc.getMap<unknown>('plan');
  // Map key order depends on insertion history, which a restore rewrites: compare sorted.
  const stateOf = (client: TestClient) => {
    const json = plan(client).toJSON();
    const sorted = Object.fromEntries(Object.keys(json).sort().map((key) => [key, json[key]]));
    return JSON.stringify({ plan: sorted, body: client.doc.getXmlFragment('body').toString() });
  };

  beforeEach(async () => {
    data = await makeDataDir();
    server = await startTestServer(data.dir);
    [alice, bob] = await syncedPair(server.wsUrl, docName, clients);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    await data.remove();
  });

  function writeVersionOne(): void {
    alice.doc.transact(() => {
      plan(alice).set('title', 'Community based knowledge exchange to improve chilli plantation quality');
      plan(alice).set('budget', 1500);
      const objectives = new Y.Array<string>();
      objectives.push(['train 30 farmers', 'two exchange visits']);
      plan(alice).set('objectives', objectives);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Chilli growers in Sansai district')]);
      alice.doc.getXmlFragment('body').insert(0, [paragraph]);
    });
  }

  it('creates, lists and reads a labelled snapshot', async () => {
    writeVersionOne();
    await waitFor(() => stateOf(bob) === stateOf(alice), 'bob has version one');
    const created = await api(server, snapshotsPath, { method: 'POST', body: { label: 'end of day 3' } });
    expect(created.status).toBe(201);
    expect(created.body.snapshot).toMatchObject({ kind: 'manual', label: 'end of day 3', docName });

    const listed = await api(server, snapshotsPath);
    expect(listed.body.snapshots).toHaveLength(1);

    const read = await api(server, `${snapshotsPath}/${created.body.snapshot.id}`);
    expect(read.body.snapshot.content.plan).toEqual({
      kind: 'map',
      value: {
        title: 'Community based knowledge exchange to improve chilli plantation quality',
        budget: 1500,
        objectives: ['train 30 farmers', 'two exchange visits'],
      },
    });
    expect(read.body.snapshot.content.body).toEqual({
      kind: 'xml',
      value: '<paragraph>Chilli growers in Sansai district</paragraph>',
    });

    const binary = await fetch(`${server.url}${snapshotsPath}/${created.body.snapshot.id}?format=yjs`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await binary.arrayBuffer()));
    expect(doc.getMap('plan').get('budget')).toBe(1500);

    expect((await api(server, `${snapshotsPath}/999`)).status).toBe(404);
    expect((await api(server, `${snapshotsPath}/abc`)).status).toBe(400);
    expect((await api(server, snapshotsPath, { method: 'POST', body: { label: 'x'.repeat(500) } })).status).toBe(400);
  });

  it('restores as a new change that live clients converge to, and the restore can be undone', async () => {
    writeVersionOne();
    await waitFor(() => stateOf(bob) === stateOf(alice), 'bob has version one');
    const versionOne = stateOf(alice);
    const { body } = await api(server, snapshotsPath, { method: 'POST', body: { label: 'v1' } });
    const v1 = body.snapshot.id as number;

    // Version two: edits, deletions and a new key, from both laptops.
    plan(alice).set('budget', 900);
    plan(bob).delete('objectives');
    plan(bob).set('risks', 'late rains');
    alice.doc.getXmlFragment('body').delete(0, 1);
    await waitFor(() => stateOf(alice) === stateOf(bob) && plan(alice).has('risks') && !plan(alice).has('objectives'), 'v2 converged');
    const versionTwo = stateOf(alice);

    const restored = await api(server, `${snapshotsPath}/${v1}/restore`, { method: 'POST' });
    expect(restored.status).toBe(200);
    expect(restored.body.safety).toMatchObject({ kind: 'before-restore' });
    await waitFor(() => stateOf(alice) === versionOne && stateOf(bob) === versionOne, 'clients converge to v1');

    // Undo the restore by restoring the safety snapshot taken just before it.
    const undo = await api(server, `${snapshotsPath}/${restored.body.safety.id}/restore`, { method: 'POST' });
    expect(undo.status).toBe(200);
    await waitFor(() => stateOf(alice) === versionTwo && stateOf(bob) === versionTwo, 'clients converge back to v2');

    // The restored content is stored, not only sent: a fresh client after a restart sees v2.
    await server.close();
    server = await startTestServer(data.dir);
    const fresh = connectClient(server.wsUrl, docName);
    clients.push(fresh);
    await synced(fresh);
    await waitFor(() => stateOf(fresh) === versionTwo, 'v2 after restart');
    const kinds = (await api(server, snapshotsPath)).body.snapshots.map((s: { kind: string }) => s.kind);
    expect(kinds).toEqual(['manual', 'before-restore', 'before-restore', 'unload']);
  });

  it('takes interval snapshots while a document is being edited', async () => {
    await server.close();
    server = await startTestServer(data.dir, {
      snapshotPolicy: { intervalMs: 1000, keepManual: 100, keepRecentAuto: 24, keepDailyDays: 30 },
    });
    const writer = connectClient(server.wsUrl, docName);
    clients.push(writer);
    await synced(writer);
    plan(writer).set('title', 'first');
    const autos = async (): Promise<number> =>
      (await api(server, snapshotsPath)).body.snapshots.filter((s: { kind: string }) => s.kind === 'auto').length;
    for (let count = await autos(); count === 0; count = await autos()) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Without further edits, no further automatic snapshots: wait for more than two check periods.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await autos()).toBe(1);
    plan(writer).set('title', 'second');
    for (let count = await autos(); count === 1; count = await autos()) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await autos()).toBe(2);
  });
});
