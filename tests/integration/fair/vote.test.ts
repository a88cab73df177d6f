import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { api, makeDataDir, startTestServer } from '../helpers/server.ts';
import { FairBoard } from '../../../shared/schema/fair.ts';
import { routeWithTeams } from './setup.ts';

/** The fair vote's rules, tally and points, against the real server, personal tokens and stock clients. */
describe('Innovation Plan Fair vote', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const clients: TestClient[] = [];
  let route: Awaited<ReturnType<typeof routeWithTeams>>;
  const vote = (token: string | null, path = '', method = 'GET', body?: unknown) => api(server, `/api/routes/${route.routeId}/vote${path}`, { token, method, body });
  const change = (token: string, teamId: string, delta: 1 | -1) => vote(token, '/ballot/changes', 'POST', { teamId, change: delta });
  const openVote = (body: Record<string, unknown> = {}) => vote(route.facilitator, '/open', 'POST', { plans: ['t1', 't2', 't3'], ...body });

  beforeEach(async () => {
    data = await makeDataDir();
    server = await startTestServer(data.dir);
    route = await routeWithTeams(server, clients);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    await data.remove();
  });

  it('refuses every vote that breaks a rule, each with a sentence, and counts the rest', async () => {
    const ana = await route.join('participant', 'Ana', 't1');
    const refusedBefore = await change(ana, 't2', 1);
    expect(refusedBefore).toMatchObject({ status: 409, body: { error: 'vote_not_open' } });
    expect(refusedBefore.body.message).toMatch(/not started/);

    expect((await openVote({ votesPerPerson: 3, maxPerPlan: 2 })).status).toBe(200);
    const own = await change(ana, 't1', 1);
    expect(own).toMatchObject({ status: 403, body: { error: 'own_team', message: 'You cannot vote for your own team’s plan.' } });
    expect((await change(ana, 't2', 1)).body.ballot.votes).toEqual({ t2: 1 });
    expect((await change(ana, 't2', 1)).body.ballot.votes).toEqual({ t2: 2 });
    const capped = await change(ana, 't2', 1);
    expect(capped).toMatchObject({ status: 422, body: { error: 'over_plan_limit', message: 'You can give at most 2 votes to one plan.' } });
    expect((await change(ana, 't3', 1)).body.ballot.votes).toEqual({ t2: 2, t3: 1 });
    const over = await change(ana, 't3', 1);
    expect(over).toMatchObject({ status: 422, body: { error: 'over_budget' } });
    expect(over.body.message).toMatch(/You have 3 votes in all/);
    expect((await vote(ana, '/ballot', 'PUT', { votes: { t9: 1 } })).body.error).toBe('plan_not_in_vote');
    expect((await vote(ana, '/ballot', 'PUT', { votes: { t2: 1.5 } })).body.error).toBe('invalid_votes');

    // She changes her mind while the vote is open: a vote taken back from t2 goes to t3.
    await change(ana, 't2', -1);
    expect((await change(ana, 't3', 1)).body.ballot.votes).toEqual({ t2: 1, t3: 2 });
    const mine = await vote(ana);
    expect(mine.body.you).toMatchObject({ canVote: true, ballot: { votes: { t2: 1, t3: 2 } } });
    expect(mine.body.vote.tally.map((line: { teamId: string; votes: number }) => [line.teamId, line.votes])).toEqual([['t3', 2], ['t2', 1], ['t1', 0]]);

    expect((await vote(route.facilitator, '/close', 'POST')).status).toBe(200);
    const closed = await change(ana, 't2', -1);
    expect(closed).toMatchObject({ status: 409, body: { error: 'vote_closed' } });
    expect(closed.body.message).toMatch(/closed/);
    expect((await vote(ana)).body.you.ballot.votes).toEqual({ t2: 1, t3: 2 });
  });

  it('refuses a vote from every token that is not a participant’s own, saying why', async () => {
    await openVote();
    const screen = await route.join('screen', '');
    const committee = await route.join('committee', 'Member');
    const facilitatorPerson = await route.join('facilitator', 'Fac');
    const cases: Array<[string | null, number, string]> = [
      [route.facilitator, 403, 'Facilitators run the vote'],
      [facilitatorPerson, 403, 'Facilitators run the vote'],
      [screen, 403, 'room screen'],
      [committee, 403, 'committee'],
      [route.participantLink, 403, 'Votes are personal'],
      ['t1.nonsense.token', 401, 'not valid'],
      [null, 401, 'no access token'],
    ];
    for (const [token, status, sentence] of cases) {
      const answer = await change(token as string, 't2', 1);
      expect(answer.status, sentence).toBe(status);
      expect(answer.body.message).toContain(sentence);
    }
    // A participant may not open, close or publish.
    const ana = await route.join('participant', 'Ana', 't1');
    expect((await vote(ana, '/close', 'POST')).status).toBe(403);
    expect((await vote(ana)).body.vote.votesCast).toBe(0);
  });

  it('counts exactly the allowed votes when two tabs of one person vote at once', async () => {
    await openVote({ votesPerPerson: 2, maxPerPlan: 1 });
    const ana = await route.join('participant', 'Ana', 't1');
    const answers = await Promise.all([change(ana, 't2', 1), change(ana, 't3', 1), change(ana, 't2', 1), change(ana, 't3', 1)]);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(2);
    expect(answers.filter((answer) => answer.status !== 200).map((answer) => answer.body.error)).toEqual(['over_plan_limit', 'over_plan_limit']);
    // Whole ballots sent at once: one of them stands, never a mix of both.
    const bob = await route.join('participant', 'Bob', 't3');
    const ballots = await Promise.all([vote(bob, '/ballot', 'PUT', { votes: { t1: 1, t2: 1 } }), vote(bob, '/ballot', 'PUT', { votes: { t1: 1 } })]);
    expect(ballots.map((answer) => answer.status)).toEqual([200, 200]);
    const state = (await vote(route.facilitator)).body.vote;
    expect(state.votesCast).toBe(2 + 1);
    expect(state.voters).toBe(2);
  });

  it('shows the live tally in the control document unless hidden, then the places and fair points from the close', async () => {
    const screen = connectClient(server.wsUrl, `route/${route.routeId}/control`, { token: route.participantLink });
    clients.push(screen);
    await synced(screen);
    const board = () => new FairBoard(screen.doc).read();
    await openVote({ hideTally: true, points: [3, 2, 1] });
    await waitFor(() => board().status === 'open', 'vote open on the screen');
    const [ana, bob, chi] = await Promise.all([route.join('participant', 'Ana', 't1'), route.join('participant', 'Bob', 't2'), route.join('participant', 'Chi', 't3')]);
    await vote(ana, '/ballot', 'PUT', { votes: { t2: 2, t3: 1 } });
    await vote(bob, '/ballot', 'PUT', { votes: { t3: 3 } });
    await vote(chi, '/ballot', 'PUT', { votes: { t1: 1, t2: 2 } });
    await waitFor(() => board().votesCast === 9, 'votes counted on the screen');
    expect(board()).toMatchObject({ tally: null, voters: 3, tallyHidden: true });
    // The room does not see the hidden tally over HTTP either; facilitators do.
    expect((await vote(ana)).body.vote.tally).toBeNull();
    expect((await vote(route.facilitator)).body.vote.tally).toHaveLength(3);

    await vote(route.facilitator, '/tally', 'POST', { hidden: false });
    await waitFor(() => board().tally !== null, 'tally shown');
    expect(board().tally).toEqual([
      { teamId: 't2', votes: 4, place: 1, points: 3 },
      { teamId: 't3', votes: 4, place: 1, points: 3 },
      { teamId: 't1', votes: 1, place: 3, points: 1 },
    ]);
    await vote(route.facilitator, '/tally', 'POST', { hidden: true });
    await vote(route.facilitator, '/close', 'POST');
    // From the close on, the tally is the room's; a person removed afterwards does not change it.
    await waitFor(() => board().status === 'closed' && board().tally !== null, 'closed tally shown');
    const people = (await api(server, `/api/routes/${route.routeId}/people`)).body.people as Array<{ id: string; name: string }>;
    await api(server, `/api/routes/${route.routeId}/people/${people.find((p) => p.name === 'Chi')!.id}`, { method: 'DELETE' });
    expect((await vote(route.facilitator)).body.vote.votesCast).toBe(9);
    expect((await vote(route.facilitator, '/publish', 'POST')).body.vote.status).toBe('published');
    await waitFor(() => board().status === 'published', 'published on the screen');
    expect((await vote(route.facilitator, '/open', 'POST')).body.error).toBe('vote_published');
  });

  it('keeps the vote and every ballot across a restart, and a reset starts over', async () => {
    await openVote({ votesPerPerson: 4, maxPerPlan: 4, allowOwnTeam: true });
    const ana = await route.join('participant', 'Ana', 't1');
    expect((await vote(ana, '/ballot', 'PUT', { votes: { t1: 4 } })).status).toBe(200);
    await server.close();
    server = await startTestServer(data.dir);
    const after = await vote(ana);
    expect(after.body.vote).toMatchObject({ status: 'open', votesPerPerson: 4, allowOwnTeam: true, votesCast: 4 });
    expect(after.body.you.ballot.votes).toEqual({ t1: 4 });
    expect((await vote(route.facilitator, '/reset', 'POST')).body.error).toBe('vote_open');
    await vote(route.facilitator, '/close', 'POST');
    const reset = await vote(route.facilitator, '/reset', 'POST');
    expect(reset.body.vote).toMatchObject({ status: 'idle', votesCast: 0, plans: [] });
    expect((await vote(ana)).body.you.ballot.votes).toEqual({});
  });

  it('checks the rules a facilitator opens a vote with', async () => {
    expect((await openVote({ plans: [] })).body.error).toBe('invalid_plans');
    expect((await openVote({ plans: ['t1', 'nope'] })).body.error).toBe('plan_unknown');
    expect((await openVote({ votesPerPerson: 0 })).body.error).toBe('invalid_votes_per_person');
    expect((await openVote({ votesPerPerson: 2, maxPerPlan: 3 })).body.error).toBe('invalid_max_per_plan');
    expect((await openVote({ points: [3, -1] })).body.error).toBe('invalid_points');
    expect((await vote(route.facilitator, '/open', 'POST', {})).body.error).toBe('invalid_plans');
    const opened = await openVote({ plans: ['t2', 't3'] });
    expect(opened.body.vote).toMatchObject({ status: 'open', votesPerPerson: 3, maxPerPlan: 3, allowOwnTeam: false, points: [3, 2, 1], plans: ['t2', 't3'] });
  });
});
