import type { HiddenIdea } from '../../../shared/schema/hidden-ideas.ts';

/**
 * A board's cards with its hidden ones after them. The reveal writes the board and the control document
 * in one commit, but they reach this page apart: a card may be in both for a moment, and is drawn once.
 */
export function withHidden<Card extends { id: string }>(shared: Card[], hidden: Card[]): Card[] {
  if (hidden.length === 0) return shared;
  const ids = new Set(shared.map((card) => card.id));
  return [...shared, ...hidden.filter((card) => !ids.has(card.id))];
}

/** What a hidden idea shows as a card on any board; the board adds the place it has there. */
export function hiddenCardOf(idea: HiddenIdea) {
  const { id, text, author, authorId, color, photos, createdAt } = idea;
  // After the board's own cards of the cell (their orders count up by about one a card), in the order
  // written: a base where doubles still tell milliseconds apart, which half of MAX_SAFE_INTEGER did not.
  return { id, text, author, authorId, color, photos, createdAt, editedAt: createdAt, order: 1e9 + createdAt / 1e6 };
}
