import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Committee, Viewer } from '../../committee/committee.ts';
import { checkSheet } from '../../committee/score-rules.ts';
import { ActionRefused } from '../../fair/ballot-rules.ts';
import { roleOn, type RouteCatalog } from '../../learning-routes/catalog.ts';
import { apiError } from '../errors.ts';
import { routeIdParam, type GrantEnv } from '../route-grant.ts';
import { facilitatorsRouteOf, jsonBody } from './control.ts';

/**
 * The contest committee over HTTP (`/api/routes/<route>/committee…`): members score submitted plans with
 * their personal token (joined with the committee code); facilitators set the rules and publish; every
 * reader gets what `Committee.view` lets them see.
 */
export function committeeRoutes(committee: Committee, catalog: RouteCatalog, teamOf: (routeId: string, personId: string) => string | null | undefined): Hono<GrantEnv> {
  const refused = (error: unknown): never => {
    if (error instanceof ActionRefused) throw apiError(error.refusal.status, error.refusal.error, error.refusal.message);
    throw error;
  };
  const readerOf = async (c: Context<GrantEnv>): Promise<{ routeId: string; viewer: Viewer }> => {
    const routeId = routeIdParam(c.req.param('routeId') ?? '');
    const grant = c.get('grant');
    const role = roleOn(grant, routeId);
    if (role === null) throw apiError(403, 'forbidden', 'This token does not belong to this route.');
    if (!(await catalog.exists(routeId))) throw apiError(404, 'route_not_found', 'There is no such route.');
    const person = grant.kind === 'route' ? grant.person : undefined;
    if (role === 'admin' || role === 'facilitator') return { routeId, viewer: { kind: 'facilitator' } };
    if (role === 'committee' && person !== undefined) return { routeId, viewer: { kind: 'member', id: person.id } };
    if (role === 'participant') return { routeId, viewer: { kind: 'team', teamId: person === undefined ? null : (teamOf(routeId, person.id) ?? null) } };
    return { routeId, viewer: { kind: 'screen' } };
  };

  return new Hono<GrantEnv>()
    .get('/api/routes/:routeId/committee', async (c) => {
      const { routeId, viewer } = await readerOf(c);
      const memberId = viewer.kind === 'member' ? viewer.id : null;
      const teamId = viewer.kind === 'team' ? viewer.teamId : null;
      return c.json({ viewer: viewer.kind, memberId, teamId, ...(await committee.view(routeId, viewer)) });
    })
    .put('/api/routes/:routeId/committee/scores/:teamId', bodyLimit({ maxSize: 64 * 1024 }), async (c) => {
      const { routeId, viewer } = await readerOf(c);
      if (viewer.kind !== 'member') {
        const message =
          viewer.kind === 'facilitator'
            ? 'Facilitators publish the committee’s scores but do not score plans themselves.'
            : 'Only members of the contest committee, joined with the committee code, score plans.';
        throw apiError(403, 'not_a_member', message);
      }
      const checked = checkSheet(await jsonBody(c));
      if (!checked.ok) throw apiError(checked.refusal.status, checked.refusal.error, checked.refusal.message);
      const sheet = await committee.save(routeId, viewer.id, c.req.param('teamId'), checked.value).catch(refused);
      return c.json({ sheet });
    })
    .post('/api/routes/:routeId/committee/settings', bodyLimit({ maxSize: 4096 }), async (c) => {
      const routeId = await facilitatorsRouteOf(c, catalog);
      const body = await jsonBody(c);
      if (body.othersAfterOwn !== undefined && typeof body.othersAfterOwn !== 'boolean') throw apiError(400, 'invalid_setting', '"othersAfterOwn" must be true or false.');
      if (body.margin !== undefined && (typeof body.margin !== 'number' || !(body.margin >= 0 && body.margin <= 26))) {
        throw apiError(400, 'invalid_margin', '"margin" is a number of points from 0 to 26.');
      }
      await committee.setSettings(routeId, { othersAfterOwn: body.othersAfterOwn as boolean | undefined, margin: body.margin as number | undefined });
      return c.json(await committee.view(routeId, { kind: 'facilitator' }));
    })
    .post('/api/routes/:routeId/committee/publish', bodyLimit({ maxSize: 4096 }), async (c) => {
      const routeId = await facilitatorsRouteOf(c, catalog);
      const body = c.req.header('content-length') === '0' ? {} : await jsonBody(c);
      if (body.published !== undefined && typeof body.published !== 'boolean') throw apiError(400, 'invalid_published', '"published" must be true or false.');
      await committee.publish(routeId, body.published !== false);
      return c.json(await committee.view(routeId, { kind: 'facilitator' }));
    });
}
