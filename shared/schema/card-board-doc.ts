import type * as Y from 'yjs';
import { changePhoto } from './card-photos.ts';
import { setFields, type RecordValue } from './y-records.ts';

/** What every board's card has: the fields the common verbs below touch. */
interface BoardCard {
  id: string;
  text: string;
  color: string;
  photos: string[];
}

/**
 * Typed access to a document of cards, the part the river (`RiverDoc`) and the case grids (`CaseDoc`) share:
 * reading cards and the edits that are the same on every board. Where a card sits (a river cell, a grid
 * cell) is each board's own. Every method that changes the document is one transaction (one undo step).
 */
export abstract class CardBoardDoc<C extends BoardCard> {
  constructor(readonly doc: Y.Doc) {}

  /** The cards, each a record by its id. */
  abstract get cardsMap(): Y.Map<Y.Map<RecordValue>>;

  /** One card's record as the board's card type. */
  protected abstract readCard(map: Y.Map<RecordValue>): C;

  cards(): C[] {
    return [...this.cardsMap.values()].map((map) => this.readCard(map)).filter((card) => card.id !== '');
  }

  card(id: string): C | null {
    const map = this.cardsMap.get(id);
    return map ? this.readCard(map) : null;
  }

  editCard(id: string, fields: Partial<Pick<C, 'text' | 'color'>>, now: number): void {
    const map = this.cardsMap.get(id);
    if (!map) return;
    this.doc.transact(() => setFields(map, { ...fields, editedAt: now }));
  }

  /** Adds a photo to a card's list, kept beside any another person adds at the same time. */
  addPhoto(id: string, photoId: string, now: number): void {
    changePhoto(this.cardsMap.get(id), 'add', photoId, now);
  }

  /** Takes a photo off a card; the stored file stays, so an undo or a snapshot restore can show it again. */
  removePhoto(id: string, photoId: string, now: number): void {
    changePhoto(this.cardsMap.get(id), 'remove', photoId, now);
  }
}
