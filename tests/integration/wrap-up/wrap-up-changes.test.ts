import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planDocName, riverDocName } from '../../../shared/schema/doc-kinds.ts';
import { PlanDoc } from '../../../shared/schema/plan.ts';
import { RiverDoc } from '../../../shared/schema/river.ts';
import type { WrapUp } from '../../../shared/schema/wrap-up.ts';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { api, makeDataDir, startTestServer } from '../helpers/server.ts';
import { readServerEvents } from '../helpers/server-events.ts';

/** One `GET …/wrap-up/changes` stream, read as the wrap-up page reads it: its events, by name, as they come. */
async function openChanges(url: string, token: string) {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  const events: string[] = [];
  if (response.ok) void readServerEvents(response, (name) => events.push(name));
  return { response, events, close: () => abort.abort() };
}

/** The answer's headers and its bytes as they crossed the wire, asking for gzip as browsers do. */
function getRaw(url: string, token: string): Promise<{ headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate, br' } }, (response) => {
      const chunks: Buffer[] = [];
      // An event stream never ends by itself: its headers and first event are enough.
      if (String(response.headers['content-type']).includes('text/event-stream')) {
        response.once('data', (chunk: Buffer) => {
          resolve({ headers: response.headers, bytes: chunk });
          req.destroy();
        });
        return;
      }
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The wrap-up's change stream on the demo route: a stock client's card, a plan's text and a vote each reach it. */
describe('wrap-up changes', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let facilitator: string;
  const clients: TestClient[] = [];
  const changesUrl = () => `${server.url}/api/routes/laos-2013/wrap-up/changes`;
  const wrapUp = async (query = '') => (await api(server, `/api/routes/laos-2013/wrap-up${query}`, { token: facilitator })).body as WrapUp;

  beforeAll(async () => {
    data = await makeDataDir();
    server = await startTestServer(data.dir, { seedDemo: true });
    facilitator = (await api(server, '/api/routes/laos-2013/links')).body.facilitator.token;
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    await data.remove();
  });

  it('tells an open wrap-up of a card, a plan’s words and a vote, each once the change is made', async () => {
    const stream = await openChanges(changesUrl(), facilitator);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    await waitFor(() => stream.events.includes('watching'), 'the stream watches the route');
    const before = (await wrapUp('?day=d2')).streams.find((entry) => entry.stream.kind === 'lessons')!.cards.length;

    // A card from a stock y-websocket client, as a participant's laptop adds it.
    const river = connectClient(server.wsUrl, riverDocName('laos-2013'), { token: facilitator });
    clients.push(river);
    await synced(river);
    new RiverDoc(river.doc).addCard({ text: 'Shared drying yards save the harvest', author: 'Lan', authorId: 'lan', streamId: 'lessons', dayId: 'd2' }, Date.now());
    await waitFor(() => stream.events.filter((name) => name === 'changed').length === 1, 'a change for the card', 5_000);
    const lessons = (await wrapUp('?day=d2')).streams.find((entry) => entry.stream.kind === 'lessons')!;
    expect(lessons.cards).toHaveLength(before + 1);
    expect(lessons.cards.map((card) => card.text)).toContain('Shared drying yards save the harvest');

    // A team writes in its plan: its progress changes.
    const plan = connectClient(server.wsUrl, planDocName('laos-2013', 'taliang'), { token: facilitator });
    clients.push(plan);
    await synced(plan);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Dye buyers want the same colour every season')]);
    new PlanDoc(plan.doc).section('problem').push([paragraph]);
    await waitFor(() => stream.events.filter((name) => name === 'changed').length === 2, 'a change for the plan', 5_000);
    expect((await wrapUp()).plans.find((entry) => entry.teamId === 'taliang')!.words).toBeGreaterThan(0);

    // A vote arrives (an HTTP action the server stores).
    await api(server, '/api/routes/laos-2013/vote/open', { token: facilitator, method: 'POST', body: { plans: ['taliang', 'watermelon'] } });
    const codes = (await api(server, '/api/routes/laos-2013/join-codes', { token: facilitator })).body as Record<string, string>;
    const voter = (await api(server, '/api/join', { method: 'POST', token: null, body: { code: codes.participant, name: 'Binh', teamId: 'taliang', groupId: 'g1' } })).body.token as string;
    await waitFor(() => stream.events.filter((name) => name === 'changed').length >= 3, 'a change for the vote opening', 5_000);
    const seen = stream.events.length;
    expect((await api(server, '/api/routes/laos-2013/vote/ballot', { token: voter, method: 'PUT', body: { votes: { watermelon: 1 } } })).status).toBe(200);
    await waitFor(() => stream.events.length > seen, 'a change for the ballot', 5_000);
    expect((await wrapUp()).fair?.tally?.find((line) => line.teamId === 'watermelon')?.votes).toBe(1);
    stream.close();
  });

  it('streams to the room screen, and to nobody else', async () => {
    const codes = (await api(server, '/api/routes/laos-2013/join-codes', { token: facilitator })).body as Record<string, string>;
    const screen = (await api(server, '/api/join', { method: 'POST', token: null, body: { code: codes.screen, name: '' } })).body.token as string;
    const onScreen = await openChanges(changesUrl(), screen);
    expect(onScreen.response.status).toBe(200);
    await waitFor(() => onScreen.events.includes('watching'), 'the room screen watches');
    onScreen.close();
    const participant = (await api(server, '/api/routes/laos-2013/links')).body.participant.token;
    const refused = await openChanges(changesUrl(), participant);
    expect(refused.response.status).toBe(403);
    expect(await refused.response.json()).toMatchObject({ error: 'forbidden' });
  });

  it('sends the wrap-up gzipped over the venue Wi-Fi, and its change stream as it is', async () => {
    const plain = JSON.stringify(await wrapUp());
    const sent = await getRaw(`${server.url}/api/routes/laos-2013/wrap-up`, facilitator);
    expect(sent.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(sent.bytes).toString('utf8'))).toEqual(JSON.parse(plain));
    expect(sent.bytes.length).toBeLessThan(plain.length / 3);

    const stream = await getRaw(changesUrl(), facilitator);
    expect(stream.headers['content-type']).toContain('text/event-stream');
    expect(stream.headers['content-encoding']).toBeUndefined();
    expect(stream.bytes.toString('utf8')).toContain('event: watching');
  });
});
