import { createHmac, timingSafeEqual } from 'node:crypto';
import { refusals, routeRoles, type Grant } from './access.ts';

/**
 * Download tokens: what a link that starts a download (a plan's DOCX, the route report) carries in its
 * address instead of the person's own token, which would otherwise be written into browser history,
 * proxy and server logs and the "copy link" menu. One is minted on request (`POST /api/routes/<r>/downloads`,
 * with the person's token in the Authorization header), lasts five minutes, and is good for GET on one path
 * only: the file it was asked for, never the WebSocket, another plan or another endpoint.
 *
 * `d1.<payload>.<signature>`: the payload is base64url JSON `{ u: path, e: expiry ms, g: the asker's grant }`,
 * signed with a key derived from the server's secret for this use alone, so that no download token is a
 * valid access token or the other way round. The grant inside is checked again when the file is fetched
 * (expiry, a removed person), as the asker's own token would be.
 */
export interface DownloadTokens {
  mint(grant: Grant, path: string, now: number): { token: string; expiresAt: number };
  /** A photo pass: good for GET on every photo of one route (`/api/routes/<r>/photos/…`), see below. */
  mintPhotoPass(grant: Grant, routeId: string, now: number): { token: string; expiresAt: number };
  /** The grant a download token carries, if it is good for `method` on `path` at `now`. */
  open(token: string, request: DownloadRequest, now: number): { ok: true; grant: Grant } | { ok: false; refusal: DownloadRefusal };
}

export interface DownloadRequest {
  method: string;
  path: string;
}

export type DownloadRefusal = typeof refusals.invalid | typeof downloadRefusals.expired | typeof downloadRefusals.otherPurpose;

/**
 * Long enough for what a link opens to be used as a page: the report's print layout is read, reloaded and
 * switched to another language (its language links keep the token) for a few minutes; short enough that an
 * address found later in a log or history no longer opens anything.
 */
export const downloadLifetimeMs = 5 * 60_000;
const prefix = 'd1';

/**
 * A photo's <img> cannot send a header either, and a board shows hundreds of them, which the browser caches
 * by their address: a pass minted on each page load would fetch every photo again each time. So a photo pass
 * is the same token for everyone of one grant during a 12-hour window (its expiry is the window's end plus
 * one more window: 12 to 24 hours left), and the client keeps it across reloads and offline. Someone who
 * copies a photo's address hands on a day's read of that route's photos, not their own token. The grant is
 * checked again on every fetch (a removed person, a hidden card's photo), as for any download.
 */
export const photoPassWindowMs = 12 * 60 * 60_000;
export const photosPathOf = (routeId: string): string => `/api/routes/${routeId}/photos/`;

export const downloadRefusals = {
  expired: { level: 'none', status: 401, error: 'download_expired', message: 'This download link has expired. Start the download again from the page.' },
  otherPurpose: { level: 'none', status: 403, error: 'download_not_for_this', message: 'This download link is for another file.' },
} as const;

export function isDownloadToken(token: string): boolean {
  return token.startsWith(`${prefix}.`);
}

export function createDownloadTokens(secret: Buffer): DownloadTokens {
  const key = createHmac('sha256', secret).update('tributary download tokens').digest();
  const sign = (payload: string): string => createHmac('sha256', key).update(payload).digest('base64url');
  const tokenOf = (fields: { u: string; e: number; g: Grant; p?: 1 }): string => {
    const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
    return `${prefix}.${payload}.${sign(payload)}`;
  };
  return {
    mint(grant, path, now) {
      const expiresAt = now + downloadLifetimeMs;
      return { token: tokenOf({ u: path, e: expiresAt, g: grant }), expiresAt };
    },
    mintPhotoPass(grant, routeId, now) {
      const expiresAt = (Math.floor(now / photoPassWindowMs) + 2) * photoPassWindowMs;
      return { token: tokenOf({ u: photosPathOf(routeId), e: expiresAt, g: grant, p: 1 }), expiresAt };
    },
    open(token, request, now) {
      const parts = token.split('.');
      const [version, payload, signature] = parts;
      if (parts.length !== 3 || version !== prefix || !payload || !signature) return { ok: false, refusal: refusals.invalid };
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, refusal: refusals.invalid };
      const fields = parsePayload(payload);
      if (fields === null) return { ok: false, refusal: refusals.invalid };
      if (fields.expiresAt <= now) return { ok: false, refusal: downloadRefusals.expired };
      const forPath = fields.isPrefix ? request.path.startsWith(fields.path) && !request.path.slice(fields.path.length).includes('/') : request.path === fields.path;
      if ((request.method !== 'GET' && request.method !== 'HEAD') || !forPath) return { ok: false, refusal: downloadRefusals.otherPurpose };
      return { ok: true, grant: fields.grant };
    },
  };
}

/** Signed by this server, so well formed; checked all the same, as a grant's shape decides access. */
function parsePayload(payload: string): { path: string; isPrefix: boolean; expiresAt: number; grant: Grant } | null {
  try {
    const { u, e, g, p } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u: unknown; e: unknown; g: Grant; p: unknown };
    if (typeof u !== 'string' || typeof e !== 'number' || typeof g !== 'object' || g === null) return null;
    if (g.kind === 'admin' || g.kind === 'scoped' || (g.kind === 'route' && routeRoles.includes(g.role))) return { path: u, isPrefix: p === 1, expiresAt: e, grant: g };
    return null;
  } catch {
    return null;
  }
}
