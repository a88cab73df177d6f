import { requestApi, type ApiResult } from './request.ts';

export type RouteRole = 'admin' | 'facilitator' | 'participant';

export interface RouteSummary {
  id: string;
  title: string;
  place: string;
  startDate: string;
  endDate: string;
  role: RouteRole;
}

export interface NewRoute {
  title: string;
  place: string;
  startDate: string;
  endDate: string;
  days: number;
}

export interface RouteLinks {
  facilitator: { url: string };
  participant: { url: string };
}

/** `canCreate`: the token may create routes (the admin token), whether or not any route exists yet. */
export function fetchRoutes(token: string): Promise<ApiResult<{ routes: RouteSummary[]; canCreate: boolean }>> {
  return requestApi('/api/routes', token);
}

export function createRoute(token: string, route: NewRoute): Promise<ApiResult<{ route: RouteSummary }>> {
  return requestApi('/api/routes', token, { method: 'POST', body: route });
}

export function fetchRouteLinks(token: string, routeId: string): Promise<ApiResult<RouteLinks>> {
  return requestApi(`/api/routes/${encodeURIComponent(routeId)}/links`, token);
}
