import { Hono, type Context } from 'hono';
import type { Committee } from '../../committee/committee.ts';
import type { Registry } from '../../docs/registry.ts';
import { roleOn, type RouteCatalog } from '../../learning-routes/catalog.ts';
import { buildWrapUp } from '../../wrap-up/wrap-up-content.ts';
import { apiError } from '../errors.ts';
import { routeIdParam, type GrantEnv } from '../route-grant.ts';

/**
 * `GET /api/routes/<route>/wrap-up?day=<dayId>`: the end-of-day wrap-up; without `day`, the end of the route.
 * For the route's facilitators (and the admin), and the room screen they put it on: it holds what the room
 * may see (the fair's tally unless hidden, the committee's results once published).
 */
export function wrapUpRoutes(parts: { registry: Registry; committee: Committee; catalog: RouteCatalog }): Hono<GrantEnv> {
  return new Hono<GrantEnv>().get('/api/routes/:routeId/wrap-up', async (c) => {
    const routeId = await wrapUpReadersRoute(c, parts.catalog);
    const day = c.req.query('day');
    const wrapUp = await buildWrapUp(routeId, day === undefined || day === '' ? null : day, parts.registry, parts.committee);
    if (wrapUp === null) throw apiError(404, 'day_not_found', 'This route has no such day. Choose one of its days, or none for the whole route.');
    return c.json(wrapUp, 200, { 'cache-control': 'no-store' });
  });
}

async function wrapUpReadersRoute(c: Context<GrantEnv>, catalog: RouteCatalog): Promise<string> {
  const routeId = routeIdParam(c.req.param('routeId') ?? '');
  const role = roleOn(c.get('grant'), routeId);
  if (role !== 'admin' && role !== 'facilitator' && role !== 'screen') throw apiError(403, 'forbidden', 'Only the route’s facilitators and its room screen can see the wrap-up.');
  if (!(await catalog.exists(routeId))) throw apiError(404, 'route_not_found', 'There is no such route.');
  return routeId;
}
