import { describe, expect, it } from 'vitest';
import { handleBoardKey, type KeyHost } from '../../../../../client/components/cards/keyboard.ts';
import { computeLayout } from '../../../../../client/components/cards/layout.ts';
import { Selection } from '../../../../../client/components/cards/selection.svelte.ts';
import { card, days, params, streams } from '../../views/river/fixtures.ts';

// One lane of three cards on day 1 and one on day 2, another lane below with one card on day 1.
const a = card('knowledge', 'd1');
const b = card('knowledge', 'd1');
const c = card('knowledge', 'd1');
const d = card('knowledge', 'd2');
const below = card('challenges', 'd1');
const layout = computeLayout({ streams, days, cards: [a, b, c, d, below] }, params);

function setup(active: string) {
  const selection = new Selection();
  selection.selectOnly(active);
  const calls: { moved: Array<[string[], object]>; removed: string[][]; focused: string[]; edited: string[]; added: string[] } = {
    moved: [],
    removed: [],
    focused: [],
    edited: [],
    added: [],
  };
  const host: KeyHost = {
    layout: () => layout,
    selection,
    canEdit: () => true,
    focus: (id) => calls.focused.push(id),
    edit: (id) => calls.edited.push(id),
    addNextTo: (id) => calls.added.push(id),
    move: (ids, to) => calls.moved.push([ids, to]),
    remove: (ids) => calls.removed.push(ids),
    cancelGesture: () => false,
  };
  const press = (key: string, modifiers: Partial<Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey'>> = {}): boolean =>
    handleBoardKey({ key, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...modifiers, target: { closest: () => null } } as unknown as KeyboardEvent, host);
  return { selection, calls, press };
}

describe('board keys', () => {
  it('go along the lane with left and right, across cells', () => {
    const { selection, calls, press } = setup(c.id);
    expect(press('ArrowRight')).toBe(true);
    expect(selection.active).toBe(d.id);
    expect(selection.list).toEqual([d.id]);
    press('ArrowLeft');
    press('ArrowLeft');
    expect(selection.active).toBe(b.id);
    expect(calls.focused).toEqual([d.id, c.id, b.id]);
  });

  it('go down by rows, then to the next lane with cards', () => {
    const { selection, press } = setup(a.id);
    expect(layout.columns[0]!.perRow).toBe(2);
    press('ArrowDown');
    expect(selection.active).toBe(c.id);
    press('ArrowDown');
    expect(selection.active).toBe(below.id);
    press('ArrowDown');
    expect(selection.active).toBe(below.id);
  });

  it('add to the selection with Shift', () => {
    const { selection, press } = setup(a.id);
    press('ArrowRight', { shiftKey: true });
    expect(selection.list.sort()).toEqual([a.id, b.id].sort());
  });

  it('move the selected cards to the next day or stream with Alt', () => {
    const { selection, calls, press } = setup(a.id);
    selection.ids.add(b.id);
    press('ArrowRight', { altKey: true });
    expect(calls.moved).toEqual([[[a.id, b.id], { streamId: 'knowledge', dayId: 'd2', beforeId: null }]]);
    press('ArrowDown', { altKey: true });
    expect(calls.moved[1]).toEqual([[a.id, b.id], { streamId: 'expectations', dayId: 'd1', beforeId: null }]);
    // Nothing before the first day.
    press('ArrowLeft', { altKey: true });
    expect(calls.moved).toHaveLength(2);
  });

  it('edit with Enter, add beside with N, delete with Delete and focus the next card, select all with Ctrl+A', () => {
    const { selection, calls, press } = setup(b.id);
    press('Enter');
    expect(calls.edited).toEqual([b.id]);
    press('n');
    expect(calls.added).toEqual([b.id]);
    press('Delete');
    expect(calls.removed).toEqual([[b.id]]);
    expect(selection.active).toBe(c.id);
    press('a', { ctrlKey: true });
    expect(selection.size).toBe(5);
    expect(press('Escape')).toBe(true);
    expect(selection.size).toBe(0);
  });
});
