/**
 * The documents of a route and their names. Access is decided from these names alone, so every
 * document of a route lives under `route/<routeId>`.
 */
export type RouteDocKind =
  | { kind: 'setup' }
  | { kind: 'river' }
  /** The Experience Fair of day 1: each team's cards with the innovation areas it brings. */
  | { kind: 'experience' }
  | { kind: 'case'; hostId: string }
  | { kind: 'plan'; teamId: string }
  | { kind: 'control' }
  /** Held by the server alone (people, join codes, hidden cards): never sent to any client. */
  | { kind: 'server' };

export const routeDocName = (routeId: string): string => `route/${routeId}`;
export const riverDocName = (routeId: string): string => `route/${routeId}/river`;
export const experienceDocName = (routeId: string): string => `route/${routeId}/experience`;
export const controlDocName = (routeId: string): string => `route/${routeId}/control`;
export const caseDocName = (routeId: string, hostId: string): string => `route/${routeId}/case/${hostId}`;
export const planDocName = (routeId: string, teamId: string): string => `route/${routeId}/plan/${teamId}`;
export const serverDocName = (routeId: string): string => `route/${routeId}/server`;

export function parseRouteDocName(name: string): { routeId: string; doc: RouteDocKind } | null {
  const parts = name.split('/');
  if (parts[0] !== 'route' || !parts[1]) return null;
  const routeId = parts[1];
  if (parts.length === 2) return { routeId, doc: { kind: 'setup' } };
  if (parts.length === 3 && parts[2] === 'river') return { routeId, doc: { kind: 'river' } };
  if (parts.length === 3 && parts[2] === 'experience') return { routeId, doc: { kind: 'experience' } };
  if (parts.length === 3 && parts[2] === 'control') return { routeId, doc: { kind: 'control' } };
  if (parts.length === 3 && parts[2] === 'server') return { routeId, doc: { kind: 'server' } };
  if (parts.length === 4 && parts[2] === 'case' && parts[3]) return { routeId, doc: { kind: 'case', hostId: parts[3] } };
  if (parts.length === 4 && parts[2] === 'plan' && parts[3]) return { routeId, doc: { kind: 'plan', teamId: parts[3] } };
  return null;
}
