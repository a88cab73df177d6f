import * as Y from 'yjs';

export type ParentRef = { root: string; sub: string | null } | { item: Y.Item; sub: string | null };

/**
 * An update read against the document it is for, without applying it: what the write rules (A3) need to
 * know which parts of a document an update changes. An update's items name their parent directly, or
 * through a neighbour (`origin`) that is in the update or already in the document; its delete set names
 * items already in the document.
 */
export interface UpdateReading {
  /** The items the update adds. */
  readonly fresh: ReadonlyMap<string, Y.Item>;
  isFresh(item: Y.Item): boolean;
  /** The parent of an item, in the update or in the document; null when neither holds it. */
  parentOf(item: Y.Item): ParentRef | null;
  /** The items of the document the update deletes. */
  deletedItems(): Y.Item[];
}

/** Reads `update` against `doc`; null when it cannot be decoded (the room refuses it anyway, B1). */
export function readUpdate(doc: Y.Doc, update: Uint8Array): UpdateReading | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return null;
  }
  const fresh = new Map<string, Y.Item>();
  for (const struct of decoded.structs) if (struct instanceof Y.Item) fresh.set(key(struct.id), struct);

  const lookup = (id: Y.ID): Y.Item | null => {
    const inUpdate = fresh.get(key(id));
    if (inUpdate) return inUpdate;
    if (Y.getState(doc.store, id.client) <= id.clock) return null;
    const stored = Y.getItem(doc.store, id);
    return stored instanceof Y.Item ? stored : null;
  };
  const isFresh = (item: Y.Item): boolean => fresh.get(key(item.id)) === item;

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

  return {
    fresh,
    isFresh,
    parentOf: (item) => parentOf(item),
    deletedItems() {
      const items: Y.Item[] = [];
      for (const [client, ranges] of decoded.ds.clients) {
        for (const range of ranges) {
          for (let clock = range.clock; clock < range.clock + range.len; ) {
            const item = lookup(Y.createID(client, clock));
            if (item === null || isFresh(item)) break;
            items.push(item);
            clock = item.id.clock + item.length;
          }
        }
      }
      return items;
    },
  };
}

const key = (id: Y.ID): string => `${id.client}:${id.clock}`;
