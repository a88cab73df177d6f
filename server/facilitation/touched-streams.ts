import * as Y from 'yjs';
import { riverRoots } from '../../shared/schema/river.ts';
import { readUpdate } from '../docs/update-reading.ts';

/**
 * The river streams an update touches, read without applying it: cards added to, edited in, moved out
 * of or into, or deleted from them. Used by the stream-lock write rule (A3) for participants' updates to a
 * river while one of its streams is locked, so its cost falls only on those.
 *
 * A card is a Y.Map under the `cards` root; its `streamId` field says its stream.
 */
export function touchedStreams(doc: Y.Doc, update: Uint8Array): Set<string> {
  const touched = new Set<string>();
  const reading = readUpdate(doc, update);
  if (reading === null) return touched;
  const { isFresh, parentOf } = reading;
  const cards = doc.getMap<Y.Map<unknown>>(riverRoots.cards);
  const streamOfMap = (map: unknown): void => {
    const stream = map instanceof Y.Map ? map.get('streamId') : undefined;
    if (typeof stream === 'string') touched.add(stream);
  };

  const isCardItem = (item: Y.Item): boolean => {
    const parent = parentOf(item);
    return parent !== null && 'root' in parent && parent.root === riverRoots.cards;
  };

  for (const item of reading.fresh.values()) {
    const parent = parentOf(item);
    if (parent === null) continue;
    if ('root' in parent) {
      // A card set or replaced: the card it replaces counts, its own fields are seen below.
      if (parent.root === riverRoots.cards && parent.sub !== null) streamOfMap(cards.get(parent.sub));
      continue;
    }
    if (!isCardItem(parent.item)) continue;
    // A field of a card: the card's stream now, and the stream it moves to.
    if (!isFresh(parent.item)) streamOfMap((parent.item.content as Y.ContentType).type);
    if (parent.sub === 'streamId') {
      const value = item.content.getContent()[0];
      if (typeof value === 'string') touched.add(value);
    }
  }

  // Deleting a card, or overwriting one's field, deletes items already in the document.
  for (const item of reading.deletedItems()) {
    const parent = item.parent;
    if (parent === cards) streamOfMap((item.content as Y.ContentType).type);
    else if (parent instanceof Y.Map && parent._item !== null && parent._item.parent === cards) streamOfMap(parent);
  }
  return touched;
}
