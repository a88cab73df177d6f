import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { startInstances, startServices, type TestServices } from '../helpers/cluster.ts';
import { api } from '../helpers/server.ts';
import { FairBoard } from '../../../shared/schema/fair.ts';
import { routeWithTeams } from './setup.ts';

/** The fair vote on two instances sharing PostgreSQL and Redis: votes given on either count once, on both screens. */
describe('fair vote on several instances', () => {
  let services: TestServices;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    services = await startServices();
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await services?.stop();
  });

  it('counts ballots given on both instances once, and one person’s racing ballots leave one of them', async () => {
    const cluster = await startInstances(services, await services.postgres.createDatabase('fair_cluster'), 2);
    try {
      const [a, b] = cluster.instances as [(typeof cluster.instances)[0], (typeof cluster.instances)[0]];
      const route = await routeWithTeams(a, clients);
      const tokens = await Promise.all(['t1', 't2', 't3', 't1', 't2', 't3'].map((team, i) => route.join('participant', `P${i}`, team)));
      /** Asks again while the instance is still loading the route's people (503): it learns of the route late. */
      const call = async (server: { url: string }, path: string, token: string, method = 'GET', body?: unknown) => {
        for (;;) {
          const answer = await api(server, `/api/routes/${route.routeId}/vote${path}`, { token, method, body });
          if (answer.status !== 503) return answer;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      expect((await call(a, '/open', route.facilitator, 'POST', { plans: ['t1', 't2', 't3'] })).status).toBe(200);
      const screens = [a, b].map((instance) => connectClient(instance.wsUrl, `route/${route.routeId}/control`, { token: route.participantLink }));
      clients.push(...screens);
      await Promise.all(screens.map(synced));
      // Each voter gives one vote to the next team's plan, half of them through each instance.
      const answers = await Promise.all(
        tokens.map((token, i) => call(i % 2 === 0 ? a : b, '/ballot/changes', token, 'POST', { teamId: ['t2', 't3', 't1'][i % 3], change: 1 })),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
      // One person sends two whole ballots at once, one to each instance.
      const racing = await Promise.all([
        call(a, '/ballot', tokens[0]!, 'PUT', { votes: { t2: 3 } }),
        call(b, '/ballot', tokens[0]!, 'PUT', { votes: { t3: 2 } }),
      ]);
      expect(racing.map((answer) => answer.status)).toEqual([200, 200]);
      const tallies = () => screens.map((screen) => new FairBoard(screen.doc).read());
      await waitFor(() => {
        const [onA, onB] = tallies();
        return onA!.voters === 6 && JSON.stringify(onA!.tally) === JSON.stringify(onB!.tally) && [7, 8].includes(onA!.votesCast);
      }, 'one tally on both screens');
      const stood = (await call(b, '', tokens[0]!)).body.you.ballot.votes;
      expect([{ t2: 3 }, { t3: 2 }]).toContainEqual(stood);
      const expected = { t1: 2, t2: 2, t3: 2 };
      for (const [teamId, count] of Object.entries(stood as Record<string, number>)) expected[teamId as keyof typeof expected] += count;
      expected.t2 -= 1; // her first vote (t2) was replaced by the ballot that stood
      const onScreen = Object.fromEntries(tallies()[0]!.tally!.map((line) => [line.teamId, line.votes]));
      expect(onScreen).toEqual(expected);
    } finally {
      await cluster.stop();
    }
  });
});
