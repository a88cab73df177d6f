import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlDocName } from '../../../shared/schema/doc-kinds.ts';
import { FairBoard } from '../../../shared/schema/fair.ts';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { failingStorage } from '../helpers/failing-storage.ts';
import { api, makeDataDir, startTestServer } from '../helpers/server.ts';
import { routeWithTeams } from './setup.ts';

/**
 * A vote, a close, a publication or a committee score whose commit fails: the real server on a real SQLite
 * file whose writes are made to fail on demand. The action answers 503 with a sentence, the change is not
 * kept (the server's answers, the room's control document and a restart agree), and given again it works.
 */
describe('a change the storage could not keep', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const storage = failingStorage();
  const clients: TestClient[] = [];
  let route: Awaited<ReturnType<typeof routeWithTeams>>;
  let ana: string;
  let member: string;
  const vote = (token: string, path = '', method = 'GET', body?: unknown) => api(server, `/api/routes/${route.routeId}/vote${path}`, { token, method, body });
  const committee = (token: string, path = '', method = 'GET', body?: unknown) => api(server, `/api/routes/${route.routeId}/committee${path}`, { token, method, body });
  const score = { scores: { innovation: 10, complementarities: 4, clarity: 6 }, comments: {}, submit: true };
  /** The vote as a stock client of the control document, connected now, reads it: what the room is shown. */
  const roomSees = async () => {
    const client = connectClient(server.wsUrl, controlDocName(route.routeId), { token: route.facilitator });
    clients.push(client);
    await synced(client);
    return new FairBoard(client.doc).read();
  };
  const asVoter = async () => (await vote(ana)).body;
  const expectNotStored = (answer: { status: number; body: unknown }) => {
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ error: 'storage_failed', message: expect.stringContaining('could not save this change, so it was not made') });
  };

  beforeAll(async () => {
    data = await makeDataDir();
    server = await startTestServer(data.dir, { wrapStorage: storage.wrap });
    route = await routeWithTeams(server, clients);
    expect((await api(server, `/api/routes/${route.routeId}/plans/t2/status`, { method: 'POST', body: { status: 'submitted' } })).status).toBe(200);
    [ana, member] = await Promise.all([route.join('participant', 'Ana', 't1'), route.join('committee', 'Member One')]);
    expect((await vote(route.facilitator, '/open', 'POST', { plans: ['t2', 't3'] })).status).toBe(200);
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    await data.remove();
  });

  it('a ballot whose commit fails answers 503 and counts nowhere; given again, it counts', async () => {
    storage.failWrites(1);
    expectNotStored(await vote(ana, '/ballot', 'PUT', { votes: { t2: 2 } }));
    expect(storage.failed).toBe(1);
    const after = await asVoter();
    expect(after.you.ballot.votes).toEqual({});
    expect(after.vote).toMatchObject({ voters: 0, votesCast: 0 });
    expect((await roomSees()).votesCast).toBe(0);
    // One more vote (the vote page's buttons) is refused the same way.
    storage.failWrites(1);
    expectNotStored(await vote(ana, '/ballot/changes', 'POST', { teamId: 't3', change: 1 }));
    expect((await asVoter()).you.ballot.votes).toEqual({});

    const given = await vote(ana, '/ballot', 'PUT', { votes: { t2: 2 } });
    expect(given.status).toBe(200);
    expect(given.body.ballot.votes).toEqual({ t2: 2 });
    const room = await roomSees();
    expect(room.tally?.find((line) => line.teamId === 't2')?.votes).toBe(2);
  });

  it('a close and a publication whose commit fails answer 503 and leave the vote as it was', async () => {
    storage.failWrites(1);
    expectNotStored(await vote(route.facilitator, '/close', 'POST'));
    expect((await vote(route.facilitator)).body.vote.status).toBe('open');
    expect((await roomSees()).status).toBe('open');
    expect((await vote(route.facilitator, '/close', 'POST')).body.vote.status).toBe('closed');

    storage.failWrites(1);
    expectNotStored(await vote(route.facilitator, '/publish', 'POST'));
    expect((await vote(route.facilitator)).body.vote.status).toBe('closed');
    expect((await roomSees()).status).toBe('closed');
    expect((await vote(route.facilitator, '/publish', 'POST')).body.vote.status).toBe('published');
    await waitFor(() => clients.at(-1)!.doc && new FairBoard(clients.at(-1)!.doc).read().status === 'published', 'the room sees the publication');
  });

  it('a committee score and the committee’s publication whose commit fails answer 503 and are not kept', async () => {
    storage.failWrites(1);
    expectNotStored(await committee(member, '/scores/t2', 'PUT', score));
    expect((await committee(member)).body.sheets).toEqual([]);
    expect((await committee(route.facilitator)).body.sheets).toEqual([]);
    expect((await committee(member, '/scores/t2', 'PUT', score)).status).toBe(200);

    storage.failWrites(1);
    expectNotStored(await committee(route.facilitator, '/publish', 'POST', { published: true }));
    expect((await committee(route.facilitator)).body.published).toBe(false);
    expect((await committee(ana)).body).toMatchObject({ published: false, sheets: [] });
  });

  it('after a restart the server holds exactly what it answered as done', async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    server = await startTestServer(data.dir);
    const { vote: state, you } = await asVoter();
    expect(you.ballot.votes).toEqual({ t2: 2 });
    expect(state).toMatchObject({ status: 'published', voters: 1, votesCast: 2 });
    const scores = (await committee(route.facilitator)).body;
    expect(scores.published).toBe(false);
    expect(scores.sheets).toHaveLength(1);
  });
});
