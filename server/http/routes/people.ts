import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { joinRoles, type JoinRole } from '../../../shared/schema/people.ts';
import { PeopleError, type People } from '../../facilitation/people.ts';
import { roleOn, type RouteCatalog } from '../../learning-routes/catalog.ts';
import { roomAddress } from '../public-address.ts';
import { apiError } from '../errors.ts';
import { routeIdParam, type GrantEnv } from '../route-grant.ts';
import { facilitatorsRouteOf, jsonBody } from './control.ts';

/** What the facilitator's list shows of a person beyond the stored fields. */
export interface PeopleView {
  /** How many sockets the person has open now (on this instance). */
  connectionsOf(routeId: string, personId: string): number;
  /** The server listens on every interface (not only loopback), so phones can reach its network address. */
  listensOnNetwork: boolean;
}

/**
 * The facilitator's side of joining: the route's codes, renewing one, and the people who joined (rename,
 * move between teams and groups, remove). All of it for the route's facilitators and the admin only.
 */
export function peopleRoutes(people: People, catalog: RouteCatalog, view: PeopleView): Hono<GrantEnv> {
  const facilitatorsRoute = (c: Context<GrantEnv>) => facilitatorsRouteOf(c, catalog);
  const asApiError = (error: unknown): never => {
    if (error instanceof PeopleError) throw apiError(error.status, error.error, error.message);
    throw error;
  };
  return new Hono<GrantEnv>()
    .get('/api/routes/:routeId/join-codes', async (c) => {
      const codes = await people.codes(await facilitatorsRoute(c));
      return c.json(Object.fromEntries(joinRoles.map((role) => [role, codes[role].code])));
    })
    // The room screen shows the participant code and its QR code, so it may read that one (and only that one).
    .get('/api/routes/:routeId/join-codes/participant', async (c) => {
      const routeId = routeIdParam(c.req.param('routeId'));
      const role = roleOn(c.get('grant'), routeId);
      if (role !== 'admin' && role !== 'facilitator' && role !== 'screen') {
        throw apiError(403, 'forbidden', 'Only the route’s facilitators and room screen can see its join code.');
      }
      if (!(await catalog.exists(routeId))) throw apiError(404, 'route_not_found', 'There is no such route.');
      const { code } = (await people.codes(routeId)).participant;
      const base = roomAddress(c.req.url, view.listensOnNetwork);
      return c.json({ code, joinAddress: `${base}/join`, codeAddress: `${base}/j/${code}` });
    })
    .post('/api/routes/:routeId/join-codes/:role/rotate', bodyLimit({ maxSize: 4096 }), async (c) => {
      const routeId = await facilitatorsRoute(c);
      const role = c.req.param('role') as JoinRole;
      if (!joinRoles.includes(role)) throw apiError(400, 'invalid_role', `The role must be one of ${joinRoles.join(', ')}.`);
      const body = c.req.header('content-length') === '0' ? {} : await jsonBody(c).catch(() => ({}) as Record<string, unknown>);
      const expiresAt = body.expiresAt ?? null;
      if (expiresAt !== null && (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt))) {
        throw apiError(400, 'invalid_expiry', '"expiresAt" must be a time in milliseconds since 1970, or null for never.');
      }
      const code = await people.rotate(routeId, role, expiresAt);
      return c.json({ role, code: code.code, expiresAt: code.expiresAt });
    })
    .get('/api/routes/:routeId/people', async (c) => {
      const routeId = await facilitatorsRoute(c);
      const list = (await people.list(routeId)).filter((person) => person.removedAt === null);
      return c.json({ people: list.map((person) => ({ ...person, connections: view.connectionsOf(routeId, person.id) })) });
    })
    .patch('/api/routes/:routeId/people/:personId', bodyLimit({ maxSize: 4096 }), async (c) => {
      const routeId = await facilitatorsRoute(c);
      const body = await jsonBody(c);
      const fields: { name?: string; teamId?: string | null; groupId?: string | null } = {};
      if (body.name !== undefined) {
        if (typeof body.name !== 'string') throw apiError(400, 'invalid_name', '"name" must be a string.');
        fields.name = body.name;
      }
      for (const key of ['teamId', 'groupId'] as const) {
        const value = body[key];
        if (value === undefined) continue;
        if (value !== null && typeof value !== 'string') throw apiError(400, `invalid_${key}`, `"${key}" must be a string or null.`);
        fields[key] = value;
      }
      const person = await people.update(routeId, c.req.param('personId'), fields).catch(asApiError);
      return c.json({ person });
    })
    .delete('/api/routes/:routeId/people/:personId', async (c) => {
      const routeId = await facilitatorsRoute(c);
      const personId = c.req.param('personId');
      await people.remove(routeId, personId).catch(asApiError);
      return c.json({ removed: personId });
    });
}
