import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { connectClient, synced, syncedPair, waitFor, type TestClient } from './helpers/clients.ts';
import { openRaw } from './helpers/raw-socket.ts';
import { api, makeDataDir, startTestServer } from './helpers/server.ts';
import type { Logger } from '../../server/log.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

const docName = 'route/r1/river';
const maxMessageBytes = 64 * 1024;

function frame(...parts: Array<(encoder: encoding.Encoder) => void>): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) part(encoder);
  return encoding.toUint8Array(encoder);
}
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);
const raw = (b: number[]) => (e: encoding.Encoder) => encoding.writeUint8Array(e, new Uint8Array(b));

/** An update whose insertion point the server has never seen: the second half of a two-step edit. */
function updateWithMissingDependency(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'abc');
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(3, 'FORGED');
  return Y.encodeStateAsUpdate(doc, before);
}

function validUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

// Rule B1: a bad frame closes that connection with a precise code, logs one line, applies nothing,
// and every other connection keeps syncing.
describe('bad input', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let warnings: string[];
  const clients: TestClient[] = [];
  let alice: TestClient;
  let bob: TestClient;

  const log: Logger = {
    info: () => {},
    warn: (message, fields) => warnings.push(`${message} ${JSON.stringify(fields)}`),
    error: (message, fields) => warnings.push(`error ${message} ${JSON.stringify(fields)}`),
  };

  async function stillSyncing(tag: string): Promise<void> {
    alice.doc.getMap<string>('probe').set(tag, tag);
    await waitFor(() => bob.doc.getMap('probe').get(tag) === tag, `healthy clients sync after ${tag}`);
  }

  beforeEach(async () => {
    warnings = [];
    data = await makeDataDir();
    server = await startTestServer(data.dir, { log, limits: { maxMessageBytes, maxQueuedBeforeLoad: 256, maxBufferedBytes: 64 * 1024 * 1024 } });
    [alice, bob] = await syncedPair(server.wsUrl, docName, clients);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    await data.remove();
  });

  const cases: Array<{ name: string; message: () => Uint8Array | string; code: number; reason: string }> = [
    { name: 'truncated varint', message: () => new Uint8Array([0xff, 0xff]), code: 1002, reason: 'malformed message' },
    { name: 'empty frame', message: () => new Uint8Array(0), code: 1002, reason: 'malformed message' },
    { name: 'unknown message type', message: () => frame(uint(7)), code: 1002, reason: 'unknown message type' },
    { name: 'unknown sync step', message: () => frame(uint(0), uint(9), bytes(new Uint8Array([0]))), code: 1002, reason: 'unknown message type' },
    { name: 'lying length prefix', message: () => frame(uint(0), uint(2), uint(100_000), raw([1, 2, 3])), code: 1002, reason: 'malformed message' },
    {
      name: 'valid update followed by trailing bytes',
      message: () => frame(uint(0), uint(2), bytes(validUpdate('TRAILING')), raw([0])),
      code: 1002,
      reason: 'malformed message',
    },
    { name: 'undecodable update', message: () => frame(uint(0), uint(2), bytes(new Uint8Array([1, 200, 7, 7, 7, 7]))), code: 1007, reason: 'undecodable document update' },
    { name: 'update with missing dependencies', message: () => frame(uint(0), uint(2), bytes(updateWithMissingDependency())), code: 1007, reason: 'update depends on unknown content' },
    {
      name: 'broken awareness JSON',
      message: () => frame(uint(1), bytes(frame(uint(1), uint(42), uint(1), (e) => encoding.writeVarString(e, '{not json')))),
      code: 1007,
      reason: 'undecodable awareness update',
    },
    { name: 'truncated awareness', message: () => frame(uint(1), bytes(new Uint8Array([3, 1]))), code: 1007, reason: 'undecodable awareness update' },
    { name: 'text frame', message: () => 'hello', code: 1003, reason: 'binary frames only' },
    { name: 'frame over the size limit', message: () => new Uint8Array(maxMessageBytes + 1), code: 1009, reason: '' },
  ];

  for (const testCase of cases) {
    it(`closes on ${testCase.name}, logs one line, and applies nothing`, async () => {
      const before = JSON.stringify(bob.doc.toJSON());
      const { socket, outcome } = await openRaw(server.wsUrl, docName);
      socket.send(testCase.message());
      const result = await outcome;
      expect(result.closeCode).toBe(testCase.code);
      if (testCase.reason) expect(result.closeReason).toBe(testCase.reason);
      // The server may see the close a moment after the client does.
      await waitFor(() => warnings.length > 0, 'a log line');
      expect(warnings.filter((line) => line.startsWith('connection closed'))).toHaveLength(1);
      await stillSyncing(testCase.name);
      const fresh = connectClient(server.wsUrl, docName);
      clients.push(fresh);
      await synced(fresh);
      await waitFor(() => fresh.doc.getMap('probe').has(testCase.name), 'fresh client synced');
      expect(fresh.doc.getText('t').toString()).toBe('');
      expect(JSON.stringify(fresh.doc.getMap('cards').toJSON())).toBe(JSON.stringify(JSON.parse(before).cards ?? {}));
    });
  }

  it('survives a seeded stream of random frames from many connections', async () => {
    for (const seed of [1, 2, 3, 20261123]) {
      const random = seededRandom(seed);
      const sockets = await Promise.all([...Array(10)].map(() => openRaw(server.wsUrl, docName)));
      for (const { socket } of sockets) {
        const length = random.int(64);
        const garbage = random.bytes(length);
        // Half of the frames look like sync or awareness messages so the fuzz reaches the deeper decoders.
        if (length > 2 && random.next() < 0.5) garbage[0] = random.int(2);
        if (length > 2 && garbage[0] === 0) garbage[1] = random.int(3);
        socket.send(garbage);
      }
      await Promise.all(sockets.map(({ socket, outcome }) => {
        // Frames that happen to be valid leave their socket open: close it ourselves.
        setTimeout(() => socket.close(), 200);
        return outcome;
      }));
      await stillSyncing(`fuzz-${seed}`);
    }
    const health = await api(server, '/healthz');
    // The river and its route's control document, which the server keeps loaded beside it (A3).
    expect(health.body).toMatchObject({ status: 'ok', documents: 2, connections: 2 });
  });
});
