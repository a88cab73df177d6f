import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { api, makeDataDir, startTestServer } from '../helpers/server.ts';
import { RouteDoc } from '../../../shared/schema/route.ts';
import { PlanDoc } from '../../../shared/schema/plan.ts';

/**
 * A route with two teams, each with a plan started from the template, and a joined participant in each
 * team: what the plan integration tests start from. `close()` ends every client, the server and the data.
 */
export async function planRoute() {
  const data = await makeDataDir();
  let server = await startTestServer(data.dir);
  const clients: TestClient[] = [];
  const connect = (docName: string, token?: string | null): TestClient => {
    const client = connectClient(server.wsUrl, docName, { token });
    clients.push(client);
    return client;
  };
  const created = await api(server, '/api/routes', { method: 'POST', body: { title: 'Plan route', startDate: '2025-01-06', endDate: '2025-01-07' } });
  const routeId: string = created.body.route.id;
  const facilitator: string = created.body.links.facilitator.token;
  const participantLink: string = created.body.links.participant.token;

  const setup = connect(`route/${routeId}`);
  await synced(setup);
  const route = new RouteDoc(setup.doc);
  route.add('teams', { id: 't1', name: 'Team one', organisation: 'Dyers', planTitle: 'Natural dyes', community: 'Taliang' });
  route.add('teams', { id: 't2', name: 'Team two', organisation: '', planTitle: 'Coffee', community: '' });
  route.add('groups', { id: 'g1', name: 'Group 1' });
  for (const teamId of ['t1', 't2']) {
    const plan = connect(planDocName(routeId, teamId));
    await synced(plan);
    new PlanDoc(plan.doc).startFromTemplate({ title: teamId === 't1' ? 'Natural dyes' : 'Coffee', teamId }, 1);
  }
  const check = connect(`route/${routeId}`);
  await synced(check);
  await waitFor(() => new RouteDoc(check.doc).read('teams').length === 2, 'teams stored');

  const { participant: code } = (await api(server, `/api/routes/${routeId}/join-codes`, { token: facilitator })).body;
  const join = async (name: string, teamId: string): Promise<{ token: string; personId: string }> => {
    const joined = await api(server, '/api/join', { method: 'POST', token: null, body: { code, name, teamId, groupId: 'g1' } });
    if (joined.status !== 201) throw new Error(`join failed: ${JSON.stringify(joined.body)}`);
    return { token: joined.body.token as string, personId: joined.body.personId as string };
  };
  const ana = (await join('Ana', 't1')).token;
  const binh = (await join('Binh', 't2')).token;

  return {
    get server() {
      return server;
    },
    routeId,
    dataDir: data.dir,
    facilitator,
    participantLink,
    /** Joined participants: Ana in team one, Binh in team two. */
    ana,
    binh,
    /** Another participant joining with the route's code: their token and person id. */
    join,
    connect,
    planDoc: (teamId: string) => planDocName(routeId, teamId),
    /** Admin writes a marker and waits until `client` has it: the server has handled everything `client` sent before. */
    async roundTrip(admin: TestClient, client: TestClient): Promise<void> {
      const marker = `marker-${Math.random()}`;
      admin.doc.getMap('markers').set(marker, true);
      await waitFor(() => client.doc.getMap('markers').has(marker), 'marker round trip');
    },
    async restart(): Promise<void> {
      for (const client of clients.splice(0)) client.destroy();
      await server.close();
      server = await startTestServer(data.dir);
    },
    async close(): Promise<void> {
      for (const client of clients.splice(0)) client.destroy();
      await server.close();
      await data.remove();
    },
  };
}

export type PlanRoute = Awaited<ReturnType<typeof planRoute>>;

export const planDocName = (routeId: string, teamId: string): string => `route/${routeId}/plan/${teamId}`;
