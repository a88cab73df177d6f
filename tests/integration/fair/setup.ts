import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { api } from '../helpers/server.ts';
import { RouteDoc } from '../../../shared/schema/route.ts';

/** A route with three teams, made through the API and a stock client as the setup page would. */
export async function routeWithTeams(server: { url: string; wsUrl: string }, clients: TestClient[]) {
  const created = await api(server, '/api/routes', { method: 'POST', body: { title: 'Fair route', startDate: '2025-01-06', endDate: '2025-01-07' } });
  const routeId: string = created.body.route.id;
  const setup = connectClient(server.wsUrl, `route/${routeId}`);
  clients.push(setup);
  await synced(setup);
  const route = new RouteDoc(setup.doc);
  for (const id of ['t1', 't2', 't3']) route.add('teams', { id, name: `Team ${id}`, organisation: '', planTitle: `Plan of ${id}`, community: '' });
  const check = connectClient(server.wsUrl, `route/${routeId}`);
  clients.push(check);
  await synced(check);
  await waitFor(() => new RouteDoc(check.doc).read('teams').length === 3, 'teams stored');
  const codes = (await api(server, `/api/routes/${routeId}/join-codes`)).body as Record<string, string>;
  /** Joins a person with the role's code and answers their personal token. */
  const join = async (role: string, name: string, teamId?: string): Promise<string> => {
    const joined = await api(server, '/api/join', { method: 'POST', token: null, body: { code: codes[role], name, teamId } });
    if (joined.status !== 201) throw new Error(`join failed: ${JSON.stringify(joined.body)}`);
    return joined.body.token as string;
  };
  return { routeId, facilitator: created.body.links.facilitator.token as string, participantLink: created.body.links.participant.token as string, join };
}
