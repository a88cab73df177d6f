import { describe, expect, it } from 'vitest';
import { compareRowGroups } from '../../../../../client/views/case-grid/compare-row.ts';
import { templateOf, type GridCard } from '../../../../../shared/schema/case.ts';

const card = (id: string, groupId: string, rowId: string, columnId: string, order: number): GridCard => ({
  id, text: id, author: 'Ana', authorId: 'a', groupId, rowId, columnId, color: '', order, photos: [], createdAt: 0, editedAt: 0,
});
const groups = [{ id: 'g1', name: 'Group 1' }, { id: 'g2', name: 'Group 2' }];
const ppp = templateOf('ppp');

describe('compareRowGroups', () => {
  it('gives every group every perspective of the row, its cards in cell order, empty ones too', () => {
    const cards = [card('b', 'g1', 'lessons', 'community', 2), card('a', 'g1', 'lessons', 'community', 1), card('c', 'g1', 'lessons', 'privateSector', 1), card('x', 'g1', 'results', 'community', 1)];
    const [first, second] = compareRowGroups(ppp, cards, groups, 'lessons', null);
    expect(first!.perspectives.map((p) => [p.axis.id, p.cards.map((c) => c.id)])).toEqual([['community', ['a', 'b']], ['publicSector', []], ['privateSector', ['c']]]);
    expect(first!.count).toBe(3);
    expect(second).toMatchObject({ id: 'g2', name: 'Group 2', count: 0 });
    expect(second!.perspectives).toHaveLength(3);
  });

  it('keeps only the key points when asked', () => {
    const cards = [card('a', 'g1', 'lessons', 'community', 1), card('b', 'g2', 'lessons', 'community', 1)];
    const shown = compareRowGroups(ppp, cards, groups, 'lessons', new Set(['b']));
    expect(shown.map((g) => g.count)).toEqual([0, 1]);
  });

  it('shows the cards of a removed row in the unsorted row, in their own column', () => {
    const cards = [card('a', 'g1', 'gone', 'publicSector', 1)];
    const [first] = compareRowGroups(ppp, cards, groups, 'unsorted', null);
    expect(first!.perspectives.find((p) => p.axis.id === 'publicSector')!.cards.map((c) => c.id)).toEqual(['a']);
  });
});
