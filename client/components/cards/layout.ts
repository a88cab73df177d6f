import { sortCards, type Card, type Stream } from '../../../shared/schema/river.ts';
import type { Day } from '../../../shared/schema/route.ts';

/**
 * Where everything sits on the board, in board units (pixels at zoom 1): day columns left to right, a
 * band for the drawn river under their headers, then one lane per stream. Pure, so the board, the room
 * screen, keyboard moves and drop targets all agree on one geometry.
 */
export interface LayoutParams {
  cardWidth: number;
  cardHeight: number;
  gap: number;
  /** Space between a cell's edge and its cards. */
  padding: number;
  labelWidth: number;
  headerHeight: number;
  riverHeight: number;
  minColumnWidth: number;
  maxPerRow: number;
  /** Rows per card across a cell grows towards: 2 makes tall cells, below 1 wide ones (for 16:9 screens). */
  rowRatio: number;
  outflowWidth: number;
  /** One more slot per cell for its add-card tile. */
  addSlot: boolean;
}

export interface Column {
  day: Day;
  index: number;
  x: number;
  width: number;
  perRow: number;
}

export interface Lane {
  stream: Stream;
  index: number;
  y: number;
  height: number;
  count: number;
}

export interface Placement {
  card: Card;
  x: number;
  y: number;
  lane: number;
  column: number;
  /** Position among the cards shown in its cell. */
  index: number;
}

export interface Slot {
  streamId: string;
  dayId: string;
  x: number;
  y: number;
}

export interface BoardLayout {
  params: LayoutParams;
  width: number;
  height: number;
  lanesTop: number;
  columns: Column[];
  lanes: Lane[];
  /** Lane by lane, day by day, in each cell's order: reading order, which is also tab order. */
  placements: Placement[];
  byId: Map<string, Placement>;
  cells: Map<string, Card[]>;
  /** Where each cell's add-card tile goes (empty without `addSlot`). */
  slots: Slot[];
  outflowX: number;
}

export const cellKey = (streamId: string, dayId: string): string => `${streamId}\u0000${dayId}`;

function perRowFor(slots: number, params: LayoutParams): number {
  const fitting = Math.floor((params.minColumnWidth - 2 * params.padding + params.gap) / (params.cardWidth + params.gap));
  const wanted = Math.min(slots, Math.ceil(Math.sqrt(slots / params.rowRatio)));
  return Math.max(1, fitting, Math.min(params.maxPerRow, wanted));
}

export function slotPosition(column: Column, lane: Lane, index: number, params: LayoutParams): { x: number; y: number } {
  return {
    x: column.x + params.padding + (index % column.perRow) * (params.cardWidth + params.gap),
    y: lane.y + params.padding + Math.floor(index / column.perRow) * (params.cardHeight + params.gap),
  };
}

/**
 * `previous` lets unchanged placements keep their object identity, so a change to one card re-renders
 * that card only. Cards whose stream or day is not on the board are left out.
 */
export function computeLayout(
  input: { streams: Stream[]; days: Day[]; cards: Card[] },
  params: LayoutParams,
  previous?: BoardLayout,
): BoardLayout {
  const cells = new Map<string, Card[]>();
  for (const stream of input.streams) for (const day of input.days) cells.set(cellKey(stream.id, day.id), []);
  for (const card of input.cards) cells.get(cellKey(card.streamId, card.dayId))?.push(card);
  for (const [key, cards] of cells) cells.set(key, sortCards(cards));

  const extra = params.addSlot ? 1 : 0;
  const columns: Column[] = [];
  let x = params.labelWidth;
  input.days.forEach((day, index) => {
    const most = Math.max(0, ...input.streams.map((s) => cells.get(cellKey(s.id, day.id))!.length));
    const perRow = perRowFor(most + extra, params);
    const width = Math.max(params.minColumnWidth, 2 * params.padding + perRow * params.cardWidth + (perRow - 1) * params.gap);
    columns.push({ day, index, x, width, perRow });
    x += width;
  });

  const lanesTop = params.headerHeight + params.riverHeight;
  const lanes: Lane[] = [];
  let y = lanesTop;
  input.streams.forEach((stream, index) => {
    let rows = 1;
    let count = 0;
    for (const column of columns) {
      const n = cells.get(cellKey(stream.id, column.day.id))!.length;
      count += n;
      rows = Math.max(rows, Math.ceil((n + extra) / column.perRow));
    }
    const height = 2 * params.padding + rows * params.cardHeight + (rows - 1) * params.gap;
    lanes.push({ stream, index, y, height, count });
    y += height;
  });

  const placements: Placement[] = [];
  const byId = new Map<string, Placement>();
  const slots: Slot[] = [];
  for (const lane of lanes) {
    for (const column of columns) {
      const cards = cells.get(cellKey(lane.stream.id, column.day.id))!;
      cards.forEach((card, index) => {
        const at = slotPosition(column, lane, index, params);
        const old = previous?.byId.get(card.id);
        const same = old && old.card === card && old.x === at.x && old.y === at.y && old.lane === lane.index && old.column === column.index && old.index === index;
        const placement = same ? old : { card, ...at, lane: lane.index, column: column.index, index };
        placements.push(placement);
        byId.set(card.id, placement);
      });
      if (params.addSlot) slots.push({ streamId: lane.stream.id, dayId: column.day.id, ...slotPosition(column, lane, cards.length, params) });
    }
  }

  return { params, width: x + params.outflowWidth, height: y, lanesTop, columns, lanes, placements, byId, cells, slots, outflowX: x };
}

/** The cell under a board point, or null outside the lanes. */
export function cellAt(layout: BoardLayout, point: { x: number; y: number }): { lane: Lane; column: Column } | null {
  const column = layout.columns.find((c) => point.x >= c.x && point.x < c.x + c.width);
  const lane = layout.lanes.find((l) => point.y >= l.y && point.y < l.y + l.height);
  return column && lane ? { lane, column } : null;
}

/**
 * Where dropping at `point` puts the cards being moved: the cell under it, before the card whose slot
 * the point is in (the moving cards themselves do not count), or at the end.
 */
export function dropTarget(
  layout: BoardLayout,
  point: { x: number; y: number },
  movingIds: readonly string[],
): { streamId: string; dayId: string; beforeId: string | null; index: number } | null {
  const cell = cellAt(layout, point);
  if (!cell) return null;
  const moving = new Set(movingIds);
  const { params } = layout;
  const { lane, column } = cell;
  const stay = layout.cells.get(cellKey(lane.stream.id, column.day.id))!.filter((card) => !moving.has(card.id));
  const col = Math.min(column.perRow - 1, Math.max(0, Math.floor((point.x - column.x - params.padding) / (params.cardWidth + params.gap))));
  const row = Math.max(0, Math.floor((point.y - lane.y - params.padding) / (params.cardHeight + params.gap)));
  const index = Math.min(stay.length, row * column.perRow + col);
  return { streamId: lane.stream.id, dayId: column.day.id, beforeId: stay[index]?.id ?? null, index };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The placements that overlap `rect`, in reading order. */
export function placementsIn(layout: BoardLayout, rect: Rect): Placement[] {
  const { cardWidth: width, cardHeight: height } = layout.params;
  return layout.placements.filter((p) => intersects(rect, { x: p.x, y: p.y, width, height }));
}
