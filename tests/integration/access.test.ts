import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, synced, waitFor, type TestClient } from './helpers/clients.ts';
import { openRaw, requestUpgrade } from './helpers/raw-socket.ts';
import { adminToken, api, docPath, makeDataDir, startTestServer } from './helpers/server.ts';

// Rule A1: no token or a wrong token gets nothing of a document. Rule A2: read-only connections never change it.
describe('access', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const clients: TestClient[] = [];
  const connect = (docName: string, token?: string | null): TestClient => {
    const client = connectClient(server.wsUrl, docName, { token });
    clients.push(client);
    return client;
  };
  const mint = async (scope: string, access: 'read' | 'write', expiresInDays?: number): Promise<string> => {
    const response = await api(server, '/api/tokens', { method: 'POST', body: { scope, access, expiresInDays } });
    expect(response.status).toBe(201);
    return response.body.token;
  };

  beforeEach(async () => {
    data = await makeDataDir();
    server = await startTestServer(data.dir);
    const author = connect('route/r1/river');
    await synced(author);
    author.doc.getMap('cards').set('c1', 'a lesson learned');
    const witness = connect('route/r1/river');
    await waitFor(() => witness.doc.getMap('cards').size === 1, 'seed content stored');
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    await data.remove();
  });

  it('refuses the upgrade without a token, with a wrong token, and outside a token scope', async () => {
    const otherRoute = await mint('route/r2', 'write');
    const cases: Array<[string | null, number]> = [
      [null, 401],
      ['not-a-token', 401],
      [`${otherRoute}x`, 401],
      [otherRoute, 403],
    ];
    for (const [token, status] of cases) {
      const { outcome } = await openRaw(server.wsUrl, 'route/r1/river', token);
      const result = await outcome;
      expect(result.refusedWith).toBe(status);
      expect(result.messages).toBe(0);
    }
  });

  it('answers a refused upgrade with the HTTP API\'s status and JSON error, before any socket opens', async () => {
    const otherRoute = await mint('route/r2', 'write');
    const river = 'route/r1/river';
    const cases: Array<{ name: string; token: string | null; status: number; error: string }> = [
      { name: river, token: null, status: 401, error: 'token_missing' },
      { name: river, token: 'not-a-token', status: 401, error: 'token_invalid' },
      { name: river, token: otherRoute, status: 403, error: 'forbidden' },
      { name: 'route/a b', token: adminToken, status: 400, error: 'invalid_document_name' },
    ];
    for (const { name, token, status, error } of cases) {
      const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
      const refused = await requestUpgrade(server.url, `/sync/${encodeURI(name)}${query}`);
      expect(refused.status, `${name} ${token}`).toBe(status);
      expect(refused.contentType).toMatch(/^application\/json/);
      expect(JSON.parse(refused.body)).toMatchObject({ error });
      // The same name and token get the same answer from the HTTP API.
      const fromApi = await api(server, `${docPath(name)}/access${query}`, { token: null });
      expect(fromApi.body).toEqual(JSON.parse(refused.body));
    }
  });

  it('takes the upgrade token from an Authorization header too', async () => {
    const accepted = await requestUpgrade(server.url, '/sync/route/r1/river', { authorization: `Bearer ${adminToken}` });
    expect(accepted.status).toBe(101);
  });

  it('refuses upgrades anywhere but /sync/, and answers plain requests to /sync/ with 426', async () => {
    for (const path of ['/', '/api/docs/route%2Fr1%2Friver/access', '/syncx/route/r1/river']) {
      const refused = await requestUpgrade(server.url, `${path}?token=${adminToken}`);
      expect(refused.status, path).toBe(404);
      expect(JSON.parse(refused.body).error).toBe('not_found');
    }
    const plain = await api(server, '/sync/route/r1/river');
    expect(plain.status).toBe(426);
    expect(plain.body.error).toBe('upgrade_required');
  });

  it('gives a stock client with a wrong token no content', async () => {
    const intruder = connect('route/r1/river', 'wrong');
    let errors = 0;
    intruder.provider.on('connection-error', () => errors++);
    await waitFor(() => errors >= 1, 'connection refused');
    expect(intruder.provider.wsconnected).toBe(false);
    expect(intruder.doc.getMap('cards').size).toBe(0);
  });

  it('lets a read-only token read live but never change the document', async () => {
    const viewerToken = await mint('route/r1', 'read');
    const viewer = connect('route/r1/river', viewerToken);
    await synced(viewer);
    await waitFor(() => viewer.doc.getMap('cards').get('c1') === 'a lesson learned', 'viewer reads');
    viewer.doc.getMap('cards').set('c2', 'forged by a viewer');
    viewer.doc.getMap('cards').delete('c1');

    const writer = connect('route/r1/river');
    await synced(writer);
    writer.doc.getMap('cards').set('c3', 'a recommendation');
    await waitFor(() => viewer.doc.getMap('cards').get('c3') === 'a recommendation', 'viewer follows live');
    const fresh = connect('route/r1/river');
    await waitFor(() => fresh.doc.getMap('cards').get('c3') === 'a recommendation', 'fresh client synced');
    expect(fresh.doc.getMap('cards').toJSON()).toEqual({ c1: 'a lesson learned', c3: 'a recommendation' });
  });

  it('closes a connection with 4401 when its token expires, and refuses it afterwards', async () => {
    const shortLived = await mint('route/r1', 'write', 0.5 / 86_400);
    const { outcome } = await openRaw(server.wsUrl, 'route/r1/river', shortLived);
    const result = await outcome;
    expect(result.closeCode).toBe(4401);
    const again = await (await openRaw(server.wsUrl, 'route/r1/river', shortLived)).outcome;
    expect(again.refusedWith).toBe(401);
  });

  it('refuses invalid document names with a clear error', async () => {
    const names = ['', 'route//river', 'route/../admin', '.hidden', `route/${'x'.repeat(300)}`, 'route/ສະບາຍດີ'];
    for (const name of names) {
      const response = await api(server, `${docPath(name)}/access`);
      expect(response.status, name).toBe(name === '' ? 404 : 400);
      if (name !== '') expect(response.body.error).toBe('invalid_document_name');
    }
    const { outcome } = await openRaw(server.wsUrl, 'route/a%20b');
    expect((await outcome).refusedWith).toBe(400);
  });

  it('applies the same rules to the HTTP API', async () => {
    const readToken = await mint('route/r1', 'read');
    const path = `${docPath('route/r1/river')}/snapshots`;
    expect((await api(server, path, { token: null })).body.error).toBe('token_missing');
    expect((await api(server, path, { token: 'nope' })).status).toBe(401);
    expect((await api(server, path, { token: readToken })).status).toBe(200);
    expect((await api(server, `${docPath('route/r1/river')}/access`, { token: readToken })).body).toEqual({ access: 'read' });
    const create = await api(server, path, { method: 'POST', token: readToken, body: { label: 'x' } });
    expect(create.status).toBe(403);
    expect(create.body.error).toBe('read_only');
    const mintAsViewer = await api(server, '/api/tokens', { method: 'POST', token: readToken, body: { scope: 'route', access: 'write' } });
    expect(mintAsViewer.status).toBe(403);
    const badMint = await api(server, '/api/tokens', { method: 'POST', body: { scope: 'route/r1', access: 'admin' } });
    expect(badMint.body.error).toBe('invalid_access');
  });
});
