import type { RecordValue } from './y-records.ts';

/**
 * A card's photo ids (see `server/photos/`), in the order they were added, stored as one space-separated
 * string: records hold plain values only. River and grid cards store them alike.
 */
export function readPhotos(value: RecordValue | undefined): string[] {
  return typeof value === 'string' && value !== '' ? value.split(' ') : [];
}

/** A card's fields as a record, with its photos (when given) in their stored form. */
export function withStoredPhotos<T extends { photos?: string[] }>(fields: T): Omit<T, 'photos'> & { photos?: string } {
  const { photos, ...rest } = fields;
  return photos === undefined ? rest : { ...rest, photos: photos.join(' ') };
}
