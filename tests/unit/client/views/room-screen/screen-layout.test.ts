import { expect, it } from 'vitest';
import { cellKey } from '../../../../../client/components/cards/layout.ts';
import { fitScale, riverPart, riverSummary, screenLayout } from '../../../../../client/views/room-screen/screen-layout.ts';
import { card, days, params, streams } from '../river/fixtures.ts';

it('sums a busy river up as each cell’s newest card, how many more each cell holds and the count of each lane', () => {
  const cards = [card('lessons', 'd1', { createdAt: 5 }), card('lessons', 'd1', { createdAt: 9, text: 'newest' }), card('lessons', 'd2'), card('ideas', 'd1')];
  const { cards: shown, more, lanes } = riverSummary(cards, []);
  expect(shown.map((c) => c.text)).toContain('newest');
  expect(shown).toHaveLength(3);
  expect(more.get(cellKey('lessons', 'd1'))).toBe(1);
  expect(more.get(cellKey('lessons', 'd2'))).toBe(0);
  expect(lanes.get('lessons')).toBe(3);
});

it('shows the cards the facilitator chose beside each cell’s newest, and counts them as shown', () => {
  const chosen = card('lessons', 'd1', { createdAt: 1, text: 'chosen' });
  const cards = [chosen, card('lessons', 'd1', { createdAt: 2 }), card('lessons', 'd1', { createdAt: 9, text: 'newest' }), card('ideas', 'd1', { createdAt: 3 })];
  const { cards: shown, more } = riverSummary(cards, [chosen.id]);
  expect(shown.map((c) => c.text).sort()).toEqual(['chosen', 'newest', cards[3]!.text].sort());
  expect(more.get(cellKey('lessons', 'd1'))).toBe(1);
  // A chosen card that is also the newest is shown once.
  const newestChosen = riverSummary(cards, [cards[2]!.id]);
  expect(newestChosen.cards.filter((c) => c.text === 'newest')).toHaveLength(1);
  expect(newestChosen.more.get(cellKey('lessons', 'd1'))).toBe(2);
});

it('shapes the cells so that the river is shown largest on the screen', () => {
  const cards = Array.from({ length: 60 }, () => card('knowledge', 'd2'));
  const input = { streams, days, cards };
  const wide = screenLayout(input, { ...params, maxPerRow: 30 }, { width: 1920, height: 1080 });
  const tall = screenLayout(input, { ...params, maxPerRow: 30 }, { width: 600, height: 2000 });
  expect(wide.columns[1]!.perRow).toBeGreaterThan(tall.columns[1]!.perRow);
  for (const rowRatio of [0.2, 1, 1.7]) {
    const other = screenLayout(input, { ...params, maxPerRow: 30, rowRatio }, { width: 1920, height: 1080 });
    expect(fitScale(wide, 1920, 1080)).toBeGreaterThanOrEqual(fitScale(other, 1920, 1080) - 1e-9);
  }
});

it('finds the day or the stream a spotlight names on the board, and the whole river for anything else', () => {
  const layout = screenLayout({ streams, days, cards: [card('lessons', 'd2')] }, params, { width: 1920, height: 1080 });
  const day = riverPart('day:d2', layout, 900)!;
  const column = layout.columns.find((each) => each.day.id === 'd2')!;
  expect(day.rect).toEqual({ x: column.x, y: 0, width: column.width, height: 900 });
  expect('day' in day.name && day.name.day.id).toBe('d2');
  const lane = layout.lanes.find((each) => each.stream.id === 'lessons')!;
  expect(riverPart('stream:lessons', layout, 900)!.rect).toEqual({ x: 0, y: lane.y, width: layout.outflowX, height: lane.height });
  for (const other of ['', 'day:gone', 'stream:gone', 'compare', 'day']) expect(riverPart(other, layout, 900)).toBeNull();
});
