import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../../server/persistence/sqlite-storage.ts';
import { isUnderScope, type SnapshotMeta, type Storage } from '../../../server/persistence/storage.ts';
import { adminToken, api, docPath, makeDataDir, startTestServer } from '../helpers/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type DataDir = Awaited<ReturnType<typeof makeDataDir>>;

async function upload(server: Server, routeId: string, colour: string): Promise<string> {
  const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: colour } }).jpeg().toBuffer();
  const response = await fetch(`${server.url}/api/routes/${routeId}/photos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'image/jpeg' },
    body: jpeg,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { photo: { id: string } }).photo.id;
}

const importArchive = async (server: Server, archive: Buffer, query = '', token = adminToken) => {
  const response = await fetch(`${server.url}/api/routes/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-tar' },
    body: new Uint8Array(archive),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whichever fields the answer has
  return { status: response.status, body: (await response.json()) as any };
};

/** A document as stored, built as a server would load it. */
async function stored(storage: Storage, docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of (await storage.load(docName)).updates) Y.applyUpdate(doc, update);
  return doc;
}

/** Offset of an entry's data in a tar file: its 512-byte header starts with its name. */
function entryData(archive: Buffer, name: string): number {
  const header = archive.indexOf(Buffer.from(`${name}\0`));
  expect(header % 512).toBe(0);
  return header + 512;
}

/**
 * The route archive: the demo route (with photos, a snapshot, people and a ballot) exported from one server
 * and imported into a second on another data folder; what arrives is compared in both storages.
 */
