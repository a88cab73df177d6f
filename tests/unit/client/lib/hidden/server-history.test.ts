import { describe, expect, it, vi } from 'vitest';
import { ServerHistory } from '../../../../../client/lib/hidden/server-history.svelte.ts';

/** A step that logs what ran and answers with `went`, after a turn (as a request would). */
const step = (name: string, log: string[], went = { undo: true, redo: true }) => ({
  undo: async () => (await Promise.resolve(), log.push(`undo ${name}`), went.undo),
  redo: async () => (await Promise.resolve(), log.push(`redo ${name}`), went.redo),
});

describe('ServerHistory', () => {
  it('takes back the newest step first, one after another however fast it is pressed, and redoes them', async () => {
    const log: string[] = [];
    const history = new ServerHistory();
    history.push(step('add', log));
    history.push(step('edit', log));
    history.undo();
    history.undo();
    expect(history.canUndo).toBe(false);
    await vi.waitFor(() => expect(log).toEqual(['undo edit', 'undo add']));
    expect(history.canRedo).toBe(true);
    history.redo();
    await vi.waitFor(() => expect(log).toEqual(['undo edit', 'undo add', 'redo add']));
    expect(history.canUndo).toBe(true);
    // A new change drops what was undone.
    history.push(step('move', log));
    expect(history.canRedo).toBe(false);
  });

  it('ends the history when the server refuses a step', async () => {
    const log: string[] = [];
    const history = new ServerHistory();
    history.push(step('add', log));
    history.push(step('edit', log, { undo: false, redo: true }));
    history.undo();
    await vi.waitFor(() => expect(log).toEqual(['undo edit']));
    expect(history.canUndo).toBe(false);
    expect(history.canRedo).toBe(false);
  });
});
