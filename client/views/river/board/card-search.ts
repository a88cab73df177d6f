import type { Card } from '../../../../shared/schema/river.ts';

const folded = new WeakMap<Card, string>();

/**
 * Lower case without Latin accents, so "nong nghiep" finds "nông nghiệp" and "cafe" finds "café".
 * Only U+0300–U+036F are dropped: Lao vowels and tone marks are combining characters too, and dropping
 * them would make different Lao words match.
 */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/** A card's searchable text, folded once: a card keeps its object until it changes. */
export function foldedCard(card: Card): string {
  let text = folded.get(card);
  if (text === undefined) folded.set(card, (text = fold(`${card.text}\n${card.author}`)));
  return text;
}

/** Everyone who wrote a card, by the name on their latest card. */
export function authorsOf(cards: Card[]): Array<{ id: string; name: string }> {
  const latest = new Map<string, Card>();
  for (const card of cards) {
    const seen = latest.get(card.authorId);
    if (!seen || seen.createdAt < card.createdAt) latest.set(card.authorId, card);
  }
  return [...latest.values()].map((card) => ({ id: card.authorId, name: card.author })).sort((a, b) => a.name.localeCompare(b.name));
}
