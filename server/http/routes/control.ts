import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { isLockTarget } from '../../../shared/schema/control.ts';
import type { ControlActions } from '../../facilitation/control-actions.ts';
import { roleOn, type RouteCatalog } from '../../learning-routes/catalog.ts';
import { apiError } from '../errors.ts';
import { routeIdParam, type GrantEnv } from '../route-grant.ts';

/**
 * The facilitator's actions on a route's control document (A3): the server checks the caller and writes
 * the result; nobody writes the control document over a socket.
 */
export function controlRoutes(actions: ControlActions, catalog: RouteCatalog): Hono<GrantEnv> {
  const facilitatorsRoute = (c: Context<GrantEnv>) => facilitatorsRouteOf(c, catalog);
  return new Hono<GrantEnv>()
    .post('/api/routes/:routeId/control/locks', bodyLimit({ maxSize: 4096 }), async (c) => {
      const routeId = await facilitatorsRoute(c);
      const body = await jsonBody(c);
      if (!isLockTarget(body.target)) {
        throw apiError(400, 'invalid_target', '"target" must be "river", "river/stream/<id>", "case/<hostId>" or "plan/<teamId>".');
      }
      if (typeof body.locked !== 'boolean') throw apiError(400, 'invalid_locked', '"locked" must be true or false.');
      const { target, locked } = body;
      const locks = await actions.change(
        routeId,
        (control) => {
          control.setLocked(target, locked);
          return control.locks();
        },
        { widensRights: !locked },
      );
      return c.json({ locks });
    })
    .post('/api/routes/:routeId/control/settings', bodyLimit({ maxSize: 4096 }), async (c) => {
      const routeId = await facilitatorsRoute(c);
      const body = await jsonBody(c);
      if (typeof body.everyPlanOpen !== 'boolean') throw apiError(400, 'invalid_setting', '"everyPlanOpen" must be true or false.');
      const open = body.everyPlanOpen;
      await actions.change(routeId, (control) => control.setEveryPlanOpen(open), { widensRights: open });
      return c.json({ everyPlanOpen: open });
    });
}

/** The route of the request, when the caller is its facilitator or the admin; 403 otherwise. */
export async function facilitatorsRouteOf(c: Context<GrantEnv>, catalog: RouteCatalog): Promise<string> {
  const routeId = routeIdParam(c.req.param('routeId') ?? '');
  const role = roleOn(c.get('grant'), routeId);
  if (role !== 'admin' && role !== 'facilitator') throw apiError(403, 'forbidden', 'Only the route’s facilitators can do this.');
  if (!(await catalog.exists(routeId))) throw apiError(404, 'route_not_found', 'There is no such route.');
  return routeId;
}

export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const body: unknown = await c.req.json().catch(() => null);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw apiError(400, 'invalid_json', 'Send a JSON object.');
  return body as Record<string, unknown>;
}
