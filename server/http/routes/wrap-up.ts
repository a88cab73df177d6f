import { Hono } from 'hono';
import type { Committee } from '../../committee/committee.ts';
import type { Registry } from '../../docs/registry.ts';
import type { RouteCatalog } from '../../learning-routes/catalog.ts';
import { buildWrapUp } from '../../wrap-up/wrap-up-content.ts';
import { apiError } from '../errors.ts';
import type { GrantEnv } from '../route-grant.ts';
import { facilitatorsRouteOf } from './control.ts';

/**
 * `GET /api/routes/<route>/wrap-up?day=<dayId>`: the end-of-day wrap-up; without `day`, the end of the route.
 * For the route's facilitators (and the admin), who show it on the room's projector.
 */
export function wrapUpRoutes(parts: { registry: Registry; committee: Committee; catalog: RouteCatalog }): Hono<GrantEnv> {
  return new Hono<GrantEnv>().get('/api/routes/:routeId/wrap-up', async (c) => {
    const routeId = await facilitatorsRouteOf(c, parts.catalog);
    const day = c.req.query('day');
    const wrapUp = await buildWrapUp(routeId, day === undefined || day === '' ? null : day, parts.registry, parts.committee);
    if (wrapUp === null) throw apiError(404, 'day_not_found', 'This route has no such day. Choose one of its days, or none for the whole route.');
    return c.json(wrapUp, 200, { 'cache-control': 'no-store' });
  });
}
