import { parseRouteDocName } from '../../shared/schema/doc-kinds.ts';

/**
 * Who may do what with a document, decided from a verified grant and the document's name alone (rule A1):
 * the upper bound of a connection's rights. What a connection may write at a given moment also depends on
 * the route's state (locks, plan status, the writer's team): `write-rules.ts` decides that per update (A3).
 * Pure: the time is an argument.
 */
export type AccessLevel = 'none' | 'read' | 'write';

export const routeRoles = ['facilitator', 'participant', 'screen', 'committee'] as const;
export type RouteRole = (typeof routeRoles)[number];

/** The person a personal token was issued to (by joining with a code). */
export interface PersonClaim {
  id: string;
  name: string;
  /** As at joining; the server's people list holds the current team, which is what rights follow. */
  teamId: string | null;
  groupId: string | null;
}

export type RouteGrant = { kind: 'route'; routeId: string; role: RouteRole; expiresAt: number | null; person?: PersonClaim };

export type Grant =
  | { kind: 'admin' }
  /** A token scoped to a document or to every document under a path prefix, e.g. `route/abc`. */
  | { kind: 'scoped'; scope: string; access: 'read' | 'write'; expiresAt: number | null }
  /** A role on one route: the shared facilitator and participant links, and personal tokens from joining. */
  | RouteGrant;

export type AccessDecision =
  | { level: 'read' | 'write'; expiresAt: number | null; grant: Grant }
  | { level: 'none'; status: 401 | 403 | 503; error: string; message: string };

export const refusals = {
  missing: { level: 'none', status: 401, error: 'token_missing', message: 'This link has no access token. Ask the facilitator for the board link.' },
  invalid: { level: 'none', status: 401, error: 'token_invalid', message: 'This access token is not valid. Ask the facilitator for a new link.' },
  expired: { level: 'none', status: 401, error: 'token_expired', message: 'This access token has expired. Ask the facilitator for a new link.' },
  removed: { level: 'none', status: 401, error: 'person_removed', message: 'The facilitator removed you from this route. Ask them if this is a mistake.' },
  /** A route's people list is still loading here (another instance created the route): ask again in a moment. */
  peopleLoading: { level: 'none', status: 503, error: 'people_loading', message: 'The server is still loading this route. Try again in a moment.' },
  forbidden: { level: 'none', status: 403, error: 'forbidden', message: 'This token does not give access to this board.' },
  readOnly: { level: 'none', status: 403, error: 'read_only', message: 'This token can view this board but not change it.' },
} as const satisfies Record<string, AccessDecision>;

export function decideAccess(grant: Grant | null, docName: string, now: number): AccessDecision {
  if (grant === null) return refusals.invalid;
  // The server's own documents (people, join codes, hidden cards) are never served, whoever asks.
  if (parseRouteDocName(docName)?.doc.kind === 'server') return refusals.forbidden;
  if (grant.kind === 'admin') return { level: 'write', expiresAt: null, grant };
  if (grant.expiresAt !== null && grant.expiresAt <= now) return refusals.expired;
  if (grant.kind === 'route') {
    const level = routeRoleAccess(grant.routeId, grant.role, docName);
    return level === 'none' ? refusals.forbidden : { level, expiresAt: grant.expiresAt, grant };
  }
  if (!isWithinScope(docName, grant.scope)) return refusals.forbidden;
  return { level: grant.access, expiresAt: grant.expiresAt, grant };
}

/**
 * Each role's upper bound per document kind. The control document is written by the server's actions
 * only, so even facilitators read it. Facilitators write everything else of their route. Participants
 * write the river, the Experience Fair, the grids and plans (their own team's only, decided per update by
 * the write rules) and read the setup. The room screen reads what the room is shown and writes nothing. The committee
 * reads the setup and the plans.
 */
const roleLevels: Record<RouteRole, Record<'setup' | 'river' | 'experience' | 'case' | 'plan' | 'control', AccessLevel>> = {
  facilitator: { setup: 'write', river: 'write', experience: 'write', case: 'write', plan: 'write', control: 'read' },
  participant: { setup: 'read', river: 'write', experience: 'write', case: 'write', plan: 'write', control: 'read' },
  screen: { setup: 'read', river: 'read', experience: 'read', case: 'read', plan: 'read', control: 'read' },
  committee: { setup: 'read', river: 'none', experience: 'none', case: 'none', plan: 'read', control: 'read' },
};

export function routeRoleAccess(routeId: string, role: RouteRole, docName: string): AccessLevel {
  const parsed = parseRouteDocName(docName);
  if (parsed === null || parsed.routeId !== routeId || parsed.doc.kind === 'server') return 'none';
  return roleLevels[role][parsed.doc.kind];
}

/** Whole path segments only: scope `route/ab` covers `route/ab` and `route/ab/river`, never `route/abc`. */
export function isWithinScope(docName: string, scope: string): boolean {
  return docName === scope || docName.startsWith(`${scope}/`);
}

export function requireWrite(decision: AccessDecision): AccessDecision {
  return decision.level === 'read' ? refusals.readOnly : decision;
}
