import { describe, expect, it } from 'vitest';
import { cumulativeFlow } from '../../../../../shared/schema/river.ts';
import { computeLayout } from '../../../../../client/components/cards/layout.ts';
import { riverShape } from '../../../../../client/views/river/board/river-shape.ts';
import { card, days, params, streams, teams } from './fixtures.ts';

describe('riverShape', () => {
  it('widens day by day with the contributions so far', () => {
    const cards = [card('knowledge', 'd1'), card('lessons', 'd2'), card('lessons', 'd2'), card('ideas', 'd3'), card('ideas', 'd3')];
    const layout = computeLayout({ streams, days, cards }, params);
    const shape = riverShape(layout, streams, cards, teams);
    expect(shape.days.map((d) => d.total)).toEqual(cumulativeFlow(cards, ['d1', 'd2', 'd3']));
    expect(shape.days.map((d) => d.added)).toEqual([1, 2, 2]);
    const banks = shape.days.map((d) => d.bank);
    expect(banks[1]).toBeGreaterThan(banks[0]!);
    expect(banks[2]).toBeGreaterThan(banks[1]!);
    // At its widest the river stays inside its band.
    expect(banks[2]).toBeLessThanOrEqual(params.headerHeight + params.riverHeight);
    expect(shape.bands.map((b) => b.id)).toEqual(streams.map((s) => s.id));
    expect(shape.bands.every((b) => b.path.startsWith('M') && b.path.endsWith('Z'))).toBe(true);
  });

  it('runs as a thin spring while nothing has been added', () => {
    const layout = computeLayout({ streams, days, cards: [] }, params);
    const banks = riverShape(layout, streams, [], teams).days.map((d) => d.bank);
    expect(new Set(banks).size).toBe(1);
  });

  it('splits at the last day into one branch per team, their labels one below the other', () => {
    const layout = computeLayout({ streams, days, cards: [card('ideas', 'd3')] }, params);
    const shape = riverShape(layout, streams, [card('ideas', 'd3')], teams);
    expect(shape.branches.map((b) => b.team.id)).toEqual(['a', 'b']);
    expect(shape.branches[1]!.labelY - shape.branches[0]!.labelY).toBeGreaterThanOrEqual(shape.labelHeight);
    expect(shape.labelX).toBeGreaterThan(layout.outflowX);
    expect(shape.bottom).toBeGreaterThanOrEqual(layout.height);
  });
});
