import * as Y from 'yjs';

/**
 * Records (a card, a day, a host) are Y.Maps of plain values, so two people editing different fields of
 * the same record both win, and a field edited by both resolves to one of them on every screen.
 */
export type RecordValue = string | number | boolean | null;

export function toYRecord<T extends object>(record: T): Y.Map<RecordValue> {
  const map = new Y.Map<RecordValue>();
  for (const [key, value] of Object.entries(record)) if (value !== undefined) map.set(key, value as RecordValue);
  return map;
}

export function setFields<T extends object>(map: Y.Map<RecordValue>, fields: Partial<T>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (map.get(key) !== value) map.set(key, value as RecordValue);
  }
}

export const str = (map: Y.Map<RecordValue>, key: string, fallback = ''): string => {
  const value = map.get(key);
  return typeof value === 'string' ? value : fallback;
};

export const num = (map: Y.Map<RecordValue>, key: string, fallback = 0): number => {
  const value = map.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
};
