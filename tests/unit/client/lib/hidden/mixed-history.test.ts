import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { UndoableEdits } from '../../../../../client/components/cards/card-edits.svelte.ts';
import { MixedHistory } from '../../../../../client/lib/hidden/mixed-history.svelte.ts';
import { ServerHistory } from '../../../../../client/lib/hidden/server-history.svelte.ts';

/** A board's shared edits in miniature: one map, each set its own undo step. */
class MapEdits extends UndoableEdits {
  constructor(readonly map: Y.Map<number>) {
    super(map.doc!, [map]);
  }

  set(key: string, value: number): void {
    this.change(() => this.map.set(key, value));
  }
}

/** A server step that logs what ran and answers after a turn, as a request would. */
const serverStep = (name: string, log: string[]) => ({
  undo: async () => (await Promise.resolve(), log.push(`undo ${name}`), true),
  redo: async () => (await Promise.resolve(), log.push(`redo ${name}`), true),
});

function setUp() {
  const grid = new MapEdits(new Y.Doc().getMap<number>('cards'));
  const hidden = new ServerHistory();
  return { grid, hidden, history: new MixedHistory(grid, hidden), log: [] as string[] };
}

describe('MixedHistory', () => {
  it('takes back grid and server steps in the order made, and redoes them', async () => {
    const { grid, hidden, history, log } = setUp();
    history.sharedChange(() => grid.set('a', 1));
    hidden.push(serverStep('hidden edit', log));
    history.sharedChange(() => grid.set('a', 2));
    expect(history.canUndo).toBe(true);

    history.undo();
    expect(grid.map.get('a')).toBe(1);
    expect(log).toEqual([]);
    history.undo();
    await vi.waitFor(() => expect(log).toEqual(['undo hidden edit']));
    expect(grid.map.get('a')).toBe(1);
    history.undo();
    expect(grid.map.has('a')).toBe(false);
    expect(history.canUndo).toBe(false);

    history.redo();
    expect(grid.map.get('a')).toBe(1);
    await vi.waitFor(() => expect(history.canRedo).toBe(true));
    history.redo();
    await vi.waitFor(() => expect(log).toEqual(['undo hidden edit', 'redo hidden edit']));
    // A new change drops what was undone.
    history.sharedChange(() => grid.set('b', 1));
    expect(history.canRedo).toBe(false);
  });

  it('counts no step for a grid change that changed nothing, and passes over an ended server history', () => {
    const { grid, hidden, history, log } = setUp();
    history.sharedChange(() => grid.set('a', 1));
    history.sharedChange(() => undefined);
    hidden.push(serverStep('hidden add', log));
    // The reveal ends the server's history: Ctrl+Z goes on with the grid's.
    hidden.clear();
    history.undo();
    expect(grid.map.has('a')).toBe(false);
    expect(log).toEqual([]);
    expect(history.canUndo).toBe(false);
  });
});