describe('route archive', () => {
  let dataA: DataDir;
  let dataB: DataDir;
  let a: Server;
  let b: Server;
  let archive: Buffer;
  let photoIds: string[];
  let closed = false;
  /** Snapshots after it (the servers' own when they close) are not the archive's. */
  let exportedAt: number;

  beforeAll(async () => {
    dataA = await makeDataDir();
    dataB = await makeDataDir();
    a = await startTestServer(dataA.dir, { seedDemo: true });
    b = await startTestServer(dataB.dir, { maxImportBytes: 32 * 1024 * 1024 });
    photoIds = [await upload(a, 'laos-2013', '#6a8f3c'), await upload(a, 'laos-2013', '#c0392b')];
    expect((await api(a, `${docPath('route/laos-2013/river')}/snapshots`, { method: 'POST', body: { label: 'end of day 1' } })).status).toBe(201);
    const facilitator = (await api(a, '/api/routes/laos-2013/links')).body.facilitator.token;
    const codes = (await api(a, '/api/routes/laos-2013/join-codes', { token: facilitator })).body;
    const ana = (await api(a, '/api/join', { method: 'POST', token: null, body: { code: codes.participant, name: 'Ana', teamId: 'taliang', groupId: 'g1' } })).body.token;
    await api(a, '/api/routes/laos-2013/vote/open', { token: facilitator, method: 'POST', body: { plans: ['taliang', 'watermelon', 'chilli'] } });
    expect((await api(a, '/api/routes/laos-2013/vote/ballot', { token: ana, method: 'PUT', body: { votes: { watermelon: 2 } } })).status).toBe(200);

    const response = await fetch(`${a.url}/api/routes/laos-2013/archive?token=${facilitator}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="laos-2013-\d{4}-\d{2}-\d{2}\.tributary\.tar"$/);
    archive = Buffer.from(await response.arrayBuffer());
    exportedAt = Date.now();
  });
  afterAll(async () => {
    if (!closed) await Promise.all([a?.close(), b?.close()]);
    await Promise.all([dataA?.remove(), dataB?.remove()]);
  });

  it('refuses anyone but the admin, and an archive over the size limit with 413', async () => {
    const created = (await api(b, '/api/routes', { method: 'POST', body: { title: 'Other route' } })).body;
    const refused = await importArchive(b, archive, '', created.links.facilitator.token);
    expect(refused).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const tooLarge = await importArchive(b, Buffer.concat([archive, Buffer.alloc(33 * 1024 * 1024)]), '?routeId=big');
    expect(tooLarge).toMatchObject({ status: 413, body: { error: 'archive_too_large' } });
    expect(tooLarge.body.message).toContain('32 MB');
  });

  it('refuses a truncated or tampered archive whole, writing nothing', async () => {
    const attempts: Array<[Buffer, string]> = [
      [archive.subarray(0, Math.floor(archive.length / 2)), 'archive_truncated'],
      // Cut at an entry's end: no manifest.
      [archive.subarray(0, entryData(archive, 'manifest.json') - 512), 'archive_truncated'],
      [Buffer.from('not a tar file at all, just text'.repeat(40)), 'archive_truncated'],
    ];
    for (const name of ['docs/river.yjs', `photos/${photoIds[1]}/full.jpg`, 'manifest.json']) {
      const tampered = Buffer.from(archive);
      const at = entryData(archive, name) + 20;
      tampered[at] = tampered[at]! ^ 0x5a;
      attempts.push([tampered, 'archive_damaged']);
    }
    for (const [bytes, error] of attempts) {
      const refused = await importArchive(b, bytes, '?routeId=broken');
      expect(refused.status, error).toBe(400);
      expect(refused.body.error).toBe(error);
      expect(refused.body.message).toMatch(/cut short|changed or damaged|cannot be read|not a Tributary/);
    }
    expect((await api(b, '/api/routes')).body.routes.map((route: { id: string }) => route.id)).not.toContain('broken');
    expect(await readdir(join(dataB.dir, 'photos')).catch(() => [])).not.toContain('broken');
  });

  it('imports the route with identical documents, snapshots and photos; a second import is refused, and a new id works', async () => {
    const first = await importArchive(b, archive);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ route: { id: 'laos-2013', title: 'Pro-Rural Poor Public and Private Partnership in Lao PDR' }, imported: { snapshots: 1, photos: 2, people: 1 } });
    expect(first.body.links.facilitator.url).toMatch(/\/r\/laos-2013\/river\?token=/);

    const again = await importArchive(b, archive);
    expect(again).toMatchObject({ status: 409, body: { error: 'route_exists', routeId: 'laos-2013', suggestedRouteId: 'laos-2013-2' } });
    expect(again.body.message).toContain('POST /api/routes/import?routeId=laos-2013-2');

    const copy = await importArchive(b, archive, '?routeId=laos-copy');
    expect(copy.status).toBe(201);
    // The imported route works: its own join codes, and its facilitator link opens it.
    const codes = await api(b, '/api/routes/laos-copy/join-codes', { token: copy.body.links.facilitator.token });
    expect(codes.status).toBe(200);
    expect((await api(b, '/api/routes/laos-2013/join-codes')).body.participant).not.toBe(codes.body.participant);

    closed = true;
    await Promise.all([a.close(), b.close()]);
    const storageA = openSqliteStorage(dataA.dir);
    const storageB = openSqliteStorage(dataB.dir);
    try {
      const namesA = (await storageA.listDocNames('route/laos-2013')).filter((name) => isUnderScope(name, 'route/laos-2013'));
      expect(namesA.length).toBeGreaterThanOrEqual(10);
      expect(await storageA.listSnapshots('route/laos-2013/river')).toContainEqual(expect.objectContaining({ kind: 'manual', label: 'end of day 1' }));
      for (const routeId of ['laos-2013', 'laos-copy']) {
        const namesB = (await storageB.listDocNames(`route/${routeId}`)).filter((name) => isUnderScope(name, `route/${routeId}`));
        expect(namesB).toEqual(namesA.map((name) => name.replace('route/laos-2013', `route/${routeId}`)));
        for (const name of namesA) {
          const there = name.replace('route/laos-2013', `route/${routeId}`);
          const [docA, docB] = [await stored(storageA, name), await stored(storageB, there)];
          if (name.endsWith('/server')) {
            // People and ballots carried; join codes are this server's own.
            expect(docB.getMap('people').toJSON()).toEqual(docA.getMap('people').toJSON());
            expect(docB.getMap('fairBallots').toJSON()).toEqual(docA.getMap('fairBallots').toJSON());
            expect(Object.keys(docB.getMap('joinCodes').toJSON()).sort()).toEqual(Object.keys(docA.getMap('joinCodes').toJSON()).sort());
          } else {
            expect(Buffer.from(Y.encodeStateAsUpdate(docB)).equals(Buffer.from(Y.encodeStateAsUpdate(docA))), name).toBe(true);
          }
          const before = (snaps: SnapshotMeta[]) => snaps.filter((snap) => snap.createdAt <= exportedAt);
          const [snapsA, snapsB] = [before(await storageA.listSnapshots(name)), before(await storageB.listSnapshots(there))];
          expect(snapsB.map(({ createdAt, kind, label, byteLength }) => ({ createdAt, kind, label, byteLength }))).toEqual(
            snapsA.map(({ createdAt, kind, label, byteLength }) => ({ createdAt, kind, label, byteLength })),
          );
          for (const [i, snap] of snapsA.entries()) {
            expect(Buffer.from((await storageB.getSnapshot(there, snapsB[i]!.id))!.state).equals(Buffer.from((await storageA.getSnapshot(name, snap.id))!.state))).toBe(true);
          }
        }
        for (const id of photoIds) {
          for (const size of ['full', 'thumb']) {
            const [fileA, fileB] = await Promise.all([readFile(join(dataA.dir, 'photos', 'laos-2013', id, `${size}.jpg`)), readFile(join(dataB.dir, 'photos', routeId, id, `${size}.jpg`))]);
            expect(fileB.equals(fileA)).toBe(true);
          }
        }
        expect((await readdir(join(dataB.dir, 'photos', routeId))).sort()).toEqual([...photoIds].sort());
      }
    } finally {
      await Promise.all([storageA.close(), storageB.close()]);
    }
  });
});
