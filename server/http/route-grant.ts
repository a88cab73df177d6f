import { createMiddleware } from 'hono/factory';
import { checkDocName } from '../../shared/doc-names.ts';
import type { Grant } from '../auth/access.ts';
import { bearerToken } from './doc-access.ts';
import { apiError } from './errors.ts';
import type { Authentication } from '../auth/authenticate.ts';
import type { DownloadRequest } from '../auth/download-tokens.ts';

export type GrantEnv = { Variables: { grant: Grant } };

export type Authenticate = (token: string | undefined, request?: DownloadRequest) => Authentication;

/**
 * Authenticates the request's token (bearer, or `?token=`) and sets `grant`, or answers 401 with the reason.
 * `?token=` because a download started by a link cannot send a header; the client puts a download token
 * there (download-tokens.ts), good for this one path, rather than the person's own.
 */
export function withGrant(authenticate: Authenticate) {
  return createMiddleware<GrantEnv>(async (c, next) => {
    const result = authenticate(bearerToken(c.req.header('authorization')) ?? c.req.query('token'), { method: c.req.method, path: c.req.path });
    if (!result.ok) throw apiError(result.refusal.status, result.refusal.error, result.refusal.message);
    c.set('grant', result.grant);
    await next();
  });
}

/** The `:routeId` parameter, checked to be a valid route id. */
export function routeIdParam(raw: string): string {
  const checked = checkDocName(`route/${raw}`);
  if (!checked.ok || raw.includes('/')) throw apiError(400, 'invalid_route_id', checked.ok ? 'Route ids have no "/".' : checked.message);
  return raw;
}
