import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openSqliteStorage } from '../../server/persistence/sqlite-storage.ts';
import { encodeSyncStep1 } from '../../server/protocol/messages.ts';
import { connectClient, synced, waitFor, type TestClient } from './helpers/clients.ts';
import { adminToken, makeDataDir, startTestServer } from './helpers/server.ts';

const docName = 'route/cold/plan/t1';
/** Paragraphs typed one edit each: well over the size from which a cold document is served from storage. */
const paragraphs = Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: ${'ສະບາຍດີ xin chào '.repeat(12)}\n`);
const storedText = paragraphs.join('');

let data: Awaited<ReturnType<typeof makeDataDir>>;
const clients: TestClient[] = [];
const connect = (wsUrl: string, doc?: Y.Doc): TestClient => {
  const client = connectClient(wsUrl, docName, doc ? { doc } : {});
  clients.push(client);
  return client;
};

beforeEach(async () => {
  data = await makeDataDir();
  const server = await startTestServer(data.dir);
  const writer = connect(server.wsUrl);
  await synced(writer);
  const text = writer.doc.getText('body');
  for (const [i, paragraph] of paragraphs.entries()) {
    text.insert(text.length, paragraph);
    // Ten paragraphs a turn: the server stores dozens of rows, as a plan typed over a morning has.
    if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const witness = connect(server.wsUrl);
  await waitFor(() => witness.doc.getText('body').length === storedText.length, 'the text stored');
  await server.close();
  for (const client of clients.splice(0)) client.destroy();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await data.remove();
});

/** The first message types (sync 0/1/2, awareness 1) a bare socket receives after sending a sync step 1. */
async function firstMessages(wsUrl: string, count: number): Promise<string[]> {
  const socket = new WebSocket(`${wsUrl}/${docName}?token=${adminToken}`);
  const seen: string[] = [];
  await new Promise<void>((resolve, reject) => {
    socket.on('open', () => socket.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))));
    socket.on('message', (data: Buffer) => {
      seen.push(data[0] === 0 ? `sync-${['step1', 'step2', 'update'][data[1]!]}` : `type-${data[0]}`);
      if (seen.length === count) resolve();
    });
    socket.on('error', reject);
  });
  socket.close();
  return seen;
}

test('a document is stored as one row when it unloads, so its next cold load sends that row as it is', async () => {
  const storage = openSqliteStorage(data.dir);
  try {
    // Written in dozens of turns, far fewer than the background compaction's threshold.
    expect(await storage.countUpdates(docName)).toBe(1);
  } finally {
    await storage.close();
  }
});

test('a cold large document answers the first sync from storage, before the document is built in memory', async () => {
  const server = await startTestServer(data.dir);
  try {
    // Built in memory first, the room would greet with its own sync step 1 before answering ours.
    expect(await firstMessages(server.wsUrl, 2)).toEqual(['sync-step2', 'sync-step1']);
    // Once loaded, the room greets first, as before.
    expect(await firstMessages(server.wsUrl, 2)).toEqual(['sync-step1', 'sync-step2']);
  } finally {
    await server.close();
  }
});

test('the first sync of a cold document while another client writes during the load: nothing missed, nothing twice', async () => {
  const server = await startTestServer(data.dir);
  try {
    const reader = connect(server.wsUrl);
    const writer = connect(server.wsUrl);
    // The writer types as soon as its socket opens, while the document is still loading.
    writer.provider.once('status', () => writer.doc.getText('body').insert(0, 'Title\n'));
    await Promise.all([synced(reader), synced(writer)]);
    // Typed into an empty document, the title is concurrent with the stored text's start: where it lands
    // depends on the clients' ids. What must hold: both have all of the stored text and the title once.
    const complete = (text: string): boolean => text.split('Title\n').length === 2 && text.replace('Title\n', '') === storedText;
    await waitFor(() => complete(reader.doc.getText('body').toString()), 'the reader to have the stored text and the write');
    await waitFor(() => writer.doc.getText('body').toString() === reader.doc.getText('body').toString(), 'the writer to agree');
    const expected = reader.doc.getText('body').toString();
    // And it was stored before anyone got it (D1): a later client of a restarted server sees the same.
    await server.close();
    const again = await startTestServer(data.dir);
    try {
      const late = connect(again.wsUrl);
      await synced(late);
      await waitFor(() => late.doc.getText('body').toString() === expected, 'the write after a restart');
    } finally {
      await again.close();
    }
  } finally {
    await server.close();
  }
});

test('a returning client with offline edits gets only what it lacks from a cold document, and its edits are kept', async () => {
  const offline = new Y.Doc();
  // The state it had synced before, and an edit made while the server was down.
  const first = await startTestServer(data.dir);
  const before = connect(first.wsUrl);
  await synced(before);
  await waitFor(() => before.doc.getText('body').length === storedText.length, 'the stored text');
  Y.applyUpdate(offline, Y.encodeStateAsUpdate(before.doc));
  await first.close();
  offline.getText('body').insert(storedText.length, 'Written offline.');

  const server = await startTestServer(data.dir);
  try {
    const returning = connect(server.wsUrl, offline);
    const other = connect(server.wsUrl);
    await Promise.all([synced(returning), synced(other)]);
    await waitFor(() => other.doc.getText('body').toString() === `${storedText}Written offline.`, 'the offline edit to reach the others');
    expect(returning.doc.getText('body').toString()).toBe(`${storedText}Written offline.`);
  } finally {
    await server.close();
  }
});
