import * as Y from 'yjs';
import { identity } from '../../lib/identity/identity.svelte.ts';
import type { CaseDoc, GridCard } from '../../../shared/schema/case.ts';

/**
 * This tab's changes to a host's grids, each one transaction tagged with this object as origin; the undo
 * manager tracks that origin only, so Ctrl+Z takes back what this person did, never others' changes.
 */
export class GridEdits {
  readonly #grid: CaseDoc;
  readonly #undo: Y.UndoManager;
  canUndo = $state(false);
  canRedo = $state(false);

  constructor(grid: CaseDoc) {
    this.#grid = grid;
    this.#undo = new Y.UndoManager([grid.cardsMap]);
    this.#undo.removeTrackedOrigin(null);
    this.#undo.addTrackedOrigin(this);
  }

  add(card: Pick<GridCard, 'text' | 'groupId' | 'rowId' | 'columnId'> & Partial<Pick<GridCard, 'color' | 'photos'>>): string {
    return this.#change(() => this.#grid.addCard({ ...card, author: identity.displayName, authorId: identity.id }, Date.now()));
  }

  edit(ids: string[], fields: Partial<Pick<GridCard, 'text' | 'color' | 'photos'>>): void {
    this.#change(() => {
      for (const id of ids) this.#grid.editCard(id, fields, Date.now());
    });
  }

  /** Adds a photo to a card, read fresh so a photo another person added meanwhile is kept. */
  addPhoto(id: string, photoId: string): void {
    const card = this.#grid.card(id);
    if (card) this.edit([id], { photos: [...card.photos, photoId] });
  }

  removePhoto(id: string, photoId: string): void {
    const card = this.#grid.card(id);
    if (card) this.edit([id], { photos: card.photos.filter((p) => p !== photoId) });
  }

  move(ids: string[], to: { rowId: string; columnId: string; beforeId?: string | null }): void {
    if (ids.length > 0) this.#change(() => this.#grid.moveCards(ids, to));
  }

  remove(ids: string[]): void {
    if (ids.length > 0) this.#change(() => this.#grid.deleteCards(ids));
  }

  undo(): void {
    this.#undo.undo();
    this.#follow();
  }

  redo(): void {
    this.#undo.redo();
    this.#follow();
  }

  destroy(): void {
    this.#undo.destroy();
  }

  #change<T>(apply: () => T): T {
    this.#undo.stopCapturing();
    let result!: T;
    this.#grid.doc.transact(() => (result = apply()), this);
    this.#follow();
    return result;
  }

  #follow(): void {
    this.canUndo = this.#undo.canUndo();
    this.canRedo = this.#undo.canRedo();
  }
}
