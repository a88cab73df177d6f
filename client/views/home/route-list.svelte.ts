import { createRoute, fetchRoutes, type NewRoute, type RouteRole, type RouteSummary } from '../../lib/api/routes.ts';
import { keepToken, keptTokens, tokenFor } from '../../lib/connection/token.ts';

const cacheKey = 'tributary.routes';
const rank: Record<RouteRole, number> = { participant: 1, facilitator: 2, admin: 3 };

export type RouteListStatus =
  | { kind: 'loading' }
  | { kind: 'ready' }
  /** Offline or server down: the list as last loaded, if any. */
  | { kind: 'unreachable' }
  /** Every kept token was turned down; `error` is the server's code (token_invalid, token_expired…). */
  | { kind: 'refused'; error: string }
  | { kind: 'no-token' };

/**
 * The routes this device may open: each kept token (a facilitator may hold several links) asks the server
 * which routes it sees, and a route seen by several keeps the strongest role.
 */
export class RouteList {
  status = $state<RouteListStatus>({ kind: 'loading' });
  routes = $state<RouteSummary[]>(readCache());
  /** A kept token the server said may create routes. */
  adminToken = $state<string | null>(null);
  readonly canCreate = $derived(this.adminToken !== null);

  async load(): Promise<void> {
    const tokens = keptTokens();
    if (tokens.length === 0) {
      this.status = { kind: 'no-token' };
      return;
    }
    this.status = { kind: 'loading' };
    const answers = await Promise.all(tokens.map(async (token) => ({ token, answer: await fetchRoutes(token) })));
    const best: Record<string, RouteSummary> = {};
    for (const { token, answer } of answers) {
      if (!answer.ok) continue;
      if (answer.data.canCreate) this.adminToken = token;
      for (const route of answer.data.routes) {
        const known = best[route.id];
        if (!known || rank[route.role] > rank[known.role]) best[route.id] = route;
        // A token that sees a route with none of its own opens it from now on.
        if (tokenFor(route.id) === null) keepToken(token, route.id);
      }
    }
    const failures = answers.flatMap(({ answer }) => (answer.ok ? [] : [answer]));
    if (failures.length === answers.length) {
      const refusal = failures.find((failure) => failure.status === 401 || failure.status === 403);
      this.status = refusal ? { kind: 'refused', error: refusal.error } : { kind: 'unreachable' };
      return;
    }
    this.routes = Object.values(best).sort((a, b) => b.startDate.localeCompare(a.startDate) || a.title.localeCompare(b.title));
    localStorage.setItem(cacheKey, JSON.stringify(this.routes));
    this.status = { kind: 'ready' };
  }

  /** Creates a route with an admin token; resolves to its id, or to the server's message on failure. */
  async create(route: NewRoute): Promise<{ ok: true; id: string } | { ok: false; error: string; message: string }> {
    const answer = await createRoute(this.adminToken ?? '', route);
    if (!answer.ok) return answer;
    return { ok: true, id: answer.data.route.id };
  }
}

function readCache(): RouteSummary[] {
  try {
    const cached: unknown = JSON.parse(localStorage.getItem(cacheKey) ?? '[]');
    return Array.isArray(cached) ? (cached as RouteSummary[]) : [];
  } catch {
    return [];
  }
}
