import type { Card } from '../../../../shared/schema/river.ts';
import { fold, foldedCard } from './card-search.ts';

/** Search and filters: a card is shown when it matches all that are set. */
export class CardFilters {
  search = $state('');
  streamId = $state('');
  dayId = $state('');
  authorId = $state('');

  get isActive(): boolean {
    return this.search.trim() !== '' || this.streamId !== '' || this.dayId !== '' || this.authorId !== '';
  }

  /** The cards shown; the very same array when nothing filters, so nothing downstream recomputes. */
  apply(cards: Card[]): Card[] {
    if (!this.isActive) return cards;
    const words = fold(this.search).split(/\s+/).filter(Boolean);
    return cards.filter(
      (card) =>
        (this.streamId === '' || card.streamId === this.streamId) &&
        (this.dayId === '' || card.dayId === this.dayId) &&
        (this.authorId === '' || card.authorId === this.authorId) &&
        words.every((word) => foldedCard(card).includes(word)),
    );
  }

  clear(): void {
    this.search = '';
    this.streamId = '';
    this.dayId = '';
    this.authorId = '';
  }
}
