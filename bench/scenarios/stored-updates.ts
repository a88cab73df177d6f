import * as Y from 'yjs';

export const authors = 10;

/**
 * `count` small updates as `authors` clients would make them in turn: each puts one entry at the head of a
 * shared list (newest first: appending walks the list in Yjs, which would make generating 100,000 take a
 * minute). Taking turns keeps Yjs from merging neighbouring entries, so the document stays `count` items
 * long after compaction too. One Y.Doc plays every author by switching its client id between transactions,
 * which produces the same updates as separate synced clients, without applying each update `authors` times.
 */
export function generateStoredUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const list = doc.getArray<{ a: number; n: number }>('log');
  for (let n = 0; n < count; n++) {
    doc.clientID = 1000 + (n % authors);
    list.insert(0, [{ a: n % authors, n }]);
  }
  doc.destroy();
  return updates;
}

/** Whether `doc` holds every entry of `generateStoredUpdates(count)`, in order. */
export function holdsStoredUpdates(doc: Y.Doc, count: number): boolean {
  const list = doc.getArray<{ a: number; n: number }>('log');
  if (list.length !== count) return false;
  let n = count - 1;
  for (const entry of list) {
    if (entry.n !== n || entry.a !== n % authors) return false;
    n--;
  }
  return true;
}
