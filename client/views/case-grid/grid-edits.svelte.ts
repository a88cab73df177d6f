import { identity } from '../../lib/identity/identity.svelte.ts';
import { CardEdits } from '../../components/cards/card-edits.svelte.ts';
import type { CaseDoc, GridCard } from '../../../shared/schema/case.ts';

/** This tab's changes to a host's grids, each its own step of this person's undo (see `CardEdits`). */
export class GridEdits extends CardEdits {
  readonly #grid: CaseDoc;

  constructor(grid: CaseDoc) {
    super(grid.doc, [grid.cardsMap]);
    this.#grid = grid;
  }

  add(card: Pick<GridCard, 'text' | 'groupId' | 'rowId' | 'columnId'> & Partial<Pick<GridCard, 'color' | 'photos'>>): string {
    return this.change(() => this.#grid.addCard({ ...card, author: identity.displayName, authorId: identity.id }, Date.now()));
  }

  edit(ids: string[], fields: Partial<Pick<GridCard, 'text' | 'color'>>): void {
    this.change(() => {
      for (const id of ids) this.#grid.editCard(id, fields, Date.now());
    });
  }

  protected get board(): CaseDoc {
    return this.#grid;
  }

  move(ids: string[], to: { rowId: string; columnId: string; beforeId?: string | null }): void {
    if (ids.length > 0) this.change(() => this.#grid.moveCards(ids, to));
  }

  remove(ids: string[]): void {
    if (ids.length > 0) this.change(() => this.#grid.deleteCards(ids));
  }
}
