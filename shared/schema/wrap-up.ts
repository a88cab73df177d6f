import type { PlanStatus } from './control.ts';
import type { PlanAssessment } from './fair-committee.ts';
import type { GridAxis, GridCard } from './case.ts';
import type { PublicVote } from './fair.ts';
import type { Card, Stream } from './river.ts';
import type { Day, Group, Host, RouteSetup } from './route.ts';

/**
 * What the wrap-up views show (`GET /api/routes/<route>/wrap-up[?day=<dayId>]`): the end of one day, or with
 * no day the end of the route. The server reads it from the route's documents; the page draws it.
 */
export interface WrapUp {
  route: RouteSetup & { id: string };
  days: Day[];
  /** The day wrapped up; null for the end of the route. */
  dayId: string | null;
  /** The river's size at the end of each day, in the days' order, and what each day added. */
  growth: Array<{ dayId: string; added: number; total: number }>;
  /** The day's contributions (or the route's), stream by stream. */
  streams: WrapUpStream[];
  /** The day's hosts' grids (every host's, for the route); for the route, only their key points. */
  grids: WrapUpGrid[];
  plans: WrapUpPlan[];
  /** The vote as the room may see it (the tally null while hidden); null for a day, or before any vote. */
  fair: PublicVote | null;
  /** The committee's results once published, else null. */
  contest: PlanAssessment[] | null;
}

export interface WrapUpStream {
  stream: Pick<Stream, 'id' | 'kind' | 'label' | 'color'>;
  cards: Array<Pick<Card, 'id' | 'text' | 'author' | 'createdAt'>>;
  /** Who wrote the stream's cards and how many, most first. */
  contributors: Array<{ name: string; cards: number }>;
}

export interface WrapUpGrid {
  host: Pick<Host, 'id' | 'name' | 'place' | 'dayId'>;
  rows: GridAxis[];
  columns: GridAxis[];
  groups: Array<Group & { cards: number }>;
  cards: Array<Pick<GridCard, 'id' | 'text' | 'author' | 'groupId' | 'rowId' | 'columnId'> & { keyPoint: boolean }>;
}

export interface WrapUpPlan {
  teamId: string;
  team: string;
  title: string;
  status: PlanStatus;
  filled: number;
  total: number;
  words: number;
  budgetReady: boolean;
}

/** Cards per day, added and running total, so the river's growth reads from one list. */
export function riverGrowth(cards: Array<Pick<Card, 'dayId'>>, dayIds: string[]): WrapUp['growth'] {
  let total = 0;
  return dayIds.map((dayId) => {
    const added = cards.filter((card) => card.dayId === dayId).length;
    total += added;
    return { dayId, added, total };
  });
}

/** The cards of each stream (of one day, or all), with who contributed them. */
export function streamsOf(streams: Stream[], cards: Card[], dayId: string | null): WrapUpStream[] {
  return streams.map((stream) => {
    const own = cards.filter((card) => card.streamId === stream.id && (dayId === null || card.dayId === dayId));
    const counts = new Map<string, { name: string; cards: number }>();
    for (const card of own) {
      // Counted by the writer's id: two people may share a first name; a card without one counts by its name.
      const key = card.authorId || `name:${card.author}`;
      const entry = counts.get(key) ?? { name: card.author, cards: 0 };
      entry.cards += 1;
      counts.set(key, entry);
    }
    return {
      stream: { id: stream.id, kind: stream.kind, label: stream.label, color: stream.color },
      cards: own.map(({ id, text, author, createdAt }) => ({ id, text, author, createdAt })),
      contributors: [...counts.values()].sort((a, b) => b.cards - a.cards || a.name.localeCompare(b.name)),
    };
  });
}
