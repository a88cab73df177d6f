import * as Y from 'yjs';
import type { PlanDoc } from '../../../shared/schema/plan.ts';

/**
 * Undo and redo for the plan's schedule and budget: Yjs's undo manager over both tables, tracking this
 * tab's own transactions only (the provider's remote updates carry the provider as origin), so undo
 * takes back what this person changed and never what others did meanwhile.
 */
export class TableUndo {
  readonly #manager: Y.UndoManager;
  canUndo = $state(false);
  canRedo = $state(false);

  constructor(plan: PlanDoc) {
    this.#manager = new Y.UndoManager([plan.table('schedule'), plan.table('budget')], { captureTimeout: 400 });
    const follow = (): void => {
      this.canUndo = this.#manager.undoStack.length > 0;
      this.canRedo = this.#manager.redoStack.length > 0;
    };
    for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) this.#manager.on(event, follow);
  }

  undo(): void {
    this.#manager.undo();
  }

  redo(): void {
    this.#manager.redo();
  }

  /** Ends the current undo step, so that the next change is undone on its own. */
  stopCapturing(): void {
    this.#manager.stopCapturing();
  }

  destroy(): void {
    this.#manager.destroy();
  }
}
