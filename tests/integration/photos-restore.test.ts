import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseDoc } from '../../shared/schema/case.ts';
import { RiverDoc } from '../../shared/schema/river.ts';
import { connectClient, synced, waitFor, type TestClient } from './helpers/clients.ts';
import { api, docPath, makeDataDir, routeWriteToken, startTestServer } from './helpers/server.ts';

const routeId = 'laos-2013';
let server: Awaited<ReturnType<typeof startTestServer>>;
let data: Awaited<ReturnType<typeof makeDataDir>>;
let writer: string;
let reader: string;
const clients: TestClient[] = [];

async function uploadPhoto(): Promise<string> {
  const picture = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#3c8a55' } }).jpeg().toBuffer();
  const response = await fetch(`${server.url}/api/routes/${routeId}/photos`, {
    method: 'POST',
    headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${writer}` },
    body: picture as BodyInit,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { photo: { id: string } }).photo.id;
}

/** Both sizes of a photo as the board loads them, with a read token in the address like an <img>. */
async function servedSizes(photoId: string): Promise<Array<{ status: number; type: string | null; width: number | undefined }>> {
  return Promise.all(
    (['thumb', 'full'] as const).map(async (size) => {
      const response = await fetch(`${server.url}/api/routes/${routeId}/photos/${photoId}?size=${size}&token=${reader}`);
      const body = Buffer.from(await response.arrayBuffer());
      return { status: response.status, type: response.headers.get('content-type'), width: response.ok ? (await sharp(body).metadata()).width : undefined };
    }),
  );
}

function open(docName: string): TestClient {
  const client = connectClient(server.wsUrl, docName, { token: writer });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  data = await makeDataDir();
  server = await startTestServer(data.dir);
  writer = await routeWriteToken(server, routeId);
  reader = (await api(server, '/api/tokens', { method: 'POST', body: { scope: `route/${routeId}`, access: 'read' } })).body.token;
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
  await data.remove();
});

describe('photos and snapshots', () => {
  it('a grid card deleted after a snapshot comes back with its photos when the snapshot is restored, even after a restart', async () => {
    const docName = `route/${routeId}/case/coffee`;
    const photoId = await uploadPhoto();
    const ana = open(docName);
    await synced(ana);
    const grid = new CaseDoc(ana.doc);
    const cardId = grid.addCard({ author: 'Ana', authorId: 'a', groupId: 'g1', rowId: 'results', columnId: 'community', text: 'The drying yard', photos: [photoId] }, 1);
    const binh = open(docName);
    await synced(binh);
    await waitFor(() => new CaseDoc(binh.doc).card(cardId) !== null, 'Binh has the card');

    const snapshot = await api(server, `${docPath(docName)}/snapshots`, { method: 'POST', body: { label: 'after the visit' } });
    expect(snapshot.status).toBe(201);
    grid.deleteCards([cardId]);
    await waitFor(() => new CaseDoc(binh.doc).card(cardId) === null, 'the deletion reached Binh');
    // Deleting a card leaves its photos stored: the snapshot still refers to them.
    expect((await servedSizes(photoId)).map((s) => s.status)).toEqual([200, 200]);

    const restored = await api(server, `${docPath(docName)}/snapshots/${snapshot.body.snapshot.id}/restore`, { method: 'POST' });
    expect(restored.status).toBe(200);
    await waitFor(() => new CaseDoc(binh.doc).card(cardId)?.photos[0] === photoId, 'the card and its photo are back for Binh');
    expect(new CaseDoc(ana.doc).card(cardId)).toMatchObject({ text: 'The drying yard', photos: [photoId] });

    // A restart (which clears unfinished uploads) keeps the photos a restored card shows.
    await server.close();
    server = await startTestServer(data.dir);
    const fresh = connectClient(server.wsUrl, docName, { token: reader });
    clients.push(fresh);
    await synced(fresh);
    expect(new CaseDoc(fresh.doc).card(cardId)?.photos).toEqual([photoId]);
    expect(await servedSizes(photoId)).toEqual([
      { status: 200, type: 'image/jpeg', width: 320 },
      { status: 200, type: 'image/jpeg', width: 1600 },
    ]);
  });

  it('a river card with a photo, deleted and restored, shows the same photo', async () => {
    const docName = `route/${routeId}/river`;
    const photoId = await uploadPhoto();
    const ana = open(docName);
    await synced(ana);
    const river = new RiverDoc(ana.doc);
    const cardId = river.addCard({ author: 'Ana', authorId: 'a', streamId: 'knowledge', dayId: 'd3', text: 'The dye garden', photos: [photoId] }, 1);
    // Another laptop seeing the card means the server has stored it.
    const binh = open(docName);
    await waitFor(() => new RiverDoc(binh.doc).card(cardId) !== null, 'Binh has the card');
    const snapshot = await api(server, `${docPath(docName)}/snapshots`, { method: 'POST', body: { label: 'day 3' } });
    expect(snapshot.status).toBe(201);
    river.deleteCards([cardId]);
    await waitFor(() => new RiverDoc(binh.doc).card(cardId) === null, 'the deletion reached Binh');
    expect((await api(server, `${docPath(docName)}/snapshots/${snapshot.body.snapshot.id}/restore`, { method: 'POST' })).status).toBe(200);
    await waitFor(() => new RiverDoc(binh.doc).card(cardId)?.photos[0] === photoId, 'the river card and its photo are back');
    expect((await servedSizes(photoId)).map((s) => s.status)).toEqual([200, 200]);
  });
});
