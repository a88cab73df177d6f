import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { checkDocName } from '../../../shared/doc-names.ts';
import { riverDocName } from '../../../shared/schema/doc-kinds.ts';
import { processPhoto, type PhotoGate, type Processed } from '../../photos/process-photo.ts';
import { spoolUpload } from '../../photos/spool-upload.ts';
import type { PhotoStore } from '../../photos/photo-store.ts';
import type { Grant } from '../../auth/access.ts';
import { decideDocAccess, type AccessPolicy } from '../doc-access.ts';
import { apiError } from '../errors.ts';

export interface PhotoService {
  store: PhotoStore;
  gate: PhotoGate;
  /** Largest upload accepted, in bytes (TRIBUTARY_MAX_PHOTO_BYTES). */
  maxBytes: number;
}

/** A photo's address never serves other bytes, so browsers and proxies may keep it for a year. */
const cacheForever = 'private, max-age=31536000, immutable';

/** Whether a photo is kept from whoever holds `grant` (a hidden brainstorm's card's photo, before the reveal). */
export type PhotoHiding = (routeId: string, photoId: string, grant: Grant) => Promise<boolean>;

/**
 * `/api/routes/<routeId>/photos`: field photos of a route's cards. Photos belong to the route's boards,
 * so they take the access of its river: a write token for the route uploads, a read token views, except
 * what `hides` keeps from them.
 */
export function photoRoutes(policy: AccessPolicy, photos: PhotoService, hides: PhotoHiding): Hono {
  type Request = { param(name: 'routeId'): string; header(name: string): string | undefined; query(name: string): string | undefined; method: string; path: string };
  const access = (c: { req: Request }, need: 'read' | 'write'): { routeId: string; grant: Grant } => {
    const routeId = c.req.param('routeId');
    const checked = checkDocName(`route/${routeId}`);
    if (!checked.ok || routeId.includes('/')) throw apiError(400, 'invalid_route_id', checked.ok ? 'Route ids have no "/".' : checked.message);
    // Read with the route's photo pass as well (download-tokens.ts): what <img> addresses carry.
    const request = need === 'read' ? { method: c.req.method, path: c.req.path } : undefined;
    const result = decideDocAccess(policy, need, riverDocName(routeId), c.req.header('authorization'), c.req.query('token'), request);
    if (!result.ok) throw apiError(result.status, result.error, result.message);
    return { routeId, grant: result.access.grant };
  };

  return new Hono()
    .post('/api/routes/:routeId/photos', async (c) => {
      const { routeId } = access(c, 'write');
      const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!contentType.startsWith('image/')) throw apiError(415, 'not_an_image', 'Only pictures can be added to a card (JPEG, PNG or WebP).');
      const announced = Number(c.req.header('content-length') ?? NaN);
      if (announced > photos.maxBytes) throw tooLarge(photos.maxBytes);
      if (!c.req.raw.body) throw emptyBody();
      const path = await photos.store.uploadPath(routeId);
      let processed: Processed;
      try {
        const spooled = await spoolUpload(c.req.raw.body, path, photos.maxBytes);
        if (!spooled.ok) throw spooled.reason === 'too_large' ? tooLarge(photos.maxBytes) : emptyBody();
        processed = await photos.gate.run(() => processPhoto(path, contentType));
      } finally {
        await rm(path, { force: true });
      }
      if (!processed.ok) throw apiError(processed.status, processed.error, processed.message);
      const id = await photos.store.save(routeId, { full: processed.full, thumb: processed.thumb });
      return c.json({ photo: { id, width: processed.width, height: processed.height } }, 201);
    })
    .get('/api/routes/:routeId/photos/:photoId', async (c) => {
      const { routeId, grant } = access(c, 'read');
      const size = c.req.query('size') === 'thumb' ? 'thumb' : 'full';
      const photoId = c.req.param('photoId');
      // A hidden card's photo answers as missing, as its card does: its existence is not theirs to learn.
      const file = (await hides(routeId, photoId, grant)) ? null : await photos.store.file(routeId, photoId, size);
      if (!file) throw apiError(404, 'photo_not_found', 'There is no such photo on this route.');
      const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
      return new Response(body, {
        headers: { 'content-type': 'image/jpeg', 'content-length': String(file.bytes), 'cache-control': cacheForever, 'x-content-type-options': 'nosniff' },
      });
    });
}

/** Refused before its end, the body is still on its way: the connection closes so that nobody reuses it half-read. */
const tooLarge = (maxBytes: number) => apiError(413, 'photo_too_large', `Photos may be at most ${Math.round(maxBytes / 1024 / 1024)} MB.`, { connection: 'close' });
const emptyBody = () => apiError(400, 'empty_body', 'The upload is empty.');
