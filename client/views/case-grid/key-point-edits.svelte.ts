import { UndoableEdits } from '../../components/cards/card-edits.svelte.ts';
import type { CaseTemplates } from '../../../shared/schema/case.ts';

/**
 * A facilitator's key-point marks in this tab, each its own step of their undo (Ctrl+Z or the toolbar's
 * undo on the comparison): a mark set on the wrong cards goes back to what those cards were, and marks
 * other facilitators set meanwhile stay.
 */
export class KeyPointEdits extends UndoableEdits {
  readonly #templates: CaseTemplates;

  constructor(templates: CaseTemplates) {
    super(templates.doc, [templates.keyPointsMap]);
    this.#templates = templates;
  }

  mark(hostId: string, cardIds: string[], isKey: boolean): void {
    if (cardIds.length > 0) this.change(() => this.#templates.setKeyPoint(hostId, cardIds, isKey));
  }
}
