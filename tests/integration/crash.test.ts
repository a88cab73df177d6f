import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, synced, waitFor, type TestClient } from './helpers/clients.ts';
import { startChildServer, type ChildServer } from './helpers/child-server.ts';
import { makeDataDir } from './helpers/server.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

// Rule D1 (README, durability): every update that any client has received survives kill -9 of the server.
describe('durability across kill -9', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  const clients: TestClient[] = [];
  const children: ChildServer[] = [];

  beforeEach(async () => {
    data = await makeDataDir();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const child of children.splice(0)) child.process.kill('SIGKILL');
    await data.remove();
  });

  it('keeps every update another client received, over several rounds', async () => {
    const random = seededRandom(20261123);
    const docName = 'route/crash/river';
    const everReceived = new Set<string>();
    const rounds = 5;
    for (let round = 0; round < rounds; round++) {
      const child = await startChildServer(data.dir);
      children.push(child);
      const writer = connectClient(child.wsUrl, docName);
      const observer = connectClient(child.wsUrl, docName);
      clients.push(writer, observer);
      await Promise.all([synced(writer), synced(observer)]);

      const killAfter = 50 + random.int(150);
      const received = observer.doc.getMap<number>('cards');
      let receivedAtKill: string[] | null = null;
      const receivedBefore = received.size;
      received.observe((event) => {
        if (receivedAtKill !== null) return;
        for (const key of event.keysChanged) everReceived.add(key);
        if (received.size - receivedBefore >= killAfter) {
          child.process.kill('SIGKILL');
          receivedAtKill = [...everReceived];
        }
      });

      // The writer keeps typing in small bursts until the server dies under it.
      const cards = writer.doc.getMap<number>('cards');
      for (let i = 0; receivedAtKill === null && i < 5000; i++) {
        cards.set(`r${round}-${i}`, i);
        if (i % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      // On a busy machine the writer can finish before the observer has seen enough: the kill still comes.
      await waitFor(() => receivedAtKill !== null, 'the observer receiving enough to trigger the kill');
      await child.exited;
      // Neither client may help: only what the server stored counts.
      writer.destroy();
      observer.destroy();

      const restarted = await startChildServer(data.dir);
      children.push(restarted);
      const checker = connectClient(restarted.wsUrl, docName);
      clients.push(checker);
      await synced(checker);
      const stored = checker.doc.getMap<number>('cards');
      await waitFor(() => stored.size >= everReceived.size, `round ${round}: ${everReceived.size} updates back`);
      const missing = [...everReceived].filter((key) => !stored.has(key));
      expect(missing).toEqual([]);
      checker.destroy();
      restarted.process.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    }
    expect(everReceived.size).toBeGreaterThan(rounds * 50);
  });
});
