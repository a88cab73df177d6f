import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { isCardId, isLockTarget, parseViewTarget } from '../../../shared/schema/control.ts';
import type { ControlActions } from '../../facilitation/control-actions.ts';
import { applyTimerAction, parseTimerAction, TimerError } from '../../facilitation/timers.ts';
import { roleOn, type RouteCatalog } from '../../learning-routes/catalog.ts';
import { apiError } from '../errors.ts';
import { routeIdParam, type GrantEnv } from '../route-grant.ts';

/** A river selection a facilitator can choose or let go of at once (the screen keeps the latest 12 anyway). */
const maxFeaturedPerRequest = 200;

/**
 * The facilitator's actions on a route's control document (A3): the server checks the caller and writes
 * the result; nobody writes the control document over a socket.
 */
export function controlRoutes(actions: ControlActions, catalog: RouteCatalog, now: () => number = Date.now): Hono<GrantEnv> {
  const facilitatorsRoute = (c: Context<GrantEnv>) => facilitatorsRouteOf(c, catalog);
  const viewOf = (body: Record<string, unknown>) => {
    const view = parseViewTarget(body);
    if (view === null) {
      throw apiError(400, 'invalid_view', '"board" must be river, setup, experience, case, plan, timer, tally or wrap-up, with an optional "id" and "part".');
    }
    return view;
  };
  return new Hono<GrantEnv>()
    // The server's clock, for screens to measure their offset from it (timers are in the server's time).
    .get('/api/time', (c) => c.json({ now: now() }, 200, { 'cache-control': 'no-store' }))
    .post('/api/routes/:routeId/control/spotlight', bodyLimit({ maxSize: 4096 }), async (c) => {
      const routeId = await facilitatorsRoute(c);
      const view = viewOf(await jsonBody(c));
      const spotlight = await actions.change(routeId, (control) => {
        control.setSpotlight(view);
        return control.spotlight();
      });
      return c.json({ spotlight });
    })
    .post('/api/routes/:routeId/control/follow', bodyLimit({ maxSize: 4096 }), async (c) => {
      const routeId = await facilitatorsRoute(c);
      const body = await jsonBody(c);
      const view = body.active === false ? null : viewOf(body);
      const follow = await actions.change(routeId, (control) => {
        control.setFollow(view);
        return control.follow();
      });
      return c.json({ follow });
    })
    .post('/api/routes/:routeId/control/timer', bodyLimit({ maxSize: 4096 }), async (c) => {
      const routeId = await facilitatorsRoute(c);
      const body = await jsonBody(c);
      try {
        const action = parseTimerAction(body);
        const timer = await actions.change(routeId, (control) => {
          const next = applyTimerAction(control.timer(), action, now());
          control.setTimer(next);
          return next;
        });
        return c.json({ timer, serverNow: now() });
      } catch (error) {
        if (error instanceof TimerError) throw apiError(error.status, error.error, error.message);
        throw error;
      }
    })
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
    // Contributions the facilitator puts before the room: a busy room screen shows them large.
    .post('/api/routes/:routeId/control/featured', bodyLimit({ maxSize: 16_384 }), async (c) => {
      const routeId = await facilitatorsRoute(c);
      const body = await jsonBody(c);
      // A selection goes as one list (`cardIds`), so it is chosen in one change; one `cardId` works too.
      const cardIds: unknown = body.cardIds ?? (body.cardId === undefined ? undefined : [body.cardId]);
      if (!Array.isArray(cardIds) || cardIds.length === 0 || cardIds.length > maxFeaturedPerRequest || !cardIds.every(isCardId)) {
        throw apiError(400, 'invalid_card', `"cardIds" must list 1 to ${maxFeaturedPerRequest} ids of river cards.`);
      }
      if (typeof body.featured !== 'boolean') throw apiError(400, 'invalid_featured', '"featured" must be true or false.');
      const chosen = body.featured;
      const featured = await actions.change(routeId, (control) => {
        control.setFeatured(cardIds, chosen ? now() : null);
        return control.featured();
      });
      return c.json({ featured });
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
