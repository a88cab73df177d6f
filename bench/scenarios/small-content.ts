import * as Y from 'yjs';

/**
 * A few hundred bytes, shaped like one card of a workshop board: a map of fields, a short text and a list
 * of votes. Enough to make a loaded document more than an empty Y.Doc, small enough that the per-document
 * overhead of the server dominates.
 */
export function writeSmallContent(doc: Y.Doc, seed: number): void {
  doc.transact(() => {
    const card = doc.getMap('card');
    card.set('title', `Card ${seed}`);
    card.set('author', `host-${seed % 7}`);
    card.set('colour', ['amber', 'teal', 'rose'][seed % 3]);
    card.set('position', { x: seed * 13, y: seed * 7 });
    doc.getText('body').insert(0, bodyFor(seed));
    doc.getArray('votes').push(Array.from({ length: 10 }, (_, i) => ({ voter: `v${i}`, score: (seed + i) % 5 })));
  });
}

export function hasSmallContent(doc: Y.Doc, seed: number): boolean {
  return (
    doc.getMap('card').get('title') === `Card ${seed}` &&
    doc.getText('body').toString() === bodyFor(seed) &&
    doc.getArray('votes').length === 10
  );
}

function bodyFor(seed: number): string {
  return `Notes from visit ${seed}: the cooperative sorts coffee by hand before the morning market; `.repeat(3);
}
