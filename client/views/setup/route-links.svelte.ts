import { fetchRouteLinks, type RouteLinks } from '../../lib/api/routes.ts';
import { tokenFor } from '../../lib/connection/token.ts';

/** The route's facilitator and participant links; the server gives them to its facilitators only. */
export class RouteLinksState {
  status = $state<{ kind: 'loading' } | { kind: 'ready'; links: RouteLinks } | { kind: 'failed' }>({ kind: 'loading' });

  constructor(routeId: string) {
    void fetchRouteLinks(tokenFor(routeId) ?? '', routeId).then((answer) => {
      this.status = answer.ok ? { kind: 'ready', links: answer.data } : { kind: 'failed' };
    });
  }
}
