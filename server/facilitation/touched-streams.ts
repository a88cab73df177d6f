import * as Y from 'yjs';
import { riverRoots } from '../../shared/schema/river.ts';

type ParentRef = { root: string; sub: string | null } | { item: Y.Item; sub: string | null };

/**
 * The river streams an update touches, read without applying it: cards added to, edited in, moved out
 * of or into, or deleted from them. Used by the stream-lock write rule (A3) for participants' updates to a
 * river while one of its streams is locked, so its cost falls only on those.
 *
 * A card is a Y.Map under the `cards` root; its `streamId` field says its stream. An update's items name
 * their parent directly, or through a neighbour (`origin`) that is in the update or already in the document.
 */
export function touchedStreams(doc: Y.Doc, update: Uint8Array): Set<string> {
  const touched = new Set<string>();
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return touched; // undecodable: the room refuses it anyway (B1)
  }
  const fresh = new Map<string, Y.Item>();
  for (const struct of decoded.structs) if (struct instanceof Y.Item) fresh.set(key(struct.id), struct);
  const cards = doc.getMap<Y.Map<unknown>>(riverRoots.cards);
  const streamOfMap = (map: unknown): void => {
    const stream = map instanceof Y.Map ? map.get('streamId') : undefined;
    if (typeof stream === 'string') touched.add(stream);
  };

  const lookup = (id: Y.ID): Y.Item | null => {
    const inUpdate = fresh.get(key(id));
    if (inUpdate) return inUpdate;
    if (Y.getState(doc.store, id.client) <= id.clock) return null;
    const stored = Y.getItem(doc.store, id);
    return stored instanceof Y.Item ? stored : null;
  };
  const isFresh = (item: Y.Item): boolean => fresh.get(key(item.id)) === item;

  /** The parent of an item, whichever way the update names it. */
  const parentOf = (item: Y.Item, depth = 0): ParentRef | null => {
    if (!isFresh(item)) {
      const type = item.parent;
      if (!(type instanceof Y.AbstractType)) return null;
      return type._item === null ? { root: Y.findRootTypeKey(type), sub: item.parentSub } : { item: type._item, sub: item.parentSub };
    }
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { root: parent, sub: item.parentSub };
    if (parent instanceof Y.ID) {
      const parentItem = lookup(parent);
      return parentItem === null ? null : { item: parentItem, sub: item.parentSub };
    }
    const neighbourId = item.origin ?? item.rightOrigin;
    const neighbour = neighbourId === null || depth > 64 ? null : lookup(neighbourId);
    return neighbour === null ? null : parentOf(neighbour, depth + 1);
  };

  const isCardItem = (item: Y.Item): boolean => {
    const parent = parentOf(item);
    return parent !== null && 'root' in parent && parent.root === riverRoots.cards;
  };

  for (const item of fresh.values()) {
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
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      for (let clock = range.clock; clock < range.clock + range.len; ) {
        const item = lookup(Y.createID(client, clock));
        if (item === null || isFresh(item)) break;
        const parent = item.parent;
        if (parent === cards) streamOfMap((item.content as Y.ContentType).type);
        else if (parent instanceof Y.Map && parent._item !== null && parent._item.parent === cards) streamOfMap(parent);
        clock = item.id.clock + item.length;
      }
    }
  }
  return touched;
}

const key = (id: Y.ID): string => `${id.client}:${id.clock}`;
