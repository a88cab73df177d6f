import type { JoinRole, Person } from '../../../shared/schema/people.ts';
import { tokenFor } from '../connection/token.ts';
import { requestApi, type ApiResult } from './request.ts';

/** A person on the route as the facilitator's people list has them: the server's `Person` and its sockets now. */
export type JoinedPerson = Person & {
  /** How many pages of theirs are connected now. */
  connections: number;
};

export type JoinCodes = Record<JoinRole, string>;

const routePath = (routeId: string, rest: string): string => `/api/routes/${encodeURIComponent(routeId)}/${rest}`;

/** The facilitator's people calls: the server checks the token (facilitators and the admin only). */
export const listPeople = (routeId: string): Promise<ApiResult<{ people: JoinedPerson[] }>> => requestApi(routePath(routeId, 'people'), tokenFor(routeId));

export const updatePerson = (
  routeId: string,
  personId: string,
  fields: { name?: string; teamId?: string | null; groupId?: string | null },
): Promise<ApiResult<{ person: JoinedPerson }>> =>
  requestApi(routePath(routeId, `people/${encodeURIComponent(personId)}`), tokenFor(routeId), { method: 'PATCH', body: fields });

export const removePerson = (routeId: string, personId: string): Promise<ApiResult<{ removed: string }>> =>
  requestApi(routePath(routeId, `people/${encodeURIComponent(personId)}`), tokenFor(routeId), { method: 'DELETE' });

export const fetchJoinCodes = (routeId: string): Promise<ApiResult<JoinCodes>> => requestApi(routePath(routeId, 'join-codes'), tokenFor(routeId));

export const rotateJoinCode = (routeId: string, role: JoinRole): Promise<ApiResult<{ role: JoinRole; code: string; expiresAt: number | null }>> =>
  requestApi(routePath(routeId, `join-codes/${role}/rotate`), tokenFor(routeId), { method: 'POST', body: {} });
