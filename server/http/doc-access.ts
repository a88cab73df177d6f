import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { checkDocName } from '../../shared/doc-names.ts';
import { refusals, requireWrite, type AccessDecision } from '../auth/access.ts';
import { apiError } from './errors.ts';

export interface AccessPolicy {
  decide(token: string | undefined, docName: string): AccessDecision;
}

export type DocGrant = Extract<AccessDecision, { level: 'read' | 'write' }>;

export type DocEnv = {
  Variables: { docName: string; access: DocGrant };
};

type DocAccessResult =
  | { ok: true; docName: string; access: DocGrant }
  | { ok: false; status: 400 | 401 | 403; error: string; message: string };

/**
 * The one access decision for a document, shared by the HTTP API and the WebSocket upgrade. The token
 * comes from `Authorization: Bearer` or, for WebSocket upgrades (browsers cannot set headers there),
 * `?token=`.
 */
export function decideDocAccess(
  policy: AccessPolicy,
  need: 'read' | 'write',
  rawName: string,
  authorization: string | undefined,
  queryToken: string | undefined,
): DocAccessResult {
  const checked = checkDocName(rawName);
  if (!checked.ok) return { ok: false, status: 400, error: 'invalid_document_name', message: checked.message };
  const token = bearerToken(authorization) ?? queryToken;
  const decision = token ? policy.decide(token, checked.name) : refusals.missing;
  const granted = need === 'write' ? requireWrite(decision) : decision;
  if (granted.level === 'none') return { ok: false, status: granted.status, error: granted.error, message: granted.message };
  return { ok: true, docName: checked.name, access: granted };
}

/** Runs `decideDocAccess` before a handler; a refusal answers before anything of the document is read. */
export function docAccess(
  policy: AccessPolicy,
  need: 'read' | 'write',
  nameOf: (c: Context) => string,
) {
  return createMiddleware<DocEnv>(async (c, next) => {
    const result = decideDocAccess(policy, need, nameOf(c), c.req.header('authorization'), c.req.query('token'));
    if (!result.ok) throw apiError(result.status, result.error, result.message);
    c.set('docName', result.docName);
    c.set('access', result.access);
    await next();
  });
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
