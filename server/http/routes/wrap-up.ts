import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Committee } from '../../committee/committee.ts';
import type { Registry } from '../../docs/registry.ts';
import { roleOn, type RouteCatalog } from '../../learning-routes/catalog.ts';
import type { WrapUpChanges } from '../../wrap-up/wrap-up-changes.ts';
import { buildWrapUp } from '../../wrap-up/wrap-up-content.ts';
import { apiError } from '../errors.ts';
import { routeIdParam, type GrantEnv } from '../route-grant.ts';

/** A comment line this often keeps an idle stream open through proxies and the venue's Wi-Fi access point. */
const keepAliveMs = 25_000;

/**
 * `GET /api/routes/<route>/wrap-up?day=<dayId>`: the end-of-day wrap-up; without `day`, the end of the route.
 * `GET /api/routes/<route>/wrap-up/changes`: server-sent events, `changed` after each burst of changes to
 * the documents the wrap-up reads, so an open wrap-up asks again within a second rather than on a timer.
 * For the route's facilitators (and the admin), and the room screen they put it on: it holds what the room
 * may see (the fair's tally unless hidden, the committee's results once published).
 */
export function wrapUpRoutes(parts: { registry: Registry; committee: Committee; catalog: RouteCatalog; changes: WrapUpChanges }): Hono<GrantEnv> {
  return new Hono<GrantEnv>()
    .get('/api/routes/:routeId/wrap-up', async (c) => {
      const routeId = await wrapUpReadersRoute(c, parts.catalog);
      const day = c.req.query('day');
      const dayId = day === undefined || day === '' ? null : day;
      const json = await parts.changes.wrapUpJson(routeId, dayId, () => buildWrapUp(routeId, dayId, parts.registry, parts.committee));
      if (json === null) throw apiError(404, 'day_not_found', 'This route has no such day. Choose one of its days, or none for the whole route.');
      return c.body(json, 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    })
    .get('/api/routes/:routeId/wrap-up/changes', async (c) => {
      const routeId = await wrapUpReadersRoute(c, parts.catalog);
      return streamSSE(c, async (stream) => {
        let wake: (() => void) | null = null;
        let changed = false;
        const stop = await parts.changes.watch(routeId, () => {
          changed = true;
          wake?.();
        });
        stream.onAbort(() => wake?.());
        try {
          // Said once the documents are held: a change from now on reaches this stream.
          await stream.writeSSE({ event: 'watching', data: '' });
          while (!stream.aborted && !stream.closed) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, keepAliveMs);
              timer.unref();
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            wake = null;
            if (changed) {
              changed = false;
              await stream.writeSSE({ event: 'changed', data: '' });
            } else await stream.write(': still here\n\n');
          }
        } finally {
          stop();
        }
      });
    });
}

async function wrapUpReadersRoute(c: Context<GrantEnv>, catalog: RouteCatalog): Promise<string> {
  const routeId = routeIdParam(c.req.param('routeId') ?? '');
  const role = roleOn(c.get('grant'), routeId);
  if (role !== 'admin' && role !== 'facilitator' && role !== 'screen') throw apiError(403, 'forbidden', 'Only the route’s facilitators and its room screen can see the wrap-up.');
  if (!(await catalog.exists(routeId))) throw apiError(404, 'route_not_found', 'There is no such route.');
  return routeId;
}
