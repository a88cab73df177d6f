import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { checkDocName } from '../../../shared/doc-names.ts';
import type { TokenService } from '../../auth/tokens.ts';
import { bearerToken } from '../doc-access.ts';
import { apiError } from '../errors.ts';

const maxLifetimeDays = 366;

/** `POST /api/tokens` (admin only): mints a token scoped to a document or a path prefix of documents. */
export function tokenRoutes(tokens: TokenService): Hono {
  return new Hono().post('/api/tokens', bodyLimit({ maxSize: 4096 }), async (c) => {
    const grant = tokens.verify(bearerToken(c.req.header('authorization')));
    if (grant === null) throw apiError(401, 'token_invalid', 'Minting tokens needs the admin token.');
    if (grant.kind !== 'admin') throw apiError(403, 'forbidden', 'Only the admin token can mint tokens.');
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    const scope = typeof body?.scope === 'string' ? checkDocName(body.scope) : null;
    if (scope === null || !scope.ok) {
      throw apiError(400, 'invalid_scope', scope?.ok === false ? scope.message : 'Give a "scope": a document name or path prefix.');
    }
    const access = body?.access;
    if (access !== 'read' && access !== 'write') throw apiError(400, 'invalid_access', '"access" must be "read" or "write".');
    const days = body?.expiresInDays;
    if (days !== undefined && (typeof days !== 'number' || !(days > 0) || days > maxLifetimeDays)) {
      throw apiError(400, 'invalid_expiry', `"expiresInDays" must be a number between 0 and ${maxLifetimeDays}.`);
    }
    const expiresAt = typeof days === 'number' ? Date.now() + days * 86_400_000 : null;
    return c.json({ token: tokens.mint({ scope: scope.name, access, expiresAt }), scope: scope.name, access, expiresAt }, 201);
  });
}
