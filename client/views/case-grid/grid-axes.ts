import { placeCards, unsortedId, type GridAxis, type GridCard, type GridTemplate } from '../../../shared/schema/case.ts';
import type { Card, Stream } from '../../../shared/schema/river.ts';
import type { Day } from '../../../shared/schema/route.ts';

/**
 * The card board (`client/components/cards/`) lays out lanes by columns in the river's words: lanes are
 * "streams", columns "days", a card's cell its `streamId` and `dayId`. A grid maps onto it here, and
 * only here: on a laptop its rows are the lanes and its perspectives the columns; on a phone one row at
 * a time, with the perspectives as lanes under each other, so a card is a phone's width.
 */
export interface BoardInput {
  streams: Stream[];
  days: Day[];
  cards: Card[];
}

export type GridShape = { kind: 'grid' } | { kind: 'row'; rowId: string };

/** Lane colours, in the river's palette, so neighbouring rows (and a row's groups on the projector) read apart. */
export const laneColors = ['#2f7f9e', '#7a5ea8', '#c0603a', '#3c8a55', '#b08a1e', '#c2457a'];

export interface AxisLabels {
  name(axis: GridAxis): string;
  unsorted: string;
}

const lane = (axis: GridAxis, index: number, labels: AxisLabels): Stream => ({
  id: axis.id,
  kind: 'custom',
  label: axis.id === unsortedId ? labels.unsorted : labels.name(axis),
  color: axis.id === unsortedId ? '#5a6a70' : laneColors[index % laneColors.length]!,
});
const column = (axis: GridAxis, labels: AxisLabels): Day => ({ id: axis.id, date: '', title: labels.name(axis) });

/**
 * Turns grid cards into board cards, keeping each one's object while its card and cell are unchanged, so
 * the board re-renders only the cards that changed.
 */
export class BoardCards {
  #cache = new WeakMap<GridCard, Card>();

  of(card: GridCard, streamId: string, dayId: string, author = card.author): Card {
    const old = this.#cache.get(card);
    if (old && old.streamId === streamId && old.dayId === dayId && old.author === author) return old;
    const made: Card = {
      id: card.id,
      text: card.text,
      author,
      authorId: card.authorId,
      streamId,
      dayId,
      color: card.color,
      order: card.order,
      createdAt: card.createdAt,
      editedAt: card.editedAt,
      photos: card.photos,
      source: '',
    };
    this.#cache.set(card, made);
    return made;
  }
}

export const unsortedAxis: GridAxis = { id: unsortedId, key: '', label: '', order: Infinity };

/** One group's grid as board input. The unsorted row shows only while it holds cards. */
export function gridBoardInput(template: GridTemplate, cards: GridCard[], shape: GridShape, labels: AxisLabels, boardCards: BoardCards): BoardInput {
  const { placed, unsorted } = placeCards(cards, template);
  const rows = unsorted > 0 ? [...template.rows, unsortedAxis] : template.rows;
  if (shape.kind === 'grid') {
    return {
      streams: rows.map((row, i) => lane(row, i, labels)),
      days: template.columns.map((c) => column(c, labels)),
      cards: placed.map((p) => boardCards.of(p.card, p.rowId, p.columnId)),
    };
  }
  const row = rows.find((r) => r.id === shape.rowId) ?? rows[0];
  if (!row) return { streams: [], days: [], cards: [] };
  return {
    streams: template.columns.map((c, i) => lane(c, i, labels)),
    days: [column(row, labels)],
    cards: placed.filter((p) => p.rowId === row.id).map((p) => boardCards.of(p.card, p.columnId, p.rowId)),
  };
}

/** Where a board cell is in the grid. */
export function gridCellOf(shape: GridShape, board: { streamId: string; dayId: string }): { rowId: string; columnId: string } {
  return shape.kind === 'grid' ? { rowId: board.streamId, columnId: board.dayId } : { rowId: board.dayId, columnId: board.streamId };
}

/** The rows a phone steps through: the template's, and the unsorted one while it holds cards. */
export function rowsToShow(template: GridTemplate, cards: GridCard[]): GridAxis[] {
  return placeCards(cards, template).unsorted > 0 ? [...template.rows, unsortedAxis] : template.rows;
}

/** The comparison board's column for one group's perspective. */
export const compareColumnId = (groupId: string, columnId: string): string => `${groupId}/${columnId}`;

/**
 * Every group's grid side by side: the rows down, and across, each group's perspectives. `rowId` shows
 * one row alone (for the projector, row by row); `only` keeps just those cards (the key points).
 */
export function compareBoardInput(
  template: GridTemplate,
  cards: GridCard[],
  groups: Array<{ id: string; name: string }>,
  filter: { rowId: string | null; only: Set<string> | null },
  labels: AxisLabels,
  boardCards: BoardCards,
): BoardInput {
  const { placed, unsorted } = placeCards(cards, template);
  const rows = (unsorted > 0 ? [...template.rows, unsortedAxis] : template.rows).filter((row) => filter.rowId === null || row.id === filter.rowId);
  const rowIds = new Set(rows.map((r) => r.id));
  return {
    streams: rows.map((row, i) => lane(row, i, labels)),
    days: groups.flatMap((group) => template.columns.map((c) => ({ ...column(c, labels), id: compareColumnId(group.id, c.id) }))),
    cards: placed
      .filter((p) => rowIds.has(p.rowId) && (filter.only === null || filter.only.has(p.card.id)))
      .map((p) => boardCards.of(p.card, p.rowId, compareColumnId(p.card.groupId, p.columnId))),
  };
}
