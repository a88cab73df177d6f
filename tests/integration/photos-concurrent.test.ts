import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseDoc } from '../../shared/schema/case.ts';
import { RiverDoc } from '../../shared/schema/river.ts';
import { syncedPair, waitFor, type TestClient } from './helpers/clients.ts';
import { makeDataDir, routeWriteToken, startTestServer } from './helpers/server.ts';

/**
 * A card's photos are a list in the document, so two people adding a photo to the same card at the same
 * moment both keep theirs. Two stock y-websocket clients through the real server; the ids stand for
 * uploaded photos (what is stored is photos.test.ts's part).
 */
const routeId = 'laos-2013';
let server: Awaited<ReturnType<typeof startTestServer>>;
let data: Awaited<ReturnType<typeof makeDataDir>>;
let writer: string;
const clients: TestClient[] = [];

const pair = (docName: string): Promise<[TestClient, TestClient]> => syncedPair(server.wsUrl, docName, clients, writer);

beforeAll(async () => {
  data = await makeDataDir();
  server = await startTestServer(data.dir);
  writer = await routeWriteToken(server, routeId);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
  await data.remove();
});

describe('photos added to one card at once', () => {
  it('a grid card keeps both photos, on both clients and after a reconnect', async () => {
    const docName = `route/${routeId}/case/coffee`;
    const [ana, binh] = await pair(docName);
    const cardId = new CaseDoc(ana.doc).addCard({ author: 'Ana', authorId: 'a', groupId: 'g1', rowId: 'results', columnId: 'community', text: 'The drying yard', photos: ['first'] }, 1);
    await waitFor(() => new CaseDoc(binh.doc).card(cardId) !== null, 'Binh has the card');

    // In the same tick: neither has seen the other's photo when adding its own.
    new CaseDoc(ana.doc).addPhoto(cardId, 'from-ana', 2);
    new CaseDoc(binh.doc).addPhoto(cardId, 'from-binh', 2);
    const both = (doc: Y.Doc): boolean => new CaseDoc(doc).card(cardId)?.photos.length === 3;
    await waitFor(() => both(ana.doc) && both(binh.doc), 'both photos on both clients');
    expect(new CaseDoc(ana.doc).card(cardId)!.photos).toEqual(new CaseDoc(binh.doc).card(cardId)!.photos);
    expect(new CaseDoc(ana.doc).card(cardId)!.photos.toSorted()).toEqual(['first', 'from-ana', 'from-binh']);

    const [later] = await pair(docName);
    expect(new CaseDoc(later.doc).card(cardId)!.photos.toSorted()).toEqual(['first', 'from-ana', 'from-binh']);
  });

  it('a river card keeps both photos, and taking one off keeps the other', async () => {
    const [ana, binh] = await pair(`route/${routeId}/river`);
    const river = new RiverDoc(ana.doc);
    const cardId = river.addCard({ author: 'Ana', authorId: 'a', streamId: 'lessons', dayId: 'day-1', text: 'Market day' }, 1);
    await waitFor(() => new RiverDoc(binh.doc).card(cardId) !== null, 'Binh has the card');

    river.addPhoto(cardId, 'from-ana', 2);
    new RiverDoc(binh.doc).addPhoto(cardId, 'from-binh', 2);
    await waitFor(() => new RiverDoc(binh.doc).card(cardId)?.photos.length === 2 && river.card(cardId)?.photos.length === 2, 'both photos on both clients');

    new RiverDoc(binh.doc).removePhoto(cardId, 'from-ana', 3);
    await waitFor(() => river.card(cardId)?.photos.length === 1, 'the removal reached Ana');
    expect(river.card(cardId)!.photos).toEqual(['from-binh']);
  });

  it('a card written with the old single photo field keeps its photos, and its next photo is added to them', async () => {
    const docName = `route/${routeId}/case/dyes`;
    const [ana, binh] = await pair(docName);
    // What documents written before the list held: the ids in one space-separated string.
    const old = new Y.Map<string | number>();
    ana.doc.transact(() => {
      for (const [key, value] of Object.entries({ id: 'old', text: 'Indigo vats', author: 'Ana', authorId: 'a', groupId: 'g1', rowId: 'story', columnId: 'community', order: 1, photos: 'p1 p2' })) old.set(key, value);
      ana.doc.getMap('cards').set('old', old);
    });
    await waitFor(() => new CaseDoc(binh.doc).card('old') !== null, 'Binh has the old card');
    expect(new CaseDoc(binh.doc).card('old')!.photos).toEqual(['p1', 'p2']);

    new CaseDoc(binh.doc).addPhoto('old', 'p3', 2);
    await waitFor(() => new CaseDoc(ana.doc).card('old')?.photos.length === 3, 'the new photo reached Ana');
    expect(new CaseDoc(ana.doc).card('old')!.photos).toEqual(['p1', 'p2', 'p3']);
  });
});
