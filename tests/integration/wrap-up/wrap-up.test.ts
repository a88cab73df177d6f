import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseTemplates } from '../../../shared/schema/case.ts';
import { routeDocName } from '../../../shared/schema/doc-kinds.ts';
import type { WrapUp } from '../../../shared/schema/wrap-up.ts';
import { connectClient, synced } from '../helpers/clients.ts';
import { api, makeDataDir, startTestServer } from '../helpers/server.ts';

/** The wrap-up views' data from the demo route: one day's, and the whole route's. */
describe('wrap-up', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let facilitator: string;
  const wrapUp = async (query: string, token = facilitator) => api(server, `/api/routes/laos-2013/wrap-up${query}`, { token });

  beforeAll(async () => {
    data = await makeDataDir();
    server = await startTestServer(data.dir, { seedDemo: true });
    facilitator = (await api(server, '/api/routes/laos-2013/links')).body.facilitator.token;
    // The facilitator marks one asparagus card of group 1 as a key point, as on the comparison.
    const route = connectClient(server.wsUrl, routeDocName('laos-2013'), { token: facilitator });
    await synced(route);
    const day = (await wrapUp('?day=d2')).body as WrapUp;
    const trust = day.grids[0]!.cards.find((card) => card.text === 'Trust first, contract second')!;
    new CaseTemplates(route.doc).setKeyPoint('asparagus', [trust.id], true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    route.destroy();
  });
  afterAll(async () => {
    await server.close();
    await data.remove();
  });

  it('sums up a day: its cards stream by stream with who wrote them, its host’s grids with the key points, the plans', async () => {
    const answer = await wrapUp('?day=d2');
    expect(answer.status).toBe(200);
    const day = answer.body as WrapUp;
    expect(day.dayId).toBe('d2');
    expect(day.growth.map((entry) => [entry.dayId, entry.added, entry.total])).toEqual([['d1', 4, 4], ['d2', 3, 7], ['d3', 2, 9], ['d4', 2, 11], ['d5', 2, 13]]);
    const byKind = Object.fromEntries(day.streams.map((stream) => [stream.stream.kind, stream]));
    expect(byKind.knowledge!.cards.map((card) => card.text)).toEqual(['The contract fixes the price before planting: the families carry less risk']);
    expect(byKind.lessons!.contributors).toEqual([{ name: 'Khamla', cards: 1 }]);
    expect(byKind.expectations!.cards).toEqual([]);
    expect(day.grids.map((grid) => grid.host.id)).toEqual(['asparagus']);
    const grid = day.grids[0]!;
    expect(grid.cards).toHaveLength(6);
    expect(grid.cards.filter((card) => card.keyPoint).map((card) => card.text)).toEqual(['Trust first, contract second']);
    expect(grid.groups.map((group) => [group.id, group.cards])).toEqual([['g1', 3], ['g2', 2], ['g3', 1]]);
    expect(day.plans.map((plan) => plan.status)).toEqual(day.plans.map(() => 'draft'));
    expect(day.plans[0]).toMatchObject({ filled: 0, budgetReady: false });
    expect(day.fair).toBeNull();
    expect(day.contest).toBeNull();
  });

  it('sums up the route: every day’s cards, every host’s key points only, and the fair as the room may see it', async () => {
    const route = (await wrapUp('')).body as WrapUp;
    expect(route.dayId).toBeNull();
    expect(route.streams.reduce((sum, stream) => sum + stream.cards.length, 0)).toBe(13);
    const khamla = route.streams.flatMap((stream) => stream.contributors).filter((entry) => entry.name === 'Khamla');
    expect(khamla.reduce((sum, entry) => sum + entry.cards, 0)).toBe(3);
    expect(route.grids.map((grid) => [grid.host.id, grid.cards.length])).toEqual([['asparagus', 1], ['dyes', 0], ['coffee', 0]]);
    expect(route.fair).toBeNull();

    await api(server, '/api/routes/laos-2013/vote/open', { token: facilitator, method: 'POST', body: { plans: ['taliang', 'watermelon'], hideTally: true } });
    const open = (await wrapUp('')).body as WrapUp;
    expect(open.fair).toMatchObject({ status: 'open', tally: null });
    await api(server, '/api/routes/laos-2013/vote/close', { token: facilitator, method: 'POST', body: {} });
    const closed = (await wrapUp('')).body as WrapUp;
    expect(closed.fair?.status).toBe('closed');
    expect(closed.fair?.tally?.map((line) => line.teamId).sort()).toEqual(['taliang', 'watermelon']);
  });

  it('refuses an unknown day, and anyone but a facilitator or the room screen it is shown on', async () => {
    const unknown = await wrapUp('?day=d9');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'day_not_found' });
    const participant = (await api(server, '/api/routes/laos-2013/links')).body.participant.token;
    const refused = await wrapUp('?day=d2', participant);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('room screen') });
    const codes = (await api(server, '/api/routes/laos-2013/join-codes', { token: facilitator })).body as Record<string, string>;
    const screen = (await api(server, '/api/join', { method: 'POST', token: null, body: { code: codes.screen, name: '' } })).body.token as string;
    const onScreen = await wrapUp('?day=d2', screen);
    expect(onScreen.status).toBe(200);
    expect((onScreen.body as WrapUp).dayId).toBe('d2');
  });
});
