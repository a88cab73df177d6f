import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { connectClient, synced, waitFor, type TestClient } from './helpers/clients.ts';
import { openRaw } from './helpers/raw-socket.ts';
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../../server/protocol/messages.ts';
import { adminToken, makeDataDir, startTestServer } from './helpers/server.ts';

describe('sync with stock y-websocket clients', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const clients: TestClient[] = [];
  const connect = (docName: string): TestClient => {
    const client = connectClient(server.wsUrl, docName);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    data = await makeDataDir();
    server = await startTestServer(data.dir);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    await data.remove();
  });

  it('converges four clients editing the same map, array and text at once', async () => {
    const peers = [0, 1, 2, 3].map(() => connect('route/r1/river'));
    await Promise.all(peers.map(synced));
    peers.forEach((peer, index) => {
      for (let i = 0; i < 50; i++) {
        peer.doc.getArray<string>('cards').push([`p${index}-${i}`]);
        peer.doc.getMap('meta').set(`k${i % 7}`, `p${index}-${i}`);
        peer.doc.getText('notes').insert(0, `${index}`);
      }
    });
    const expectedCards = 4 * 50;
    await waitFor(() => peers.every((p) => p.doc.getArray('cards').length === expectedCards), 'all cards everywhere');
    await waitFor(() => peers.every((p) => p.doc.getText('notes').length === expectedCards), 'all text everywhere');
    const states = peers.map((p) => JSON.stringify(p.doc.toJSON()));
    await waitFor(() => new Set(peers.map((p) => JSON.stringify(p.doc.getMap('meta').toJSON()))).size === 1, 'maps agree');
    expect(new Set(peers.map((p) => JSON.stringify(p.doc.getArray('cards').toJSON()))).size).toBe(1);
    expect(states.length).toBe(4);
  });

  it('gives a late joiner the full state', async () => {
    const first = connect('route/r1/plan/t1');
    await synced(first);
    first.doc.getArray<number>('numbers').push([1, 2, 3]);
    first.doc.getText('title').insert(0, 'Improving organic watermelon plantation');
    const witness = connect('route/r1/plan/t1');
    await waitFor(() => witness.doc.getText('title').length > 0 && witness.doc.getArray('numbers').length === 3, 'server has it');
    // With the author gone, the server is the only place the late joiner can get the content from.
    first.provider.destroy();
    witness.provider.destroy();
    const late = connect('route/r1/plan/t1');
    await synced(late);
    await waitFor(() => late.doc.getArray('numbers').length === 3, 'numbers at late joiner');
    expect(late.doc.getText('title').toString()).toBe('Improving organic watermelon plantation');
  });

  it('delivers messages of each WebSocket length form: 7-bit, 16-bit and 64-bit', async () => {
    const writer = connect('route/r1/plan/t2');
    const reader = connect('route/r1/plan/t2');
    await Promise.all([synced(writer), synced(reader)]);
    // Each insert is one update message; its frame's payload length is just over the text's length.
    const texts = ['x'.repeat(20), 'y'.repeat(125), 'z'.repeat(1_000), 'w'.repeat(65_530), 'v'.repeat(200_000)];
    let expected = '';
    for (const text of texts) {
      writer.doc.getText('body').insert(expected.length, text);
      expected += text;
      await waitFor(() => reader.doc.getText('body').length === expected.length, `${text.length} characters at the reader`);
    }
    expect(reader.doc.getText('body').toString()).toBe(expected);
    // A late joiner gets it all in one sync step 2, one more 64-bit frame.
    const late = connect('route/r1/plan/t2');
    await synced(late);
    expect(late.doc.getText('body').toString()).toBe(expected);
  });

  it('keeps documents apart', async () => {
    const a = connect('route/r1/case/h1');
    const b = connect('route/r1/case/h2');
    await Promise.all([synced(a), synced(b)]);
    a.doc.getMap('grid').set('story', 'asparagus');
    const a2 = connect('route/r1/case/h1');
    await waitFor(() => a2.doc.getMap('grid').get('story') === 'asparagus', 'same doc receives');
    expect(b.doc.getMap('grid').size).toBe(0);
  });

  it('shows awareness to others and removes it when the client disconnects', async () => {
    const alice = connect('route/r1/river');
    const bob = connect('route/r1/river');
    await Promise.all([synced(alice), synced(bob)]);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    await waitFor(() => bob.provider.awareness.getStates().get(alice.doc.clientID) !== undefined, 'alice seen by bob');
    expect(bob.provider.awareness.getStates().get(alice.doc.clientID)).toEqual({ user: { name: 'Alice' } });
    const aliceId = alice.doc.clientID;
    // Dropping the socket without a goodbye message: the server must remove her on its own.
    alice.provider.ws?.close();
    alice.provider.shouldConnect = false;
    await waitFor(() => !bob.provider.awareness.getStates().has(aliceId), 'alice removed at bob');
  });

  it('merges a burst of updates that arrive in one turn into fewer messages', async () => {
    const writer = connect('route/r1/river');
    const reader = connect('route/r1/river');
    await Promise.all([synced(writer), synced(reader)]);
    let messages = 0;
    reader.provider.ws?.addEventListener('message', () => messages++);
    for (let i = 0; i < 200; i++) writer.doc.getArray<number>('burst').push([i]);
    await waitFor(() => reader.doc.getArray('burst').length === 200, 'burst delivered');
    // The writer sent 200 messages in one turn; the server merges what one turn brings into fewer.
    expect(messages).toBeLessThan(200);
    expect(reader.doc.getArray<number>('burst').toArray()).toEqual([...Array(200).keys()]);
  });

  it('answers a sync step 1 that arrives in one turn with a step 2 holding nothing new', async () => {
    const { socket } = await openRaw(server.wsUrl, 'route/r1/river');
    const syncSteps: number[] = [];
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(data);
      if (decoding.readVarUint(decoder) === 0) syncSteps.push(decoding.readVarUint(decoder));
    });
    const empty = new Y.Doc();
    // Both frames in one TCP write, so that the server reads them in the same turn.
    const tcp = (socket as unknown as { _socket: Socket })._socket;
    tcp.cork();
    socket.send(encodeSyncStep2(Y.encodeStateAsUpdate(empty)));
    socket.send(encodeSyncStep1(Y.encodeStateVector(empty)));
    tcp.uncork();
    await waitFor(() => syncSteps.includes(1), 'the step 2 reply');
    socket.close();
  });

  it('sends a client without a copy (?fresh=1) the whole document as it joins, and answers its step 1 no second time', async () => {
    const writer = connect('route/r1/plan/t3');
    await synced(writer);
    writer.doc.getText('body').insert(0, 'Cattle die in the dry season.');
    const witness = connect('route/r1/plan/t3');
    await waitFor(() => witness.doc.getText('body').length > 0, 'the text stored');

    const socket = new WebSocket(`${server.wsUrl}/route/r1/plan/t3?token=${adminToken}&fresh=1`);
    const doc = new Y.Doc();
    const syncSteps: number[] = [];
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(data);
      if (decoding.readVarUint(decoder) !== 0) return;
      const step = decoding.readVarUint(decoder);
      syncSteps.push(step);
      if (step !== 0) Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
    });
    await new Promise((resolve) => socket.once('open', resolve));
    // It has sent nothing: the server's step 1 and then the whole document came anyway.
    await waitFor(() => doc.getText('body').toString() === 'Cattle die in the dry season.', 'the whole document before any step 1');
    expect(syncSteps).toEqual([0, 1]);
    // Its step 1, sent from an empty document as a provider's open event would, gets no second copy: what
    // it asks for is already on its way, and a later change comes as an update.
    socket.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    writer.doc.getText('body').insert(0, 'Draft: ');
    await waitFor(() => doc.getText('body').toString() === 'Draft: Cattle die in the dry season.', 'the next change');
    expect(syncSteps).toEqual([0, 1, 2]);
    socket.close();
  });

  it('does not echo a turn to its only writer, and sends it to everyone else', async () => {
    const syncMessages = (socket: WebSocket): number[] => {
      const steps: number[] = [];
      socket.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(data);
        steps.push(decoding.readVarUint(decoder) === 0 ? decoding.readVarUint(decoder) : -1);
      });
      return steps;
    };
    const writer = await openRaw(server.wsUrl, 'route/r1/river');
    const reader = await openRaw(server.wsUrl, 'route/r1/river');
    const atWriter = syncMessages(writer.socket);
    const atReader = syncMessages(reader.socket);
    const doc = new Y.Doc();
    doc.getArray('cards').push(['one']);
    writer.socket.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    await waitFor(() => atReader.includes(2), 'the update at the reader');
    // The answer to a query arrives after anything the server sent the writer before it.
    writer.socket.send(new Uint8Array([3]));
    await waitFor(() => atWriter.includes(-1), 'the awareness answer');
    expect(atWriter).not.toContain(2);
    writer.socket.close();
    reader.socket.close();
  });

  it('delivers a turn of more updates than one transaction takes, in order', async () => {
    const reader = connect('route/r1/river');
    await synced(reader);
    const { socket } = await openRaw(server.wsUrl, 'route/r1/river');
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 1500; i++) doc.getArray<number>('burst').push([i]);
    // One TCP write, so that the server reads them all in one turn.
    const tcp = (socket as unknown as { _socket: Socket })._socket;
    tcp.cork();
    for (const update of updates) socket.send(encodeUpdate(update));
    tcp.uncork();
    await waitFor(() => reader.doc.getArray('burst').length === 1500, 'the burst at the reader');
    expect(reader.doc.getArray<number>('burst').toArray()).toEqual([...Array(1500).keys()]);
    socket.close();
  });

  it('closes its sockets with 1001 when the server shuts down', async () => {
    const { outcome } = await openRaw(server.wsUrl, 'route/r1/river');
    await server.close();
    expect(await outcome).toMatchObject({ closeCode: 1001, closeReason: 'server shutting down' });
  });

  it('syncs a document created offline in full when the client first connects', async () => {
    const offline = new Y.Doc();
    offline.getMap('setup').set('title', 'Learning Route Attapeu 2013');
    const client = connectClient(server.wsUrl, 'route/r2', { doc: offline });
    clients.push(client);
    const other = connect('route/r2');
    await waitFor(() => other.doc.getMap('setup').get('title') === 'Learning Route Attapeu 2013', 'offline content arrives');
  });
});
