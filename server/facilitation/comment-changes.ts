import * as Y from 'yjs';
import { commentsRoot } from '../../shared/schema/plan-comments.ts';
import { readUpdate } from '../docs/update-reading.ts';

/** What an update does to a plan's comments (shared/schema/plan-comments.ts), read without applying it. */
export type CommentChange =
  /** A new comment or reply; each field's values as the update writes them (a field written twice has two). */
  | { kind: 'added'; ids: string[]; authorIds: string[]; idTaken: boolean }
  | { kind: 'edited'; record: ExistingRecord; field: string }
  | { kind: 'deleted'; record: ExistingRecord };

export interface ExistingRecord {
  id: string;
  threadId: string;
  authorId: string;
}

type Place = 'outside' | 'unknown' | { record: Y.Item; field: string | null };

/**
 * The comments an update adds, edits or deletes, for the comment rule (A3). Text and tables are passed
 * over: each of an update's items is followed up to its root, and only those under the comments array count.
 *
 * An item whose parent is in neither the update nor the document is passed over too: updates are checked
 * as they arrive and applied later in the event-loop turn, so a client typing fast sends updates whose items
 * hang on its previous update's, not applied yet. Such an item's parent is its neighbour's, which that
 * earlier update brought and was checked with. (Left open: an item hung on another connection's comment
 * queued in the same turn, a few milliseconds' window.)
 */
export function commentChanges(doc: Y.Doc, update: Uint8Array): CommentChange[] {
  const reading = readUpdate(doc, update);
  if (reading === null) return [];
  const { parentOf, isFresh } = reading;

  /** The comment record an item belongs to, and which of its fields (null: the record itself). */
  const placeOf = (item: Y.Item): Place => {
    let current = item;
    let childSub: string | null = null;
    let isRecord = true;
    for (let depth = 0; depth < 64; depth++) {
      const parent = parentOf(current);
      if (parent === null) return 'unknown';
      if ('root' in parent) return parent.root === commentsRoot ? { record: current, field: isRecord ? null : (childSub ?? '') } : 'outside';
      childSub = parent.sub;
      isRecord = false;
      current = parent.item;
    }
    return 'unknown';
  };
  const existing = (record: Y.Item): ExistingRecord => {
    const map = (record.content as Y.ContentType).type as Y.Map<unknown>;
    const text = (field: string): string => {
      const value = map.get(field);
      return typeof value === 'string' ? value : '';
    };
    return { id: text('id'), threadId: text('threadId'), authorId: text('authorId') };
  };
  const existingIds = new Set(doc.getArray<Y.Map<unknown>>(commentsRoot).toArray().map((map) => map.get('id')));

  const changes: CommentChange[] = [];
  const added = new Map<Y.Item, Extract<CommentChange, { kind: 'added' }>>();
  const addedRecord = (record: Y.Item) => {
    let change = added.get(record);
    if (change === undefined) {
      change = { kind: 'added', ids: [], authorIds: [], idTaken: false };
      added.set(record, change);
      changes.push(change);
    }
    return change;
  };
  for (const item of reading.fresh.values()) {
    const place = placeOf(item);
    if (place === 'unknown' || place === 'outside') continue;
    if (!isFresh(place.record)) {
      changes.push({ kind: 'edited', record: existing(place.record), field: place.field ?? '' });
      continue;
    }
    const change = addedRecord(place.record);
    if (place.field !== 'id' && place.field !== 'authorId') continue;
    const value = item.content.getContent()[0];
    const text = typeof value === 'string' ? value : '';
    if (place.field === 'authorId') change.authorIds.push(text);
    else {
      change.ids.push(text);
      if (existingIds.has(text)) change.idTaken = true;
    }
  }
  const edited: Array<{ record: Y.Item; field: string }> = [];
  const deleted = new Set<Y.Item>();
  for (const item of reading.deletedItems()) {
    // A delete set names what is deleted already too (a reconnecting client sends all it knows of).
    if (item.deleted) continue;
    const place = placeOf(item);
    if (place === 'unknown' || place === 'outside') continue;
    if (place.field === null) deleted.add(place.record);
    else edited.push({ record: place.record, field: place.field });
  }
  for (const record of deleted) changes.push({ kind: 'deleted', record: existing(record) });
  // Deleting a record deletes its fields' items too: that is the deletion, not an edit.
  for (const { record, field } of edited) if (!deleted.has(record)) changes.push({ kind: 'edited', record: existing(record), field });
  return changes;
}
