import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { People } from '../../facilitation/people.ts';
import { roleOn, type NewRoute, type RouteCatalog } from '../../learning-routes/catalog.ts';
import { apiError } from '../errors.ts';
import { routeIdParam, withGrant, type Authenticate, type GrantEnv } from '../route-grant.ts';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `/api/routes`: the routes a token can see, creating one (admin), and a route's facilitator and
 * participant links (its facilitator or the admin).
 */
export function learningRouteRoutes(
  authenticate: Authenticate,
  catalog: RouteCatalog,
  people: Pick<People, 'open' | 'codesFor'>,
): Hono<GrantEnv> {
  const grant = withGrant(authenticate);
  return new Hono<GrantEnv>()
    .use('/api/routes', grant)
    .use('/api/routes/*', grant)
    .get('/api/routes', async (c) => {
      const grant = c.get('grant');
      return c.json({ routes: await catalog.list(grant), canCreate: grant.kind === 'admin' });
    })
    .post('/api/routes', bodyLimit({ maxSize: 16 * 1024 }), async (c) => {
      if (c.get('grant').kind !== 'admin') throw apiError(403, 'forbidden', 'Only the admin token can create routes.');
      // Its join codes from the start, stored with its setup; then its people list is kept loaded, like every route's.
      const route = await catalog.create(parseNewRoute(await c.req.json().catch(() => null)), (id) => [people.codesFor(id)]);
      await people.open(route.id);
      return c.json({ route, links: withUrls(c, catalog.links(route.id)) }, 201);
    })
    .get('/api/routes/:routeId/links', async (c) => {
      const routeId = routeIdParam(c.req.param('routeId'));
      const role = roleOn(c.get('grant'), routeId);
      if (role !== 'admin' && role !== 'facilitator') {
        throw apiError(403, 'forbidden', 'Only the route’s facilitators can see its links.');
      }
      if (!(await catalog.exists(routeId))) throw apiError(404, 'route_not_found', 'There is no such route.');
      return c.json(withUrls(c, catalog.links(routeId)));
    });
}

function withUrls<K extends string>(c: Context, links: Record<K, { token: string; path: string }>) {
  const origin = new URL(c.req.url).origin;
  return Object.fromEntries(
    Object.entries<{ token: string; path: string }>(links).map(([role, link]) => [role, { ...link, url: `${origin}${link.path}` }]),
  ) as Record<K, { token: string; path: string; url: string }>;
}

function parseNewRoute(body: unknown): NewRoute {
  if (typeof body !== 'object' || body === null) throw apiError(400, 'invalid_json', 'Send the route as a JSON object.');
  const { title, place = '', startDate = '', endDate = '', days } = body as Record<string, unknown>;
  if (typeof title !== 'string' || title.trim() === '' || title.length > 200) {
    throw apiError(400, 'invalid_title', 'A route needs a title of at most 200 characters.');
  }
  if (typeof place !== 'string' || place.length > 200) throw apiError(400, 'invalid_place', 'The place is text of at most 200 characters.');
  for (const [name, value] of [['startDate', startDate], ['endDate', endDate]] as const) {
    if (typeof value !== 'string' || (value !== '' && (!isoDate.test(value) || Number.isNaN(Date.parse(value))))) {
      throw apiError(400, 'invalid_date', `"${name}" must be a date written YYYY-MM-DD.`);
    }
  }
  if (startDate !== '' && endDate !== '' && (endDate as string) < (startDate as string)) {
    throw apiError(400, 'invalid_dates', 'The route cannot end before it starts.');
  }
  if (days !== undefined && (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 31)) {
    throw apiError(400, 'invalid_days', '"days" must be a whole number from 1 to 31.');
  }
  return { title: title.trim(), place: place.trim(), startDate: startDate as string, endDate: endDate as string, days };
}
