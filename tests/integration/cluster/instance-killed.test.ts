import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { startChildServer, type ChildServer } from '../helpers/child-server.ts';
import { clusterTokenSecret, startServices, type TestServices } from '../helpers/cluster.ts';
import { makeDataDir } from '../helpers/server.ts';
import { openPostgresStorage } from '../../../server/persistence/postgres-storage.ts';

/**
 * Three instances as their own processes, so one can be killed -9 in the middle of a stream of edits while
 * the others keep serving. Its clients reconnect to another instance, as a load balancer would send them.
 */
describe('an instance killed mid-stream', () => {
  let services: TestServices;
  const children: ChildServer[] = [];
  const dirs: Array<{ remove(): Promise<void> }> = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    services = await startServices();
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const child of children) child.process.kill('SIGKILL');
    await Promise.all(children.map((child) => child.exited));
    await Promise.all(dirs.map((dir) => dir.remove()));
    await services?.stop();
  });

  it('every update any client received is kept, nothing twice, and every client converges', async () => {
    const databaseUrl = await services.postgres.createDatabase('killed');
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: services.redis.url, TRIBUTARY_TOKEN_SECRET: clusterTokenSecret };
    for (let i = 0; i < 3; i++) {
      const data = await makeDataDir();
      dirs.push(data);
      children.push(await startChildServer(data.dir, env));
    }
    const docName = 'route/r1/river';
    /** Every card any client has seen, whoever wrote it and whenever. */
    const seen = new Set<string>();
    const open = (child: ChildServer, doc?: Y.Doc): TestClient => {
      const client = connectClient(child.wsUrl, docName, { doc });
      client.doc.getArray<string>('cards').observe((event) => {
        for (const item of event.changes.added) for (const card of item.content.getContent() as string[]) seen.add(card);
      });
      clients.push(client);
      return client;
    };
    const room = children.flatMap((child) => [open(child), open(child)]);
    await Promise.all(room.map(synced));

    let written = 0;
    const writeRound = (): void => {
      room.forEach((client, i) => client.doc.getArray<string>('cards').push([`${i}-${written}`]));
      written++;
    };
    for (let k = 0; k < 20; k++) {
      writeRound();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    children[0]!.process.kill('SIGKILL');
    await children[0]!.exited;
    // Edits keep coming on every client; the dead instance's two are offline until they reconnect.
    for (let k = 0; k < 10; k++) {
      writeRound();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const index of [0, 1]) {
      const orphan = room[index]!;
      orphan.provider.destroy();
      room[index] = open(children[1 + index]!, orphan.doc);
    }
    for (let k = 0; k < 10; k++) {
      writeRound();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const total = room.length * written;
    for (const client of room) {
      await waitFor(() => client.doc.getArray('cards').length === total, `all ${total} cards on every client`);
    }

    // A newcomer reads what the surviving instances hold: every card any client ever saw, each once.
    const newcomer = open(children[2]!);
    await synced(newcomer);
    const cards = newcomer.doc.getArray<string>('cards').toArray();
    expect(cards).toHaveLength(total);
    expect(new Set(cards).size).toBe(total);
    for (const card of seen) expect(cards).toContain(card);
    // And PostgreSQL holds all of it: rule D1 on every instance, the killed one included.
    const storage = await openPostgresStorage(databaseUrl);
    const stored = new Y.Doc();
    for (const update of (await storage.load(docName)).updates) Y.applyUpdate(stored, update);
    await storage.close();
    expect(stored.getArray<string>('cards').toArray().sort()).toEqual([...cards].sort());
  });
});
