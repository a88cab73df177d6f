import type { Follow, Spotlight, Timer, ViewTarget } from '../../../shared/schema/control.ts';
import { tokenFor } from '../connection/token.ts';
import { requestApi, type ApiResult } from './request.ts';

/** The facilitator's actions on the room (the server checks the token and writes the control document). */
const post = <T>(routeId: string, what: string, body: unknown): Promise<ApiResult<T>> =>
  requestApi<T>(`/api/routes/${encodeURIComponent(routeId)}/control/${what}`, tokenFor(routeId), { method: 'POST', body });

export const setSpotlight = (routeId: string, view: ViewTarget) => post<{ spotlight: Spotlight }>(routeId, 'spotlight', view);

export const setFollow = (routeId: string, view: ViewTarget | null) => post<{ follow: Follow }>(routeId, 'follow', view ?? { active: false });

export type TimerRequest =
  | { action: 'start'; durationMs: number; label: string }
  | { action: 'pause' | 'resume' | 'reset' }
  | { action: 'extend'; byMs: number };

export const changeTimer = (routeId: string, request: TimerRequest) => post<{ timer: Timer; serverNow: number }>(routeId, 'timer', request);

export const setLock = (routeId: string, target: string, locked: boolean) => post<{ locks: string[] }>(routeId, 'locks', { target, locked });

export const setFeatured = (routeId: string, cardIds: string[], featured: boolean) => post<{ featured: string[] }>(routeId, 'featured', { cardIds, featured });
