import { sortGridCards, type GridCard, type GridTemplate } from './case.ts';
import type { Team } from './route.ts';

/**
 * The Experience Fair of day 1 (`route/<routeId>/experience`): each team presents the innovation areas it
 * brings, as cards. The document holds its cards in the case grid's shape (`CaseDoc`, a `cards` map), a
 * row per team and one column: so the grid's board, editing, undo, presence and offline cache run on it
 * unchanged, and the write rules treat it as one board (`experience`, lockable). A card's `rowId` is its
 * team's id, its `columnId` is `experienceColumnId`, its `groupId` is `experienceGroupId` (the whole
 * room writes one board, not a grid per working group).
 */
export const experienceGroupId = 'fair';
export const experienceColumnId = 'areas';

/** The board's rows: the route's teams in their order (their names as the facilitator wrote them). */
export function experienceTemplate(teams: Array<Pick<Team, 'id' | 'name'>>): GridTemplate {
  return {
    templateId: 'ppp',
    rows: teams.map((team, index) => ({ id: team.id, key: team.id, label: team.name, order: index + 1 })),
    columns: [{ id: experienceColumnId, key: 'experienceAreas', label: '', order: 1 }],
  };
}

/** One team's cards on the fair's board, in their order. */
export function teamAreas(cards: GridCard[], teamId: string): GridCard[] {
  return sortGridCards(cards.filter((card) => card.rowId === teamId));
}
