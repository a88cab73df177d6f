import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { checkDocName } from '../../shared/doc-names.ts';
import { refusals, requireWrite, type AccessDecision } from '../auth/access.ts';
import { apiError } from './errors.ts';

export interface AccessPolicy {
  decide(token: string | undefined, docName: string): AccessDecision;
}

export type DocEnv = {
  Variables: { docName: string; access: Extract<AccessDecision, { level: 'read' | 'write' }> };
};

/**
 * Validates the document name and the caller's token before a handler runs. The token comes from
 * `Authorization: Bearer` or, for WebSocket upgrades (browsers cannot set headers there), `?token=`.
 * A refusal answers before anything of the document is read.
 */
export function docAccess(
  policy: AccessPolicy,
  need: 'read' | 'write',
  nameOf: (c: Context) => string,
) {
  return createMiddleware<DocEnv>(async (c, next) => {
    const checked = checkDocName(nameOf(c));
    if (!checked.ok) throw apiError(400, 'invalid_document_name', checked.message);
    const token = bearerToken(c.req.header('authorization')) ?? c.req.query('token');
    const decision = token ? policy.decide(token, checked.name) : refusals.missing;
    const granted = need === 'write' ? requireWrite(decision) : decision;
    if (granted.level === 'none') throw apiError(granted.status, granted.error, granted.message);
    c.set('docName', checked.name);
    c.set('access', granted);
    await next();
  });
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
