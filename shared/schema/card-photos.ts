import * as Y from 'yjs';
import { toYRecord, type RecordValue } from './y-records.ts';

/**
 * A card's photo ids (see `server/photos/`), in the order they were added, as a Y.Array under `photoList`
 * inside the card's record, made with the card: two people adding a photo to the same card at once both
 * keep theirs (one string field, as before, kept only the last write). River and grid cards store them alike.
 *
 * Documents written before kept them as one space-separated string under `photos`. The server turns every
 * card of a river or grid document without a list into one when it loads the document (`listEveryCardsPhotos`,
 * in one transaction that it stores and sends to everyone), so two people changing an old card's photos at
 * once no longer each make a list of their own, one of which would win and lose the other's photo. The
 * string is still read while a card has no list (a browser offline since before the conversion), and a
 * photo change on such a card still makes the list.
 */
const listKey = 'photoList';
const legacyKey = 'photos';

/** A card's record seen with the one field that is not a plain value. */
type CardMap = Y.Map<RecordValue | Y.Array<string>>;

function listOf(map: Y.Map<RecordValue>): Y.Array<string> | null {
  const value = (map as CardMap).get(listKey);
  return value instanceof Y.Array ? value : null;
}

function legacyPhotos(map: Y.Map<RecordValue>): string[] {
  const value = map.get(legacyKey);
  return typeof value === 'string' && value !== '' ? value.split(' ') : [];
}

export function readPhotos(map: Y.Map<RecordValue>): string[] {
  return listOf(map)?.toArray() ?? legacyPhotos(map);
}

/** A new card's record, with its photo list. */
export function cardRecord<T extends { photos: string[] }>(card: T): Y.Map<RecordValue> {
  const { photos, ...fields } = card;
  const map = toYRecord(fields);
  (map as CardMap).set(listKey, Y.Array.from(photos));
  return map;
}

/** The card's list, made from its old string field the first time. Call inside a transaction. */
function ensureList(map: Y.Map<RecordValue>): Y.Array<string> {
  const list = listOf(map);
  if (list) return list;
  const made = Y.Array.from(legacyPhotos(map));
  (map as CardMap).set(listKey, made);
  map.delete(legacyKey);
  return made;
}

/**
 * Gives every card without a photo list its list, from its old string field (removed), in one transaction:
 * the server's conversion of a document as it loads it. Returns how many cards it converted.
 */
export function listEveryCardsPhotos(cards: Y.Map<Y.Map<RecordValue>>): number {
  // Only records: a document is whatever its clients wrote, and a load must never fail on it.
  const old = [...cards.values()].filter((map) => map instanceof Y.Map && listOf(map) === null);
  if (old.length > 0) cards.doc!.transact(() => old.forEach(ensureList));
  return old.length;
}

/**
 * Adds (or takes off) a photo of a card in one transaction that also marks the card edited: the same on
 * every board whose cards carry photos (the river, the case grids).
 */
export function changePhoto(map: Y.Map<RecordValue> | undefined, change: 'add' | 'remove', photoId: string, now: number): void {
  if (!map) return;
  const apply = (): void => {
    const list = ensureList(map);
    if (change === 'add') {
      if (!list.toArray().includes(photoId)) list.push([photoId]);
    } else {
      // From the end, so indices stay right if the same id came in twice from two people at once.
      for (let i = list.length - 1; i >= 0; i -= 1) if (list.get(i) === photoId) list.delete(i, 1);
    }
    map.set('editedAt', now);
  };
  if (map.doc) map.doc.transact(apply);
  else apply();
}
