import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { routeDocName } from '../../../shared/schema/doc-kinds.ts';
import { defaultVoteRules } from '../../../shared/schema/fair.ts';
import { RouteDoc } from '../../../shared/schema/route.ts';
import type { Grant } from '../../auth/access.ts';
import type { Registry } from '../../docs/registry.ts';
import { ActionRefused, checkRules, type Refusal } from '../../fair/ballot-rules.ts';
import type { FairVotes } from '../../fair/fair-vote.ts';
import { roleOn, type RouteCatalog } from '../../learning-routes/catalog.ts';
import { apiError } from '../errors.ts';
import { routeIdParam, type GrantEnv } from '../route-grant.ts';
import { facilitatorsRouteOf, jsonBody } from './control.ts';

/** Why a token cannot vote, in words its holder understands; null when it can. */
export function voterRefusal(grant: Grant, routeId: string): Refusal | null {
  const role = roleOn(grant, routeId);
  const refuse = (message: string): Refusal => ({ status: 403, error: 'not_a_voter', message });
  if (role === null) return { status: 403, error: 'forbidden', message: 'This token does not belong to this route.' };
  if (role === 'admin' || role === 'facilitator') return refuse('Facilitators run the vote and do not vote in it.');
  if (role === 'screen') return refuse('The room screen shows the tally; it cannot vote.');
  if (role === 'committee') return refuse('The contest committee scores the plans later; it does not vote at the fair.');
  if (grant.kind !== 'route' || grant.person === undefined) {
    return refuse('Votes are personal: join the route with the participant code on your own phone or laptop to vote.');
  }
  return null;
}

/**
 * The Innovation Plan Fair vote over HTTP (`/api/routes/<route>/vote…`): participants give and change
 * their votes with their personal token, facilitators open, close and publish. Nothing of it is written
 * by a client into a document.
 */
export function voteRoutes(votes: FairVotes, catalog: RouteCatalog, registry: Registry): Hono<GrantEnv> {
  const facilitatorsRoute = (c: Context<GrantEnv>) => facilitatorsRouteOf(c, catalog);
  const refused = (error: unknown): never => {
    if (error instanceof ActionRefused) throw apiError(error.refusal.status, error.refusal.error, error.refusal.message);
    throw error;
  };
  const routeOfMember = async (c: Context<GrantEnv>): Promise<string> => {
    const routeId = routeIdParam(c.req.param('routeId') ?? '');
    if (roleOn(c.get('grant'), routeId) === null) throw apiError(403, 'forbidden', 'This token does not belong to this route.');
    if (!(await catalog.exists(routeId))) throw apiError(404, 'route_not_found', 'There is no such route.');
    return routeId;
  };
  const voterOf = async (c: Context<GrantEnv>): Promise<{ routeId: string; personId: string }> => {
    const routeId = await routeOfMember(c);
    const grant = c.get('grant');
    const refusal = voterRefusal(grant, routeId);
    if (refusal !== null || grant.kind !== 'route' || grant.person === undefined) throw apiError(refusal!.status, refusal!.error, refusal!.message);
    return { routeId, personId: grant.person.id };
  };
  const ballotAnswer = async (routeId: string, personId: string) => ({ ballot: (await votes.ballotOf(routeId, personId)) ?? { votes: {}, at: 0 } });

  return new Hono<GrantEnv>()
    // Everyone of the route: the vote as the room sees it; facilitators also see a hidden tally; a voter their ballot.
    .get('/api/routes/:routeId/vote', async (c) => {
      const routeId = await routeOfMember(c);
      const grant = c.get('grant');
      const role = roleOn(grant, routeId);
      const state = await votes.state(routeId);
      const seesAll = role === 'admin' || role === 'facilitator';
      const hidden = state.tallyHidden && (state.status === 'open' || state.status === 'idle');
      const refusal = voterRefusal(grant, routeId);
      const you =
        refusal === null && grant.kind === 'route' && grant.person !== undefined
          ? { role, canVote: true, teamId: votes.teamOf(routeId, grant.person.id) ?? null, ...(await ballotAnswer(routeId, grant.person.id)) }
          : { role, canVote: false, reason: refusal?.message ?? '' };
      return c.json({ vote: { ...state, tally: hidden && !seesAll ? null : state.tally }, you });
    })
    .put('/api/routes/:routeId/vote/ballot', bodyLimit({ maxSize: 8192 }), async (c) => {
      const { routeId, personId } = await voterOf(c);
      const body = await jsonBody(c);
      await votes.cast(routeId, personId, { votes: body.votes }).catch(refused);
      return c.json(await ballotAnswer(routeId, personId));
    })
    // One vote more (`change: 1`) or less (`-1`) for one plan: what the vote page's buttons send.
    .post('/api/routes/:routeId/vote/ballot/changes', bodyLimit({ maxSize: 4096 }), async (c) => {
      const { routeId, personId } = await voterOf(c);
      const body = await jsonBody(c);
      if (typeof body.teamId !== 'string') throw apiError(400, 'invalid_plan', '"teamId" names the plan to vote for.');
      if (body.change !== 1 && body.change !== -1) throw apiError(400, 'invalid_change', '"change" is 1 (one vote more) or -1 (one vote less).');
      await votes.cast(routeId, personId, { teamId: body.teamId, change: body.change }).catch(refused);
      return c.json(await ballotAnswer(routeId, personId));
    })
    .post('/api/routes/:routeId/vote/open', bodyLimit({ maxSize: 8192 }), async (c) => {
      const routeId = await facilitatorsRoute(c);
      const body = c.req.header('content-length') === '0' ? {} : await jsonBody(c);
      if (body.hideTally !== undefined && typeof body.hideTally !== 'boolean') throw apiError(400, 'invalid_hide_tally', '"hideTally" must be true or false.');
      let rules = null;
      if (body.plans !== undefined) {
        const teamIds = await registry.withRoom(routeDocName(routeId), (room) => new RouteDoc(room.doc).read('teams').map((team) => team.id));
        const checked = checkRules(body, teamIds, defaultVoteRules);
        if (!checked.ok) throw apiError(checked.refusal.status, checked.refusal.error, checked.refusal.message);
        rules = checked.value;
      }
      return c.json({ vote: await votes.openVote(routeId, rules, body.hideTally === true).catch(refused) });
    })
    .post('/api/routes/:routeId/vote/close', async (c) => c.json({ vote: await votes.closeVote(await facilitatorsRoute(c)).catch(refused) }))
    .post('/api/routes/:routeId/vote/publish', async (c) => c.json({ vote: await votes.publish(await facilitatorsRoute(c)).catch(refused) }))
    .post('/api/routes/:routeId/vote/reset', async (c) => c.json({ vote: await votes.reset(await facilitatorsRoute(c)).catch(refused) }))
    .post('/api/routes/:routeId/vote/tally', bodyLimit({ maxSize: 4096 }), async (c) => {
      const routeId = await facilitatorsRoute(c);
      const body = await jsonBody(c);
      if (typeof body.hidden !== 'boolean') throw apiError(400, 'invalid_hidden', '"hidden" must be true or false.');
      return c.json({ vote: await votes.setTallyHidden(routeId, body.hidden) });
    });
}
