import { parseRouteDocName } from '../../shared/schema/doc-kinds.ts';

/**
 * Who may do what with a document, decided from a verified grant and the document's name alone.
 * Pure: the time is an argument. Join codes (a later issue) add a grant kind here.
 */
export type AccessLevel = 'none' | 'read' | 'write';

export type RouteRole = 'facilitator' | 'participant';

export type Grant =
  | { kind: 'admin' }
  /** A token scoped to a document or to every document under a path prefix, e.g. `route/abc`. */
  | { kind: 'scoped'; scope: string; access: 'read' | 'write'; expiresAt: number | null }
  /** A person's role on one route: the facilitator and participant links carry these. */
  | { kind: 'route'; routeId: string; role: RouteRole; expiresAt: number | null };

export type AccessDecision =
  | { level: 'read' | 'write'; expiresAt: number | null }
  | { level: 'none'; status: 401 | 403; error: string; message: string };

export const refusals = {
  missing: { level: 'none', status: 401, error: 'token_missing', message: 'This link has no access token. Ask the facilitator for the board link.' },
  invalid: { level: 'none', status: 401, error: 'token_invalid', message: 'This access token is not valid. Ask the facilitator for a new link.' },
  expired: { level: 'none', status: 401, error: 'token_expired', message: 'This access token has expired. Ask the facilitator for a new link.' },
  forbidden: { level: 'none', status: 403, error: 'forbidden', message: 'This token does not give access to this board.' },
  readOnly: { level: 'none', status: 403, error: 'read_only', message: 'This token can view this board but not change it.' },
} as const satisfies Record<string, AccessDecision>;

export function decideAccess(grant: Grant | null, docName: string, now: number): AccessDecision {
  if (grant === null) return refusals.invalid;
  if (grant.kind === 'admin') return { level: 'write', expiresAt: null };
  if (grant.expiresAt !== null && grant.expiresAt <= now) return refusals.expired;
  if (grant.kind === 'route') {
    const level = routeRoleAccess(grant.routeId, grant.role, docName);
    return level === 'none' ? refusals.forbidden : { level, expiresAt: grant.expiresAt };
  }
  if (!isWithinScope(docName, grant.scope)) return refusals.forbidden;
  return { level: grant.access, expiresAt: grant.expiresAt };
}

/**
 * Facilitators write everything of their route. Participants write the route's boards (river, grids,
 * plans) but only read its setup and its control document (spotlight, timers, locks, voting state),
 * which the facilitator and the server decide.
 */
export function routeRoleAccess(routeId: string, role: RouteRole, docName: string): AccessLevel {
  const parsed = parseRouteDocName(docName);
  if (parsed === null || parsed.routeId !== routeId) return 'none';
  if (role === 'facilitator') return 'write';
  return parsed.doc.kind === 'setup' || parsed.doc.kind === 'control' ? 'read' : 'write';
}

/** Whole path segments only: scope `route/ab` covers `route/ab` and `route/ab/river`, never `route/abc`. */
export function isWithinScope(docName: string, scope: string): boolean {
  return docName === scope || docName.startsWith(`${scope}/`);
}

export function requireWrite(decision: AccessDecision): AccessDecision {
  return decision.level === 'read' ? refusals.readOnly : decision;
}
