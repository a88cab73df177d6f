import * as Y from 'yjs';
import { toYRecord, type RecordValue } from './y-records.ts';

/**
 * A card's photo ids (see `server/photos/`), in the order they were added, as a Y.Array under `photoList`
 * inside the card's record, made with the card: two people adding a photo to the same card at once both
 * keep theirs (one string field, as before, kept only the last write). River and grid cards store them alike.
 *
 * Documents written before kept them as one space-separated string under `photos`. It is still read while a
 * card has no list, and the card's first photo change turns it into a list (and removes the string). Two
 * people changing such an old card's photos at the very same moment may still lose one: the list is made
 * twice and one wins, as with the string.
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
