import { describe, expect, it } from 'vitest';
import { cellAt, computeLayout, dropTarget, placementsIn, type BoardLayout } from '../../../../../client/components/cards/layout.ts';
import { card, days, params, streams } from '../../views/river/fixtures.ts';

function overlaps(layout: BoardLayout): boolean {
  const boxes = [...layout.placements, ...layout.slots];
  return boxes.some((a, i) =>
    boxes.slice(i + 1).some((b) => Math.abs(a.x - b.x) < params.cardWidth && Math.abs(a.y - b.y) < params.cardHeight),
  );
}

describe('computeLayout', () => {
  it('runs the days left to right and the streams top to bottom, below the header and the river', () => {
    const layout = computeLayout({ streams, days, cards: [] }, params);
    expect(layout.columns.map((c) => c.day.id)).toEqual(['d1', 'd2', 'd3']);
    expect(layout.columns[0]!.x).toBe(params.labelWidth);
    expect(layout.columns[1]!.x).toBe(params.labelWidth + layout.columns[0]!.width);
    expect(layout.lanes.map((l) => l.stream.id)).toEqual(streams.map((s) => s.id));
    expect(layout.lanesTop).toBe(params.headerHeight + params.riverHeight);
    expect(layout.width).toBe(layout.outflowX + params.outflowWidth);
    expect(layout.slots).toHaveLength(streams.length * days.length);
  });

  it('places a cell’s cards in their order, in rows, without overlapping, and grows the lane and column', () => {
    const empty = computeLayout({ streams, days, cards: [] }, params);
    const cards = [3, 1, 2, 5, 4, 6, 7].map((order) => card('lessons', 'd2', { order }));
    const layout = computeLayout({ streams, days, cards }, params);
    const cell = layout.placements.filter((p) => p.card.streamId === 'lessons');
    expect(cell.map((p) => p.card.order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(cell.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(overlaps(layout)).toBe(false);
    const lessons = layout.lanes.find((l) => l.stream.id === 'lessons')!;
    expect(lessons.count).toBe(7);
    expect(lessons.height).toBeGreaterThan(empty.lanes[3]!.height);
    expect(layout.columns[1]!.width).toBeGreaterThan(empty.columns[1]!.width);
    expect(layout.columns[1]!.perRow).toBeLessThanOrEqual(params.maxPerRow);
    // Reading order: a row is filled left to right before the next begins.
    expect(cell[1]!.y).toBe(cell[0]!.y);
    expect(cell[1]!.x).toBeGreaterThan(cell[0]!.x);
  });

  it('leaves out cards whose stream or day is not on the board', () => {
    const layout = computeLayout({ streams, days, cards: [card('gone', 'd1'), card('lessons', 'd9'), card('lessons', 'd1')] }, params);
    expect(layout.placements).toHaveLength(1);
  });

  it('keeps the placements of unchanged cards when another card changes, so only that card re-renders', () => {
    const a = card('ideas', 'd1');
    const b = card('ideas', 'd3');
    const first = computeLayout({ streams, days, cards: [a, b] }, params);
    const edited = { ...b, text: 'edited' };
    const second = computeLayout({ streams, days, cards: [a, edited] }, params, first);
    expect(second.byId.get(a.id)).toBe(first.byId.get(a.id));
    expect(second.byId.get(b.id)).not.toBe(first.byId.get(b.id));
    expect(second.byId.get(b.id)!.card.text).toBe('edited');
  });
});

describe('dropTarget and cellAt', () => {
  const cards = [card('challenges', 'd1'), card('challenges', 'd1'), card('challenges', 'd1')];
  const layout = computeLayout({ streams, days, cards }, params);
  const [first, second, third] = cards.map((c) => layout.byId.get(c.id)!);

  it('finds the cell under a point, and nothing outside the lanes', () => {
    expect(cellAt(layout, { x: first!.x + 5, y: first!.y + 5 })).toMatchObject({ lane: { stream: { id: 'challenges' } }, column: { day: { id: 'd1' } } });
    expect(cellAt(layout, { x: 5, y: first!.y })).toBeNull();
    expect(cellAt(layout, { x: first!.x, y: 5 })).toBeNull();
  });

  it('drops before the card whose slot is under the point, or at the end of the cell', () => {
    expect(dropTarget(layout, { x: second!.x + 5, y: second!.y + 5 }, [])).toEqual({ streamId: 'challenges', dayId: 'd1', beforeId: cards[1]!.id, index: 1 });
    const slot = layout.slots.find((s) => s.streamId === 'challenges' && s.dayId === 'd1')!;
    expect(dropTarget(layout, { x: slot.x + 5, y: slot.y + 5 }, [])).toMatchObject({ beforeId: null, index: 3 });
    expect(dropTarget(layout, { x: 1, y: 1 }, [])).toBeNull();
  });

  it('does not count the cards being moved', () => {
    expect(dropTarget(layout, { x: second!.x + 5, y: second!.y + 5 }, [cards[0]!.id])).toMatchObject({ beforeId: cards[2]!.id, index: 1 });
    expect(dropTarget(layout, { x: third!.x + 5, y: third!.y + 5 }, [cards[2]!.id])).toMatchObject({ beforeId: null });
  });

  it('lists the placements that overlap a rectangle', () => {
    const found = placementsIn(layout, { x: first!.x, y: first!.y, width: 1, height: 1 });
    expect(found.map((p) => p.card.id)).toEqual([cards[0]!.id]);
    expect(placementsIn(layout, { x: 0, y: 0, width: layout.width, height: layout.height })).toHaveLength(3);
  });
});
