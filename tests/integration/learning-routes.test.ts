import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, synced, waitFor, type TestClient } from './helpers/clients.ts';
import { openRaw } from './helpers/raw-socket.ts';
import { api, docPath, makeDataDir, startTestServer } from './helpers/server.ts';
import { PlanDoc } from '../../shared/schema/plan.ts';
import { RiverDoc } from '../../shared/schema/river.ts';
import { RouteDoc } from '../../shared/schema/route.ts';

describe('learning routes', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const clients: TestClient[] = [];
  const connect = (docName: string, token?: string): TestClient => {
    const client = connectClient(server.wsUrl, docName, { token });
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    data = await makeDataDir();
    server = await startTestServer(data.dir, { seedDemo: true });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    await data.remove();
  });

  it('seeds the Laos 2013 demo route on first start, and only then', async () => {
    expect(server.seededRouteId).toBe('laos-2013');
    const listed = (await api(server, '/api/routes')).body;
    expect(listed.canCreate).toBe(true);
    const routes = listed.routes;
    expect(routes).toEqual([
      expect.objectContaining({ id: 'laos-2013', role: 'admin', startDate: '2013-05-06', endDate: '2013-05-10' }),
    ]);
    const river = connect('route/laos-2013/river');
    const route = connect('route/laos-2013');
    await Promise.all([synced(river), synced(route)]);
    await waitFor(() => new RiverDoc(river.doc).cards().length > 0, 'sample cards');
    expect(new RiverDoc(river.doc).streams()).toHaveLength(6);
    expect(new RouteDoc(route.doc).read('days')).toHaveLength(5);
    expect(new RouteDoc(route.doc).read('hosts').map((h) => h.name)).toContain('Taliang Natural Dyes Group');
    // Every team's plan is started from the contest template, with the team's plan title.
    for (const team of new RouteDoc(route.doc).read('teams')) {
      const plan = connect(`route/laos-2013/plan/${team.id}`);
      await synced(plan);
      expect(new PlanDoc(plan.doc).readMeta()).toMatchObject({ template: 'contest-2013', title: team.planTitle, teamId: team.id });
    }

    await server.close();
    server = await startTestServer(data.dir, { seedDemo: true });
    expect(server.seededRouteId).toBeNull();
  });

  it('creates a route with its days and river, and hands out working links', async () => {
    const created = await api(server, '/api/routes', {
      method: 'POST',
      body: { title: 'Farmers’ organisations in Vietnam', place: 'Quang Binh and Ha Tinh', startDate: '2013-07-21', endDate: '2013-07-27' },
    });
    expect(created.status).toBe(201);
    const id = created.body.route.id as string;
    const setup = connect(`route/${id}`);
    await synced(setup);
    await waitFor(() => new RouteDoc(setup.doc).read('days').length === 7, 'seven days');
    expect(new RouteDoc(setup.doc).read('days')[6]).toMatchObject({ date: '2013-07-27' });

    const { facilitator, participant } = created.body.links;
    expect(participant.url).toContain(`/r/${id}/river?token=`);
    const links = await api(server, `/api/routes/${id}/links`, { token: facilitator.token });
    expect(links.body.participant.token).toBe(participant.token);
    expect((await api(server, `/api/routes/${id}/links`, { token: participant.token })).status).toBe(403);
    const asParticipant = (await api(server, '/api/routes', { token: participant.token })).body;
    expect(asParticipant.routes.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(asParticipant.canCreate).toBe(false);

    // The participant writes the river but only reads the setup.
    const viaParticipant = connect(`route/${id}/river`, participant.token);
    await synced(viaParticipant);
    await waitFor(() => new RiverDoc(viaParticipant.doc).streams().length === 6, 'default streams');
    new RiverDoc(viaParticipant.doc).addCard({ text: 'Expect to learn', author: 'Lan', authorId: 'b1', streamId: 'expectations', dayId: 'd1' }, 1);
    const setupAsParticipant = connect(`route/${id}`, participant.token);
    await synced(setupAsParticipant);
    new RouteDoc(setupAsParticipant.doc).writeSetup({ title: 'Hijacked' });
    const witness = connect(`route/${id}/river`);
    await waitFor(() => new RiverDoc(witness.doc).cards().length === 1, 'participant card stored');
    const setupCheck = connect(`route/${id}`);
    await waitFor(() => new RouteDoc(setupCheck.doc).read('days').length === 7, 'setup synced');
    expect(new RouteDoc(setupCheck.doc).readSetup().title).toBe('Farmers’ organisations in Vietnam');
    expect((await api(server, `${docPath(`route/${id}`)}/access`, { token: participant.token })).body.access).toBe('read');
    expect((await api(server, `${docPath(`route/${id}`)}/access`, { token: facilitator.token })).body.access).toBe('write');

    // Route tokens do not open other routes.
    const { outcome } = await openRaw(server.wsUrl, 'route/laos-2013/river', facilitator.token);
    expect((await outcome).refusedWith).toBe(403);
  });

  it('refuses bad route requests with clear errors', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'invalid_title'],
      [{ title: '' }, 'invalid_title'],
      [{ title: 'x', startDate: '06/05/2013' }, 'invalid_date'],
      [{ title: 'x', startDate: '2013-05-10', endDate: '2013-05-06' }, 'invalid_dates'],
      [{ title: 'x', days: 0 }, 'invalid_days'],
    ];
    for (const [body, error] of cases) {
      const response = await api(server, '/api/routes', { method: 'POST', body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toBe(error);
    }
    const participant = (await api(server, '/api/routes/laos-2013/links')).body.participant.token;
    expect((await api(server, '/api/routes', { method: 'POST', token: participant, body: { title: 'x' } })).status).toBe(403);
    expect((await api(server, '/api/routes', { token: null })).body.error).toBe('token_missing');
    expect((await api(server, '/api/routes/nope/links')).status).toBe(404);
  });
});
