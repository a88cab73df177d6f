import type { HiddenIdea } from '../../../shared/schema/hidden-ideas.ts';
import { tokenFor } from '../connection/token.ts';
import { requestApi } from './request.ts';

/** Hidden brainstorming: ideas go to the server, not into the shared river or grid, until the facilitator reveals them. */
const base = (routeId: string) => `/api/routes/${encodeURIComponent(routeId)}`;

export const fetchHiddenIdeas = (routeId: string) => requestApi<{ ideas: HiddenIdea[] }>(`${base(routeId)}/hidden-ideas`, tokenFor(routeId));

/** An idea for a hidden river stream, or a card for a hidden case grid. */
export type NewHiddenIdea = { streamId: string; dayId: string; text: string } | { hostId: string; groupId: string; rowId: string; columnId: string; text: string };

export const addHiddenIdea = (routeId: string, idea: NewHiddenIdea) =>
  requestApi<{ idea: HiddenIdea }>(`${base(routeId)}/hidden-ideas`, tokenFor(routeId), { method: 'POST', body: idea });

export const removeHiddenIdea = (routeId: string, ideaId: string) =>
  requestApi<{ removed: string }>(`${base(routeId)}/hidden-ideas/${encodeURIComponent(ideaId)}`, tokenFor(routeId), { method: 'DELETE' });

export const setStreamHidden = (routeId: string, streamId: string, hidden: boolean) =>
  requestApi<{ hidden: string[]; revealed: number }>(`${base(routeId)}/control/hidden`, tokenFor(routeId), { method: 'POST', body: { streamId, hidden } });

export const setGridHidden = (routeId: string, hostId: string, hidden: boolean) =>
  requestApi<{ hidden: string[]; revealed: number }>(`${base(routeId)}/control/hidden`, tokenFor(routeId), { method: 'POST', body: { hostId, hidden } });
