import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listEveryCardsPhotos, readPhotos } from '../../../../shared/schema/card-photos.ts';
import type { RecordValue } from '../../../../shared/schema/y-records.ts';

describe('listEveryCardsPhotos, the server’s conversion of old photo fields on load', () => {
  it('gives old cards their list and leaves what is not a card record alone', () => {
    const doc = new Y.Doc();
    const cards = doc.getMap<Y.Map<RecordValue>>('cards');
    const old = new Y.Map<RecordValue>();
    old.set('photos', 'a b');
    cards.set('old', old);
    // Whatever a client wrote there: a load must not fail on it (the kill -9 test's river holds numbers).
    (cards as unknown as Y.Map<unknown>).set('n', 7);
    (cards as unknown as Y.Map<unknown>).set('s', 'text');
    expect(listEveryCardsPhotos(cards)).toBe(1);
    expect(readPhotos(cards.get('old')!)).toEqual(['a', 'b']);
    expect(listEveryCardsPhotos(cards)).toBe(0);
    expect((cards as unknown as Y.Map<unknown>).get('n')).toBe(7);
  });
});
