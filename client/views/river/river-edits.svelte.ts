import * as Y from 'yjs';
import { identity } from '../../lib/identity/identity.svelte.ts';
import type { Card, RiverDoc } from '../../../shared/schema/river.ts';

/**
 * This tab's changes to the river. Each goes through one transaction tagged with this object as its
 * origin, and the undo manager tracks that origin only: Ctrl+Z takes back what this person did, never
 * what others did meanwhile (their changes arrive with the provider as origin).
 */
export class RiverEdits {
  readonly #river: RiverDoc;
  readonly #undo: Y.UndoManager;
  /** The undo manager's stacks are not reactive; these follow them after every change made here. */
  canUndo = $state(false);
  canRedo = $state(false);

  constructor(river: RiverDoc) {
    this.#river = river;
    this.#undo = new Y.UndoManager([river.cardsMap, river.linksMap]);
    // By default it tracks transactions without an origin; only this tab's tagged ones belong to it.
    this.#undo.removeTrackedOrigin(null);
    this.#undo.addTrackedOrigin(this);
  }

  add(card: Pick<Card, 'text' | 'streamId' | 'dayId'> & Partial<Pick<Card, 'color'>>): string {
    return this.#change(() =>
      this.#river.addCard({ ...card, author: identity.displayName, authorId: identity.id }, Date.now()),
    );
  }

  edit(ids: string[], fields: Partial<Pick<Card, 'text' | 'color'>>): void {
    this.#change(() => {
      for (const id of ids) this.#river.editCard(id, fields, Date.now());
    });
  }

  move(ids: string[], to: { streamId: string; dayId: string; beforeId?: string | null }): void {
    if (ids.length > 0) this.#change(() => this.#river.moveCards(ids, to));
  }

  remove(ids: string[]): void {
    if (ids.length > 0) this.#change(() => this.#river.deleteCards(ids));
  }

  /** Links two cards, or takes their link away when they have one. */
  toggleLink(from: string, to: string): void {
    const existing = this.#river.links().find((l) => (l.from === from && l.to === to) || (l.from === to && l.to === from));
    this.#change(() => (existing ? this.#river.unlink(existing.id) : this.#river.linkCards(from, to)));
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
    // Every action is its own undo step, however quickly the next one follows.
    this.#undo.stopCapturing();
    let result!: T;
    this.#river.doc.transact(() => (result = apply()), this);
    this.#follow();
    return result;
  }

  #follow(): void {
    this.canUndo = this.#undo.canUndo();
    this.canRedo = this.#undo.canRedo();
  }
}
