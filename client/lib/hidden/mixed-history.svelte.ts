import type { UndoableEdits } from '../../components/cards/card-edits.svelte.ts';
import type { ServerHistory } from './server-history.svelte.ts';

type Kind = 'shared' | 'hidden';

/**
 * Ctrl+Z on a board for someone who changes both its shared cards (Yjs's undo manager) and, during a hidden
 * brainstorm, hidden cards on the server (ServerHistory): a facilitator, or on the river a participant
 * writing in a hidden stream and in the others. Each step is taken back from
 * the history it went to, in the order made; steps of a history that ended meanwhile (the reveal, a refused
 * step) are passed over.
 */
export class MixedHistory {
  #done: Kind[] = [];
  #undone: Kind[] = [];
  /** Bumped when the lists change (they are not state): the buttons follow them and both histories. */
  #version = $state(0);

  constructor(
    private readonly shared: UndoableEdits,
    private readonly hidden: ServerHistory,
  ) {
    hidden.onPush = () => this.#push('hidden');
  }

  /** Makes a change to the board's shared cards, one step here when it changed something. */
  sharedChange<T>(apply: () => T): T {
    const before = this.shared.undoSteps;
    const result = apply();
    if (this.shared.undoSteps > before) this.#push('shared');
    return result;
  }

  get canUndo(): boolean {
    void this.#version;
    return this.#done.some((kind) => this.#of(kind).canUndo);
  }

  get canRedo(): boolean {
    void this.#version;
    return this.#undone.some((kind) => this.#of(kind).canRedo);
  }

  undo(): void {
    this.#step(this.#done, this.#undone, (history) => history.undo(), (history) => history.canUndo);
  }

  redo(): void {
    this.#step(this.#undone, this.#done, (history) => history.redo(), (history) => history.canRedo);
  }

  #step(from: Kind[], to: Kind[], apply: (history: UndoableEdits | ServerHistory) => void, can: (history: UndoableEdits | ServerHistory) => boolean): void {
    for (let kind = from.pop(); kind !== undefined; kind = from.pop()) {
      const history = this.#of(kind);
      if (!can(history)) continue;
      apply(history);
      to.push(kind);
      break;
    }
    this.#version++;
  }

  #push(kind: Kind): void {
    this.#done.push(kind);
    this.#undone = [];
    this.#version++;
  }

  #of(kind: Kind): UndoableEdits | ServerHistory {
    return kind === 'shared' ? this.shared : this.hidden;
  }
}
