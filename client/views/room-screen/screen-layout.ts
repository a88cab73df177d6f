import { cellKey, computeLayout, type BoardLayout, type LayoutParams } from '../../components/cards/layout.ts';
import type { Card, Stream } from '../../../shared/schema/river.ts';
import type { Day } from '../../../shared/schema/route.ts';

/** Shapes of cell to try, from wide rows to tall columns of cards. */
const rowRatios = [0.2, 0.35, 0.6, 1, 1.7];

/** The zoom at which `layout` fills a screen of `width` × `height`. */
export function fitScale(layout: BoardLayout, width: number, height: number): number {
  return Math.min(width / layout.width, height / layout.height);
}

/**
 * The layout that shows the river largest on this screen: a projector is wide, so a busy river's cells
 * should be too, while a young one's few cards can stand in tall cells.
 */
export function screenLayout(input: { streams: Stream[]; days: Day[]; cards: Card[] }, params: LayoutParams, screen: { width: number; height: number }): BoardLayout {
  let best: BoardLayout | null = null;
  for (const rowRatio of rowRatios) {
    const layout = computeLayout(input, { ...params, rowRatio });
    if (!best || fitScale(layout, screen.width, screen.height) > fitScale(best, screen.width, screen.height)) best = layout;
  }
  return best!;
}

/**
 * A river too big to read whole, summed up: each cell shows the cards the facilitator chose there and its
 * newest, with how many more it holds; each lane how many it holds in all.
 */
export function riverSummary(cards: Card[], featured: readonly string[]): { cards: Card[]; more: Map<string, number>; lanes: Map<string, number> } {
  const chosen = new Set(featured);
  const newest = new Map<string, Card>();
  const counts = new Map<string, number>();
  const lanes = new Map<string, number>();
  const shown: Card[] = [];
  for (const card of cards) {
    const key = cellKey(card.streamId, card.dayId);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    lanes.set(card.streamId, (lanes.get(card.streamId) ?? 0) + 1);
    if (chosen.has(card.id)) shown.push(card);
    const seen = newest.get(key);
    if (!seen || seen.createdAt < card.createdAt) newest.set(key, card);
  }
  for (const card of newest.values()) if (!chosen.has(card.id)) shown.push(card);
  const more = new Map(counts);
  for (const card of shown) {
    const key = cellKey(card.streamId, card.dayId);
    more.set(key, more.get(key)! - 1);
  }
  return { cards: shown, more, lanes };
}

/** A day or a stream of the river, as the spotlight names it (`day:<id>`, `stream:<id>`), and its place. */
export interface RiverPart {
  part: string;
  name: { day: Day } | { stream: Stream };
  rect: { x: number; y: number; width: number; height: number };
}

/**
 * Where the part a spotlight names is on the room screen's board: a day's column from the top (its
 * header and the river band over it) to the bottom; a stream's lane with its name on the left. Null for
 * the whole river, or a day or stream that is gone.
 */
export function riverPart(part: string, layout: BoardLayout, bottom: number): RiverPart | null {
  const [kind, id] = part.split(':');
  const column = kind === 'day' ? layout.columns.find((each) => each.day.id === id) : undefined;
  if (column) return { part, name: { day: column.day }, rect: { x: column.x, y: 0, width: column.width, height: bottom } };
  const lane = kind === 'stream' ? layout.lanes.find((each) => each.stream.id === id) : undefined;
  if (lane) return { part, name: { stream: lane.stream }, rect: { x: 0, y: lane.y, width: layout.outflowX, height: lane.height } };
  return null;
}
