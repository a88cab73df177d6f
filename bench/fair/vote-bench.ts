import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { controlDocName } from '../../shared/schema/doc-kinds.ts';
import { FairBoard } from '../../shared/schema/fair.ts';
import { call, percentile, sleep, type Child } from './child-server.ts';
import { openTallyPage } from './tally-page.ts';

/**
 * Forty participants joined over HTTP, the vote opened on the demo route's five plans; their ballots sent
 * over ten seconds, each one twice at once (two tabs). The room screen is a stock y-websocket client with
 * the screen's token on the control document (what the room screen's page reads), and the room screen's
 * tally page itself in Chromium (tally-page.ts). A ballot's latency is from its request to the screen's first
 * state (or the page's first drawing) counting every vote sent up to it.
 */

export const routeId = 'laos-2013';
export const participants = 40;
export const windowMs = 10_000;

export async function benchVote(child: Child) {
  const codes = await call<Record<string, string>>(child.url, `/api/routes/${routeId}/join-codes`);
  const teams = (await call<{ plans: Array<{ teamId: string }> }>(child.url, `/api/routes/${routeId}/report?format=json`)).plans.map((plan) => plan.teamId);
  const people = await Promise.all(
    Array.from({ length: participants }, async (_, i) => {
      const teamId = teams[i % teams.length]!;
      const { token } = await call<{ token: string }>(child.url, '/api/join', { body: { code: codes.participant, name: `Voter ${i + 1}`, teamId, groupId: 'g1' }, token: null });
      // Three votes, at most the default per plan, none for their own team.
      return { token, votes: { [teams[(i + 1) % teams.length]!]: 2, [teams[(i + 2) % teams.length]!]: 1 } };
    }),
  );
  const screen = await call<{ token: string }>(child.url, '/api/join', { body: { code: codes.screen, name: '' }, token: null });
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${child.port}/sync`, controlDocName(routeId), doc, {
    params: { token: screen.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise((resolve) => provider.once('sync', resolve));
  const seen: Array<{ at: number; votes: number }> = [];
  doc.on('update', () => {
    const vote = new FairBoard(doc).read();
    const counted = vote.tally?.reduce((sum, line) => sum + line.votes, 0) ?? vote.votesCast;
    if (seen.length === 0 || counted > seen.at(-1)!.votes) seen.push({ at: performance.now(), votes: counted });
  });
  const tallyPage = await openTallyPage(child.url, routeId, screen.token);
  await call(child.url, `/api/routes/${routeId}/vote/open`, { body: { plans: teams } });
  const sentAt: number[] = [];
  const sentAtEpoch: number[] = [];
  await Promise.all(
    people.map(async (person, i) => {
      await sleep((i * windowMs) / participants);
      sentAt[i] = performance.now();
      sentAtEpoch[i] = performance.timeOrigin + sentAt[i]!;
      const ballot = { method: 'PUT', body: { votes: person.votes }, token: person.token };
      await Promise.all([call(child.url, `/api/routes/${routeId}/vote/ballot`, ballot), call(child.url, `/api/routes/${routeId}/vote/ballot`, ballot)]);
    }),
  );
  const expected = participants * 3;
  for (let i = 0; i < 100 && (seen.at(-1)?.votes ?? 0) < expected; i++) await sleep(50);
  const latencies = sentAt.map((sent, i) => (seen.find((state) => state.votes >= 3 * (i + 1))?.at ?? Number.NaN) - sent);
  let drawn = await tallyPage.seen();
  for (let i = 0; i < 100 && (drawn.at(-1)?.votes ?? 0) < expected; i++) {
    await sleep(50);
    drawn = await tallyPage.seen();
  }
  await tallyPage.close();
  const pageLatencies = sentAtEpoch.map((sent, i) => (drawn.find((state) => state.votes >= 3 * (i + 1))?.at ?? Number.NaN) - sent);
  // The provider leaves its awareness (and the awareness's 3 s check interval) to the document: without
  // destroying the document too, that interval kept the bench process alive after it had printed its table.
  provider.destroy();
  doc.destroy();
  await call(child.url, `/api/routes/${routeId}/vote/close`, { body: {} });
  const state = await call<{ vote: { tally: Array<{ votes: number }> } }>(child.url, `/api/routes/${routeId}/vote`);
  const counted = state.vote.tally.reduce((sum, line) => sum + line.votes, 0);
  const mine = await Promise.all(people.map((person) => call<{ you: { ballot?: { votes: Record<string, number> } } }>(child.url, `/api/routes/${routeId}/vote`, { token: person.token })));
  const sorted = (votes: Record<string, number> = {}) => JSON.stringify(Object.entries(votes).sort());
  const everyBallotOnce = mine.every((answer, i) => sorted(answer.you.ballot?.votes) === sorted(people[i]!.votes)) && counted === expected;
  await call(child.url, `/api/routes/${routeId}/vote/publish`, { body: {} });
  return {
    expected,
    counted,
    everyBallotOnce,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    pageP50: percentile(pageLatencies, 50),
    pageP99: percentile(pageLatencies, 99),
    pageDrawn: drawn.at(-1)?.votes ?? 0,
  };
}
