import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { boardTarget, isLockTarget } from '../../../shared/schema/control.ts';
import { HiddenIdeaError } from '../../facilitation/hidden-idea-fields.ts';
import { ideaViewerOf, type HiddenIdeas, type IdeaViewer } from '../../facilitation/hidden-ideas.ts';
import type { RouteCatalog } from '../../learning-routes/catalog.ts';
import { apiError } from '../errors.ts';
import { routeIdParam, type GrantEnv } from '../route-grant.ts';
import { facilitatorsRouteOf, jsonBody } from './control.ts';

/** A person's name as the people list has it now (they may have been renamed since joining). */
export type NameOf = (routeId: string, personId: string) => string | null;

/**
 * Hidden brainstorming over HTTP: the facilitator hides a river stream or a case grid and reveals it; participants send their
 * ideas here while it is hidden, read back, change and take back their own (and put one back: their undo);
 * facilitators read, change and take back them all, and put one back in its author's name.
 */
export function hiddenIdeaRoutes(ideas: HiddenIdeas, catalog: RouteCatalog, nameOf: NameOf): Hono<GrantEnv> {
  const asApiError = (error: unknown): never => {
    if (error instanceof HiddenIdeaError) throw apiError(error.status, error.error, error.message);
    throw error;
  };
  /** Who asks: facilitators (and the admin) see every idea; a joined person their own; nobody else anything. */
  const viewerOf = async (c: Context<GrantEnv>): Promise<{ routeId: string; viewer: IdeaViewer }> => {
    const routeId = routeIdParam(c.req.param('routeId') ?? '');
    const { viewer, role } = ideaViewerOf(c.get('grant'), routeId);
    if (!viewer.facilitator && (role !== 'participant' || viewer.personId === null)) {
      throw apiError(403, 'person_needed', 'Join the route with its code to take part in a hidden brainstorm.');
    }
    if (!(await catalog.exists(routeId))) throw apiError(404, 'route_not_found', 'There is no such route.');
    return { routeId, viewer };
  };

  return new Hono<GrantEnv>()
    .post('/api/routes/:routeId/control/hidden', bodyLimit({ maxSize: 4096 }), async (c) => {
      const routeId = await facilitatorsRouteOf(c, catalog);
      const body = await jsonBody(c);
      const target = typeof body.hostId === 'string' ? boardTarget.case(body.hostId) : boardTarget.stream(typeof body.streamId === 'string' ? body.streamId : '');
      if (!isLockTarget(target)) throw apiError(400, 'invalid_stream', '"streamId" must name a stream of the river, or "hostId" a host\'s case grid.');
      if (typeof body.hidden !== 'boolean') throw apiError(400, 'invalid_hidden', '"hidden" must be true (hide new ideas) or false (reveal them).');
      return c.json(await ideas.setHidden(routeId, target, body.hidden).catch(asApiError));
    })
    .get('/api/routes/:routeId/hidden-ideas', async (c) => {
      const { routeId, viewer } = await viewerOf(c);
      return c.json({ ideas: await ideas.list(routeId, viewer) }, 200, { 'cache-control': 'no-store' });
    })
    .post('/api/routes/:routeId/hidden-ideas', bodyLimit({ maxSize: 8192 }), async (c) => {
      const { routeId, viewer } = await viewerOf(c);
      const body = await jsonBody(c);
      const { id, streamId, dayId, hostId, groupId, rowId, columnId, color, photos, text, authorId } = body;
      // A facilitator who took a participant's idea back puts it back in its author's name (their undo);
      // nobody else names an author.
      let author: string | null = viewer.personId;
      if (authorId !== undefined) {
        if (!viewer.facilitator) throw apiError(403, 'forbidden', 'Only the route’s facilitators can put back an idea in another person’s name.');
        if (typeof authorId !== 'string' || id === undefined || nameOf(routeId, authorId) === null) {
          throw apiError(400, 'invalid_author', '"authorId" must name a person on the route, with the "id" of their idea that was taken back.');
        }
        author = authorId;
      }
      if (author === null) throw apiError(403, 'person_needed', 'Join the route with its code to add an idea with your name.');
      const fields = { id, streamId, dayId, hostId, groupId, rowId, columnId, color, photos, text };
      const idea = await ideas.add(routeId, { id: author, name: nameOf(routeId, author) ?? '' }, fields).catch(asApiError);
      return c.json({ idea }, 201);
    })
    .patch('/api/routes/:routeId/hidden-ideas/:ideaId', bodyLimit({ maxSize: 8192 }), async (c) => {
      const { routeId, viewer } = await viewerOf(c);
      const { text, color, rowId, columnId, streamId, dayId, photos } = await jsonBody(c);
      const change = { text, color, rowId, columnId, streamId, dayId, photos };
      return c.json({ idea: await ideas.change(routeId, c.req.param('ideaId'), viewer, change).catch(asApiError) });
    })
    .delete('/api/routes/:routeId/hidden-ideas/:ideaId', async (c) => {
      const { routeId, viewer } = await viewerOf(c);
      await ideas.remove(routeId, c.req.param('ideaId'), viewer).catch(asApiError);
      return c.json({ removed: c.req.param('ideaId') });
    });
}
