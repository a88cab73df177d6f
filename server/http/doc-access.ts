import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { checkDocName } from '../../shared/doc-names.ts';
import { refusals, requireWrite, type AccessDecision } from '../auth/access.ts';
import type { DownloadRequest } from '../auth/download-tokens.ts';
import type { WriteRights } from '../docs/connection.ts';
import { apiError } from './errors.ts';

export type DocGrant = Extract<AccessDecision, { level: 'read' | 'write' }>;

export interface AccessPolicy {
  /** The upper bound, from the token and the name alone (A1); a download token counts only for its `request`. */
  decide(token: string | undefined, docName: string, request?: DownloadRequest): AccessDecision;
  /** What a connection or request within that bound may write, asked again for each update (A3). */
  writeRights(access: DocGrant): WriteRights;
}

/** An update that changes nothing: asks the write rules about the document itself, not about content. */
const emptyUpdate = new Uint8Array([0, 0]);

/** Whether `access` lets its holder change `docName` at this moment (locks, plan status, team). */
export function mayWriteNow(policy: AccessPolicy, access: DocGrant, docName: string): boolean {
  return access.level === 'write' && policy.writeRights(access).mayWrite(docName, emptyUpdate);
}

export type DocEnv = {
  Variables: { docName: string; access: DocGrant };
};

type DocAccessResult =
  | { ok: true; docName: string; access: DocGrant }
  | { ok: false; status: 400 | 401 | 403 | 503; error: string; message: string };

/**
 * The one access decision for a document, shared by the HTTP API and the WebSocket upgrade. The token
 * comes from `Authorization: Bearer` or, for WebSocket upgrades and <img> (browsers cannot set headers
 * there), `?token=`. `request`: the HTTP request, where a download token may stand for the person's.
 */
export function decideDocAccess(
  policy: AccessPolicy,
  need: 'read' | 'write',
  rawName: string,
  authorization: string | undefined,
  queryToken: string | undefined,
  request?: DownloadRequest,
): DocAccessResult {
  const checked = checkDocName(rawName);
  if (!checked.ok) return { ok: false, status: 400, error: 'invalid_document_name', message: checked.message };
  const token = bearerToken(authorization) ?? queryToken;
  const decision = token ? policy.decide(token, checked.name, request) : refusals.missing;
  const granted = need === 'write' ? requireWrite(decision) : decision;
  if (granted.level === 'none') return { ok: false, status: granted.status, error: granted.error, message: granted.message };
  if (need === 'write' && !mayWriteNow(policy, granted, checked.name)) {
    return { ok: false, status: 403, error: 'locked', message: 'This board cannot be changed now: it is locked or not yours to change.' };
  }
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
