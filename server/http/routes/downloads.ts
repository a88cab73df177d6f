import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { riverDocName } from '../../../shared/schema/doc-kinds.ts';
import { decideAccess } from '../../auth/access.ts';
import { photosPathOf } from '../../auth/download-tokens.ts';
import type { TokenService } from '../../auth/tokens.ts';
import { roleOn } from '../../learning-routes/catalog.ts';
import { apiError } from '../errors.ts';
import { routeIdParam, type GrantEnv } from '../route-grant.ts';
import { jsonBody } from './control.ts';

/** The files of a route a link downloads or opens: a plan's export, the route report, the route archive. */
const downloadPaths = [/^plans\/[^/]+\/export$/, /^report$/, /^archive$/];

/**
 * `POST /api/routes/<r>/downloads` with `{ "url": "/api/routes/<r>/plans/<team>/export?format=docx" }`:
 * the same address with a download token in `?token=` (download-tokens.ts), for a link to follow. The
 * person's token comes in the Authorization header and stays out of the address. Whether the asker may
 * read the file is decided when it is fetched, by the file's own endpoint, as for any request of theirs.
 * `{ "url": "/api/routes/<r>/photos/" }` gives the route's photo pass, for the boards' <img> addresses.
 */
export function downloadRoutes(tokens: TokenService): Hono<GrantEnv> {
  return new Hono<GrantEnv>().post('/api/routes/:routeId/downloads', bodyLimit({ maxSize: 4096 }), async (c) => {
    const routeId = routeIdParam(c.req.param('routeId'));
    const grant = c.get('grant');
    const body = await jsonBody(c);
    const raw = body.url;
    // Photos take the access of the route's river (photos.ts), which a token scoped to it has too.
    const mayAsk = raw === photosPathOf(routeId) ? decideAccess(grant, riverDocName(routeId), Date.now()).level !== 'none' : roleOn(grant, routeId) !== null;
    if (!mayAsk) throw apiError(403, 'forbidden', 'This token does not give access to this route.');
    if (raw === photosPathOf(routeId)) return c.json({ url: raw, ...tokens.downloads.mintPhotoPass(grant, routeId, Date.now()) }, 201);
    const base = `/api/routes/${encodeURIComponent(routeId)}/`;
    const url = typeof raw === 'string' && raw.startsWith(base) ? new URL(raw, 'http://loopback') : null;
    if (url === null || !downloadPaths.some((path) => path.test(url.pathname.slice(base.length)))) {
      throw apiError(400, 'invalid_download', `"url" must be one of this route's downloads: ${base}plans/<team>/export, ${base}report, ${base}archive or ${base}photos/.`);
    }
    const { token, expiresAt } = tokens.downloads.mint(grant, decodeURIComponent(url.pathname), Date.now());
    url.searchParams.set('token', token);
    return c.json({ url: `${url.pathname}${url.search}`, expiresAt }, 201);
  });
}
