import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../server/persistence/sqlite-storage.ts';
import { CaseDoc } from '../../shared/schema/case.ts';
import { RiverDoc } from '../../shared/schema/river.ts';
import { syncedPair, waitFor, type TestClient } from './helpers/clients.ts';
import { makeDataDir, routeWriteToken, startTestServer } from './helpers/server.ts';

/**
 * Documents written before cards held their photos as a list: the server converts them once as it loads
 * them, so two people adding a photo to such a card at once both keep theirs. A real SQLite file seeded
 * with old-format documents, the real server, stock y-websocket clients.
 */
const routeId = 'laos-2013';
const riverName = `route/${routeId}/river`;
const caseName = `route/${routeId}/case/dyes`;
let server: Awaited<ReturnType<typeof startTestServer>>;
let data: Awaited<ReturnType<typeof makeDataDir>>;
let writer: string;
const clients: TestClient[] = [];

/** A document as an older Tributary wrote it: each card's photo ids in one space-separated string. */
function oldDocument(cards: Record<string, Record<string, string | number>>): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const [id, fields] of Object.entries(cards)) {
      const map = new Y.Map<string | number>();
      for (const [key, value] of Object.entries({ id, author: 'Ana', authorId: 'a', order: 1, createdAt: 1, editedAt: 1, color: 'yellow', ...fields })) map.set(key, value);
      doc.getMap('cards').set(id, map);
    }
  });
  return Y.encodeStateAsUpdate(doc);
}

const pair = (docName: string): Promise<[TestClient, TestClient]> => syncedPair(server.wsUrl, docName, clients, writer);

const card = (doc: Y.Doc, id: string): Y.Map<unknown> => doc.getMap<Y.Map<unknown>>('cards').get(id)!;

beforeAll(async () => {
  data = await makeDataDir();
  const storage = openSqliteStorage(data.dir);
  await storage.append([
    { docName: riverName, updates: [oldDocument({ market: { text: 'Market day', streamId: 'lessons', dayId: 'd1', photos: 'p1 p2' } })] },
    {
      docName: caseName,
      updates: [
        oldDocument({
          vats: { text: 'Indigo vats', groupId: 'g1', rowId: 'story', columnId: 'community', photos: 'p1' },
          bare: { text: 'Before photos existed', groupId: 'g1', rowId: 'story', columnId: 'community' },
        }),
      ],
    },
  ]);
  await storage.close();
  server = await startTestServer(data.dir);
  writer = await routeWriteToken(server, routeId);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
  await data.remove();
});

describe('old-format photos converted as the server loads a document', () => {
  it('a grid document: every card has its list, the string is gone, and two photos added at once are both kept', async () => {
    const [ana, binh] = await pair(caseName);
    for (const client of [ana, binh]) {
      expect(card(client.doc, 'vats').get('photoList')).toBeInstanceOf(Y.Array);
      expect(card(client.doc, 'vats').has('photos')).toBe(false);
      expect(card(client.doc, 'bare').get('photoList')).toBeInstanceOf(Y.Array);
    }
    expect(new CaseDoc(ana.doc).card('vats')!.photos).toEqual(['p1']);
    expect(new CaseDoc(ana.doc).card('bare')!.photos).toEqual([]);

    // In the same tick, on the old card: before the conversion each would have made a list of its own.
    new CaseDoc(ana.doc).addPhoto('vats', 'from-ana', 2);
    new CaseDoc(binh.doc).addPhoto('vats', 'from-binh', 2);
    new CaseDoc(ana.doc).addPhoto('bare', 'from-ana', 2);
    new CaseDoc(binh.doc).addPhoto('bare', 'from-binh', 2);
    const both = (doc: Y.Doc): boolean => new CaseDoc(doc).card('vats')?.photos.length === 3 && new CaseDoc(doc).card('bare')?.photos.length === 2;
    await waitFor(() => both(ana.doc) && both(binh.doc), 'both photos on both clients');
    expect(new CaseDoc(binh.doc).card('vats')!.photos.toSorted()).toEqual(['from-ana', 'from-binh', 'p1']);
    expect(new CaseDoc(binh.doc).card('bare')!.photos.toSorted()).toEqual(['from-ana', 'from-binh']);
  });

  it('a river document is converted once and the conversion is stored: a restarted server keeps the same list', async () => {
    const [ana, binh] = await pair(riverName);
    expect(new RiverDoc(ana.doc).card('market')!.photos).toEqual(['p1', 'p2']);
    const list = card(ana.doc, 'market').get('photoList') as Y.Array<string>;
    new RiverDoc(ana.doc).addPhoto('market', 'from-ana', 2);
    new RiverDoc(binh.doc).addPhoto('market', 'from-binh', 2);
    await waitFor(() => new RiverDoc(binh.doc).card('market')?.photos.length === 4 && new RiverDoc(ana.doc).card('market')?.photos.length === 4, 'both photos on both clients');
    // The list Ana added to is the one the server made, not one she made herself.
    expect(card(ana.doc, 'market').get('photoList')).toBe(list);

    // Stored: the SQLite file holds the converted card, and a restarted server converts nothing again, so
    // everyone keeps adding to this very list (the same Yjs item, not a new list made at the next load).
    const listId = list._item!.id;
    await server.close();
    const storage = openSqliteStorage(data.dir);
    const stored = new Y.Doc();
    for (const update of (await storage.load(riverName)).updates) Y.applyUpdate(stored, update);
    await storage.close();
    expect(card(stored, 'market').has('photos')).toBe(false);
    expect((card(stored, 'market').get('photoList') as Y.Array<string>)._item!.id).toEqual(listId);

    server = await startTestServer(data.dir);
    const [later] = await pair(riverName);
    expect(new RiverDoc(later.doc).card('market')!.photos).toEqual(new RiverDoc(ana.doc).card('market')!.photos);
    expect((card(later.doc, 'market').get('photoList') as Y.Array<string>)._item!.id).toEqual(listId);
  });
});
