import * as Y from 'yjs';
import { promoteToRiver, type CaseTemplates, type GridCard } from '../../../shared/schema/case.ts';
import type { RiverDoc } from '../../../shared/schema/river.ts';

/**
 * A facilitator's synthesis in this tab, one undo history (Ctrl+Z or the toolbar's undo on the comparison)
 * over the two documents it writes: key-point marks in the route's templates and cards promoted into the
 * river. Each action is its own step, undone in the order it was made: a promotion undone takes those
 * river cards back out, a redo puts them back. Only transactions tagged with this object are tracked, so
 * marks, cards and edits other people make meanwhile stay.
 *
 * A Y.UndoManager covers one document, so each document has its own; `#done` and `#undone` say which
 * manager holds each step, newest last.
 */
export class SynthesisEdits {
  readonly #templates: CaseTemplates;
  readonly #river: RiverDoc;
  readonly #keyPointsUndo: Y.UndoManager;
  readonly #riverUndo: Y.UndoManager;
  #done: Y.UndoManager[] = [];
  #undone: Y.UndoManager[] = [];
  /** The undo managers' stacks are not reactive; these follow them after every step. */
  canUndo = $state(false);
  canRedo = $state(false);
  /** Counts every change, undo and redo: what was said about the last action holds only until the next. */
  steps = $state(0);

  constructor(templates: CaseTemplates, river: RiverDoc) {
    this.#templates = templates;
    this.#river = river;
    this.#keyPointsUndo = this.#track(new Y.UndoManager([templates.keyPointsMap]));
    this.#riverUndo = this.#track(new Y.UndoManager([river.cardsMap]));
  }

  mark(hostId: string, cardIds: string[], isKey: boolean): void {
    if (cardIds.length > 0) this.#change(this.#keyPointsUndo, () => this.#templates.setKeyPoint(hostId, cardIds, isKey));
  }

  /** Copies grid cards into the river's lessons learned (see `promoteToRiver`); the river cards' ids. */
  promote(cards: GridCard[], to: { hostId: string; dayId: string }): string[] {
    return this.#change(this.#riverUndo, () => promoteToRiver(this.#river, cards, to, Date.now()));
  }

  undo(): void {
    this.#step(this.#done, this.#undone, (manager) => manager.undo());
  }

  redo(): void {
    this.#step(this.#undone, this.#done, (manager) => manager.redo());
  }

  destroy(): void {
    this.#keyPointsUndo.destroy();
    this.#riverUndo.destroy();
  }

  #track(manager: Y.UndoManager): Y.UndoManager {
    // By default it tracks transactions without an origin; only this tab's tagged ones belong to it.
    manager.removeTrackedOrigin(null);
    manager.addTrackedOrigin(this);
    return manager;
  }

  #change<T>(manager: Y.UndoManager, apply: () => T): T {
    // Every action is its own undo step, however quickly the next one follows.
    manager.stopCapturing();
    const before = manager.undoStack.length;
    let result!: T;
    manager.doc.transact(() => (result = apply()), this);
    // A change that wrote nothing (every card promoted already) leaves no step to take back.
    if (manager.undoStack.length > before) {
      this.#done.push(manager);
      // A new step ends what could be redone, in both documents, as in any one undo history.
      this.#undone = [];
      this.#keyPointsUndo.clear(false, true);
      this.#riverUndo.clear(false, true);
    }
    this.#follow();
    return result;
  }

  /** Takes the newest step of `from` back (or again) and files it under `to`. */
  #step(from: Y.UndoManager[], to: Y.UndoManager[], apply: (manager: Y.UndoManager) => unknown): void {
    // A step others' edits have emptied meanwhile (its cards deleted) does nothing: the next one is used.
    while (from.length > 0) {
      const manager = from.pop()!;
      if (apply(manager) === null) continue;
      to.push(manager);
      break;
    }
    this.#follow();
  }

  #follow(): void {
    this.steps += 1;
    this.canUndo = this.#done.length > 0;
    this.canRedo = this.#undone.length > 0;
  }
}
