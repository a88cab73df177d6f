import { identity } from '../../lib/identity/identity.svelte.ts';
import { CardEdits } from '../../components/cards/card-edits.svelte.ts';
import type { Card, RiverDoc } from '../../../shared/schema/river.ts';

/** This tab's changes to the river, each its own step of this person's undo (see `CardEdits`). */
export class RiverEdits extends CardEdits {
  readonly #river: RiverDoc;

  constructor(river: RiverDoc) {
    super(river.doc, [river.cardsMap, river.linksMap]);
    this.#river = river;
  }

  add(card: Pick<Card, 'text' | 'streamId' | 'dayId'> & Partial<Pick<Card, 'color' | 'photos'>>): string {
    return this.change(() => this.#river.addCard({ ...card, author: identity.displayName, authorId: identity.id }, Date.now()));
  }

  edit(ids: string[], fields: Partial<Pick<Card, 'text' | 'color'>>): void {
    this.change(() => {
      for (const id of ids) this.#river.editCard(id, fields, Date.now());
    });
  }

  protected get board(): RiverDoc {
    return this.#river;
  }

  move(ids: string[], to: { streamId: string; dayId: string; beforeId?: string | null }): void {
    if (ids.length > 0) this.change(() => this.#river.moveCards(ids, to));
  }

  remove(ids: string[]): void {
    if (ids.length > 0) this.change(() => this.#river.deleteCards(ids));
  }

  /** Links two cards, or takes their link away when they have one. */
  toggleLink(from: string, to: string): void {
    const existing = this.#river.links().find((l) => (l.from === from && l.to === to) || (l.from === to && l.to === from));
    this.change(() => (existing ? this.#river.unlink(existing.id) : this.#river.linkCards(from, to)));
  }
}
