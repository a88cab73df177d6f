import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { exportRoute } from '../../archive/export-route.ts';
import { ArchiveRefused, importRoute } from '../../archive/import-route.ts';
import type { Registry } from '../../docs/registry.ts';
import type { People } from '../../facilitation/people.ts';
import type { RouteCatalog } from '../../learning-routes/catalog.ts';
import type { Storage } from '../../persistence/storage.ts';
import type { PhotoStore } from '../../photos/photo-store.ts';
import { apiError } from '../errors.ts';
import { routeIdParam, type GrantEnv } from '../route-grant.ts';
import { facilitatorsRouteOf } from './control.ts';

export interface ArchiveParts {
  storage: Storage;
  registry: Registry;
  photoStore: PhotoStore;
  catalog: RouteCatalog;
  people: Pick<People, 'open'>;
  /** TRIBUTARY_MAX_IMPORT_BYTES. */
  maxImportBytes: number;
}

/**
 * `GET /api/routes/<route>/archive`: the whole route in one file (its facilitators and the admin);
 * `POST /api/routes/import[?routeId=<new id>]`: such a file made a route of this server (the admin).
 */
export function archiveRoutes(parts: ArchiveParts): Hono<GrantEnv> {
  const sources = { storage: parts.storage, registry: parts.registry, photos: parts.photoStore };
  return new Hono<GrantEnv>()
    .get('/api/routes/:routeId/archive', async (c) => {
      const routeId = await facilitatorsRouteOf(c, parts.catalog);
      const stream = await exportRoute(routeId, sources);
      const day = new Date().toISOString().slice(0, 10);
      return new Response(stream, {
        headers: { 'content-type': 'application/x-tar', 'content-disposition': `attachment; filename="${routeId}-${day}.tributary.tar"`, 'cache-control': 'no-store' },
      });
    })
    .post('/api/routes/import', async (c) => {
      if (c.get('grant').kind !== 'admin') throw apiError(403, 'forbidden', 'Only the admin token can import a route.');
      const asked = c.req.query('routeId');
      const asRouteId = asked === undefined || asked === '' ? null : routeIdParam(asked);
      const announced = Number(c.req.header('content-length') ?? NaN);
      if (announced > parts.maxImportBytes) throw refusal(new ArchiveRefused(413, 'archive_too_large', tooLargeMessage(parts.maxImportBytes)));
      if (!c.req.raw.body) throw apiError(400, 'empty_body', 'Send the archive file as the request body.');
      try {
        const result = await importRoute(c.req.raw.body, asRouteId, { ...sources, maxBytes: parts.maxImportBytes });
        // Its people list and new join codes, as for a route created here.
        await parts.people.open(result.routeId);
        const links = parts.catalog.links(result.routeId);
        const origin = new URL(c.req.url).origin;
        return c.json(
          {
            route: { id: result.routeId, title: result.title },
            imported: { documents: result.documents, snapshots: result.snapshots, photos: result.photos, people: result.people },
            links: { facilitator: { ...links.facilitator, url: `${origin}${links.facilitator.path}` }, participant: { ...links.participant, url: `${origin}${links.participant.path}` } },
          },
          201,
        );
      } catch (error) {
        if (error instanceof ArchiveRefused) throw refusal(error);
        throw error;
      }
    });
}

const tooLargeMessage = (bytes: number) => `The archive is larger than this server accepts (${Math.round(bytes / 1024 / 1024)} MB). Nothing was imported; the admin can raise TRIBUTARY_MAX_IMPORT_BYTES.`;

/** The API's JSON error with the refusal's details (the route id to use instead); the connection closes, as the body may be unread. */
function refusal(error: ArchiveRefused): HTTPException {
  return new HTTPException(error.status, {
    res: Response.json({ error: error.error, message: error.message, ...error.details }, { status: error.status, headers: { connection: 'close' } }),
  });
}
