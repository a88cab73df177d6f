import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { ControlDoc } from '../../../shared/schema/control.ts';
import { api, makeDataDir, startTestServer } from '../helpers/server.ts';
import { routeWithTeams } from './setup.ts';

/** The contest committee's scores, means, ranking and who sees what, against the real server and personal tokens. */
describe('contest committee', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const clients: TestClient[] = [];
  let route: Awaited<ReturnType<typeof routeWithTeams>>;
  let m1: string, m2: string, ana: string, bob: string, screen: string;
  const committee = (token: string | null, path = '', method = 'GET', body?: unknown) =>
    api(server, `/api/routes/${route.routeId}/committee${path}`, { token, method, body });
  const score = (token: string, teamId: string, scores: Record<string, number | null>, submit = true, comments: Record<string, string> = {}) =>
    committee(token, `/scores/${teamId}`, 'PUT', { scores, comments, submit });
  const sheet = (innovation: number, complementarities: number, clarity: number) => ({ innovation, complementarities, clarity });

  beforeEach(async () => {
    data = await makeDataDir();
    server = await startTestServer(data.dir);
    route = await routeWithTeams(server, clients);
    for (const teamId of ['t1', 't2']) {
      expect((await api(server, `/api/routes/${route.routeId}/plans/${teamId}/status`, { method: 'POST', body: { status: 'submitted' } })).status).toBe(200);
    }
    [m1, m2, ana, bob, screen] = await Promise.all([
      route.join('committee', 'Member One'),
      route.join('committee', 'Member Two'),
      route.join('participant', 'Ana', 't1'),
      route.join('participant', 'Bob', 't2'),
      route.join('screen', ''),
    ]);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    await data.remove();
  });

  it('checks scores against the rubric and lets only members score submitted plans', async () => {
    expect((await score(m1, 't1', sheet(14, 3, 3))).body).toMatchObject({ error: 'invalid_score', message: 'The score for innovation is from 0 to 13, in half points.' });
    expect((await score(m1, 't1', sheet(2.3, 3, 3))).body.error).toBe('invalid_score');
    expect((await score(m1, 't1', { innovation: 10, complementarities: null, clarity: 5 })).body.error).toBe('score_missing');
    expect((await score(m1, 't1', { innovation: 10, complementarities: null, clarity: 5 }, false)).status).toBe(200);
    expect((await score(m1, 't3', sheet(1, 1, 1))).body).toMatchObject({ error: 'plan_not_submitted' });
    expect((await score(route.facilitator, 't1', sheet(1, 1, 1))).body).toMatchObject({ error: 'not_a_member', message: expect.stringContaining('Facilitators') });
    expect((await score(ana, 't1', sheet(1, 1, 1))).body).toMatchObject({ error: 'not_a_member', message: expect.stringContaining('committee code') });
    expect((await score(screen, 't1', sheet(1, 1, 1))).status).toBe(403);
    const saved = await score(m1, 't1', sheet(12.5, 5, 8));
    expect(saved.body.sheet).toMatchObject({ teamId: 't1', submitted: true, scores: sheet(12.5, 5, 8) });
  });

  it('shows others’ scores after one’s own, keeps them from the teams until published, then ranks with the fair points', async () => {
    await score(m1, 't1', sheet(10, 4, 6), true, { innovation: 'A new way to sell dyes.', clarity: 'Budget unclear.' });
    await score(m2, 't1', sheet(5, 3, 6), false);
    // Member two has not submitted: only her draft, nothing of member one, no means.
    let view = (await committee(m2)).body;
    expect(view.sheets).toHaveLength(1);
    expect(view.sheets[0]).toMatchObject({ submitted: false, scores: sheet(5, 3, 6) });
    expect(view.assessments).toEqual([]);
    await score(m2, 't1', sheet(6, 3, 7));
    view = (await committee(m2)).body;
    expect(view.sheets.map((s: { submitted: boolean }) => s.submitted)).toEqual([true, true]);
    const t1 = view.assessments.find((plan: { teamId: string }) => plan.teamId === 't1');
    expect(t1).toMatchObject({ sheets: 2, means: { innovation: 8, complementarities: 3.5, clarity: 6.5 }, meanTotal: 18, disagreements: ['innovation', 'total'] });
    expect(Object.values(view.members).sort()).toEqual(['Member One', 'Member Two']);

    // Teams and the room screen see nothing yet; facilitators everything submitted.
    for (const token of [ana, bob, screen, route.participantLink]) {
      expect((await committee(token)).body).toMatchObject({ published: false, sheets: [], assessments: [] });
    }
    expect((await committee(route.facilitator)).body.sheets).toHaveLength(2);

    // The fair: t2 gets 3 points.
    await api(server, `/api/routes/${route.routeId}/vote/open`, { token: route.facilitator, method: 'POST', body: { plans: ['t1', 't2'] } });
    await api(server, `/api/routes/${route.routeId}/vote/ballot`, { token: ana, method: 'PUT', body: { votes: { t2: 3 } } });
    for (const action of ['close', 'publish']) await api(server, `/api/routes/${route.routeId}/vote/${action}`, { token: route.facilitator, method: 'POST' });
    await score(m1, 't2', sheet(8, 3, 4));
    await score(m2, 't2', sheet(8, 3, 5));
    const ranked = (await committee(route.facilitator)).body.assessments;
    expect(ranked.map((plan: { teamId: string; final: number; place: number; fairPoints: number }) => [plan.teamId, plan.final, plan.place, plan.fairPoints])).toEqual([
      ['t2', 18.5, 1, 3],
      ['t1', 18, 2, 0],
    ]);

    expect((await committee(ana, '/publish', 'POST')).status).toBe(403);
    await committee(route.facilitator, '/publish', 'POST', { published: true });
    const own = (await committee(ana)).body;
    expect(own.published).toBe(true);
    expect(own.sheets.map((s: { memberId: string; teamId: string }) => [s.memberId, s.teamId])).toEqual([['1', 't1'], ['2', 't1']]);
    expect(own.sheets[0].comments.innovation).toBe('A new way to sell dyes.');
    expect(JSON.stringify(own)).not.toContain('Member One');
    const others = own.assessments.find((plan: { teamId: string }) => plan.teamId === 't2');
    expect(others).toMatchObject({ place: 1, final: 18.5, means: { innovation: null } });
    const room = (await committee(screen)).body;
    expect(room.sheets).toEqual([]);
    expect(room.assessments.map((plan: { teamId: string }) => plan.teamId)).toEqual(['t2', 't1']);
    expect((await score(m1, 't1', sheet(1, 1, 1))).body.error).toBe('results_published');
  });

  it('ranks plans whose final scores tie in one place, the next plan after both, as the room sees it once published', async () => {
    // t1: means 10 + 4 + 5 = 19; t2: 11 + 3 + 5 = 19; t3 (submitted here) 9 + 3 + 4 = 16.
    expect((await api(server, `/api/routes/${route.routeId}/plans/t3/status`, { method: 'POST', body: { status: 'submitted' } })).status).toBe(200);
    await score(m1, 't1', sheet(10, 4, 4));
    await score(m2, 't1', sheet(10, 4, 6));
    await score(m1, 't2', sheet(11, 3, 5));
    await score(m2, 't2', sheet(11, 3, 5));
    await score(m1, 't3', sheet(9, 3, 4));
    const places = (assessments: Array<{ teamId: string; final: number; place: number }>) => assessments.map((plan) => [plan.teamId, plan.final, plan.place]).sort();
    expect(places((await committee(route.facilitator)).body.assessments)).toEqual([['t1', 19, 1], ['t2', 19, 1], ['t3', 16, 3]]);
    await committee(route.facilitator, '/publish', 'POST', { published: true });
    expect(places((await committee(screen)).body.assessments)).toEqual([['t1', 19, 1], ['t2', 19, 1], ['t3', 16, 3]]);
  });

  it('tells the control document that the committee’s view changed, never what: each score, rule and publication', async () => {
    // A stock client with a member's token, as an open committee page holds it.
    const client = connectClient(server.wsUrl, `route/${route.routeId}/control`, { token: m2 });
    clients.push(client);
    await synced(client);
    const control = new ControlDoc(client.doc);
    const before = control.committeeChanges();
    await score(m1, 't1', sheet(10, 4, 6), true, { innovation: 'A new way to sell dyes.' });
    await waitFor(() => control.committeeChanges() === before + 1, 'the score counted');
    await committee(route.facilitator, '/settings', 'POST', { margin: 2 });
    await waitFor(() => control.committeeChanges() === before + 2, 'the rules counted');
    await committee(route.facilitator, '/publish', 'POST', { published: true });
    await waitFor(() => control.committeeChanges() === before + 3, 'the publication counted');
    // A refused score changes nothing, so tells nothing.
    expect((await score(m1, 't1', sheet(1, 1, 1))).body.error).toBe('results_published');
    const text = JSON.stringify(client.doc.toJSON());
    for (const secret of ['A new way to sell dyes.', 'innovation', '"10"']) expect(text).not.toContain(secret);
    expect(control.committeeChanges()).toBe(before + 3);
  });

  it('lets members see each other’s scores at once when the facilitator says so, and keeps scores across a restart', async () => {
    await committee(route.facilitator, '/settings', 'POST', { othersAfterOwn: false, margin: 1 });
    await score(m1, 't1', sheet(10, 4, 6));
    expect((await committee(m2)).body.sheets).toHaveLength(1);
    await server.close();
    server = await startTestServer(data.dir);
    const view = (await committee(route.facilitator)).body;
    expect(view.settings).toEqual({ othersAfterOwn: false, margin: 1 });
    expect(view.sheets[0].scores).toEqual(sheet(10, 4, 6));
    expect((await committee(route.facilitator, '/settings', 'POST', { margin: -1 })).body.error).toBe('invalid_margin');
  });
});
