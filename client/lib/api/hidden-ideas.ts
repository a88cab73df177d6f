import type { HiddenIdea } from '../../../shared/schema/hidden-ideas.ts';
import { tokenFor } from '../connection/token.ts';
import { requestApi } from './request.ts';

/** Hidden brainstorming: ideas go to the server, not into the shared river or grid, until the facilitator reveals them. */
const base = (routeId: string) => `/api/routes/${encodeURIComponent(routeId)}`;

export const fetchHiddenIdeas = (routeId: string) => requestApi<{ ideas: HiddenIdea[] }>(`${base(routeId)}/hidden-ideas`, tokenFor(routeId));

/**
 * An idea for a hidden river stream, or a card for a hidden case grid; `id` puts back one taken back (an
 * undo), and a facilitator puts back another person's in their name (`authorId`).
 */
export type NewHiddenIdea = ({ streamId: string; dayId: string } | { hostId: string; groupId: string; rowId: string; columnId: string }) & {
  text: string;
  color?: string;
  photos?: string[];
  id?: string;
  authorId?: string;
};

/** What the author may change of an idea while it waits: a grid card's cell, a river idea's day (in its stream). */
export type HiddenIdeaChange = Partial<Pick<HiddenIdea, 'text' | 'color' | 'rowId' | 'columnId' | 'dayId' | 'photos'>>;

export const addHiddenIdea = (routeId: string, idea: NewHiddenIdea) =>
  requestApi<{ idea: HiddenIdea }>(`${base(routeId)}/hidden-ideas`, tokenFor(routeId), { method: 'POST', body: idea });

export const changeHiddenIdea = (routeId: string, ideaId: string, change: HiddenIdeaChange) =>
  requestApi<{ idea: HiddenIdea }>(`${base(routeId)}/hidden-ideas/${encodeURIComponent(ideaId)}`, tokenFor(routeId), { method: 'PATCH', body: change });

export const removeHiddenIdea = (routeId: string, ideaId: string) =>
  requestApi<{ removed: string }>(`${base(routeId)}/hidden-ideas/${encodeURIComponent(ideaId)}`, tokenFor(routeId), { method: 'DELETE' });

export const setStreamHidden = (routeId: string, streamId: string, hidden: boolean) =>
  requestApi<{ hidden: string[]; revealed: number }>(`${base(routeId)}/control/hidden`, tokenFor(routeId), { method: 'POST', body: { streamId, hidden } });

export const setGridHidden = (routeId: string, hostId: string, hidden: boolean) =>
  requestApi<{ hidden: string[]; revealed: number }>(`${base(routeId)}/control/hidden`, tokenFor(routeId), { method: 'POST', body: { hostId, hidden } });
