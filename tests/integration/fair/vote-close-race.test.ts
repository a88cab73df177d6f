import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../helpers/clients.ts';
import { startInstances, startServices, type Instance, type TestServices } from '../helpers/cluster.ts';
import { startHeldProxy, type HeldProxy } from '../helpers/held-proxy.ts';
import { api } from '../helpers/server.ts';
import { routeWithTeams } from './setup.ts';

/**
 * The vote's close on one instance against ballots given on another: a ballot either counts in the closed
 * result or is refused, never accepted and left out (which the voter would take for a vote given, and the
 * votes CSV would list beside a tally without it). Instance B reaches Redis through a proxy that can hold
 * back what A publishes, so B can be made to learn of A's close late, as over a slow network.
 */
describe('closing the fair vote, or publishing the scores, while ballots and scores arrive at another instance', () => {
  let services: TestServices;
  let proxy: HeldProxy;
  const clients: TestClient[] = [];
  const stops: Array<() => Promise<void>> = [];
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    services = await startServices();
    proxy = await startHeldProxy({ host: '127.0.0.1', port: services.redis.port });
    const databaseUrl = await services.postgres.createDatabase('fair_close_race');
    const first = await startInstances(services, databaseUrl, 1);
    const second = await startInstances(services, databaseUrl, 1, { redisUrl: `redis://${proxy.address}` });
    stops.push(() => first.stop(), () => second.stop());
    [a, b] = [first.instances[0]!, second.instances[0]!];
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const stop of stops) await stop();
    proxy?.release();
    await proxy?.close();
    await services?.stop();
  });

  /** The route's vote API; asks again while the instance is still loading the route's people (503). */
  const voteApi = (routeId: string) => async (server: { url: string }, path: string, token: string, method = 'GET', body?: unknown) => {
    for (;;) {
      const answer = await api(server, `/api/routes/${routeId}/vote${path}`, { token, method, body });
      if (answer.status !== 503) return answer;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const waitForStatus = async (call: ReturnType<typeof voteApi>, server: { url: string }, token: string, status: string) => {
    for (let i = 0; i < 200; i++) {
      if ((await call(server, '', token)).body.vote.status === status) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`the vote never became ${status}`);
  };
  /** Number of ballots in the votes CSV (its header line aside). */
  const csvBallots = async (routeId: string, facilitator: string): Promise<number> => {
    const csv = await api(a, `/api/routes/${routeId}/report?format=votes.csv`, { token: facilitator });
    expect(csv.status).toBe(200);
    return (csv.body as string).trim().split('\n').length - 1;
  };

  it('refuses a ballot given on B after A closed the vote, even before B has heard of the close', async () => {
    const route = await routeWithTeams(a, clients);
    const call = voteApi(route.routeId);
    const voters = await Promise.all(['t1', 't2'].map((team, i) => route.join('participant', `V${i}`, team)));
    expect((await call(a, '/open', route.facilitator, 'POST', { plans: ['t1', 't2', 't3'] })).status).toBe(200);
    await waitForStatus(call, b, voters[0]!, 'open');
    expect((await call(b, '/ballot/changes', voters[0]!, 'POST', { teamId: 't3', change: 1 })).status).toBe(200);

    proxy.hold();
    const closed = await call(a, '/close', route.facilitator, 'POST');
    expect(closed.status).toBe(200);
    expect(closed.body.vote.votesCast).toBe(1);
    const late = await call(b, '/ballot/changes', voters[1]!, 'POST', { teamId: 't3', change: 1 });
    proxy.release();

    expect(late.status).toBe(409);
    expect(late.body.error).toBe('vote_closed');
    expect((await call(a, '/publish', route.facilitator, 'POST')).status).toBe(200);
    await waitForStatus(call, b, voters[0]!, 'published');
    for (const server of [a, b]) {
      const { vote } = (await call(server, '', route.facilitator)).body;
      expect({ voters: vote.voters, votesCast: vote.votesCast }).toEqual({ voters: 1, votesCast: 1 });
    }
    expect(await csvBallots(route.routeId, route.facilitator)).toBe(1);
  });

  it('refuses a score saved on B after A published the committee results, even before B has heard of it', async () => {
    const route = await routeWithTeams(a, clients);
    for (const teamId of ['t1', 't2']) {
      expect((await api(a, `/api/routes/${route.routeId}/plans/${teamId}/status`, { method: 'POST', body: { status: 'submitted' } })).status).toBe(200);
    }
    const member = await route.join('committee', 'Member One');
    const committee = async (server: { url: string }, path: string, token: string, method = 'GET', body?: unknown) => {
      for (;;) {
        const answer = await api(server, `/api/routes/${route.routeId}/committee${path}`, { token, method, body });
        if (answer.status !== 503) return answer;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const sheet = { scores: { innovation: 10, complementarities: 4, clarity: 6 }, comments: {}, submit: true };
    expect((await committee(b, '/scores/t1', member, 'PUT', sheet)).status).toBe(200);

    proxy.hold();
    expect((await committee(a, '/publish', route.facilitator, 'POST', { published: true })).status).toBe(200);
    const late = await committee(b, '/scores/t2', member, 'PUT', sheet);
    proxy.release();
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('results_published');
  });

  it('counts exactly the ballots it accepted when they race the close', async () => {
    const route = await routeWithTeams(a, clients);
    const call = voteApi(route.routeId);
    const teams = ['t1', 't2', 't3', 't1', 't2', 't3', 't1', 't2'];
    const voters = await Promise.all(teams.map((team, i) => route.join('participant', `R${i}`, team)));
    expect((await call(a, '/open', route.facilitator, 'POST', { plans: ['t1', 't2', 't3'] })).status).toBe(200);
    await waitForStatus(call, b, voters[0]!, 'open');

    const [closed, ...ballots] = await Promise.all([
      call(a, '/close', route.facilitator, 'POST'),
      ...voters.map((token, i) => call(b, '/ballot/changes', token, 'POST', { teamId: teams[(i + 1) % teams.length]!, change: 1 })),
    ]);
    expect(closed!.status).toBe(200);
    const accepted = ballots.filter((answer) => answer.status === 200).length;
    for (const answer of ballots) if (answer.status !== 200) expect(answer.body.error).toBe('vote_closed');
    expect(closed!.body.vote.votesCast).toBe(accepted);

    expect((await call(a, '/publish', route.facilitator, 'POST')).status).toBe(200);
    await waitForStatus(call, b, voters[0]!, 'published');
    for (const server of [a, b]) {
      const { vote } = (await call(server, '', route.facilitator)).body;
      expect({ voters: vote.voters, votesCast: vote.votesCast }).toEqual({ voters: accepted, votesCast: accepted });
    }
    expect(await csvBallots(route.routeId, route.facilitator)).toBe(accepted);
  });
});
