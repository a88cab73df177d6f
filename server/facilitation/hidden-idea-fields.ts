import { maxIdeaLength, type HiddenIdeasDoc } from '../../shared/schema/hidden-ideas.ts';
import { cardColors } from '../../shared/schema/river.ts';
import { isPhotoId } from '../photos/photo-store.ts';

/** Why a hidden idea was refused, with the status and error code the API answers with. */
export class HiddenIdeaError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

/** More than a card shows; a bound on what one idea's list may hold. */
const maxIdeaPhotos = 12;

/** The idea's text; empty only where `mayBeEmpty` (a card with photos). */
export function checkedText(text: unknown, mayBeEmpty: boolean): string {
  if (typeof text !== 'string' || text.length > maxIdeaLength || (text.trim() === '' && !mayBeEmpty)) throw noText();
  return text.trim();
}

export const noText = () => new HiddenIdeaError(400, 'invalid_text', `"text" must be an idea of 1 to ${maxIdeaLength} characters (a card with photos may have none).`);

export function checkedColor(color: unknown): string | undefined {
  if (color === undefined) return undefined;
  if (typeof color !== 'string' || !(cardColors as readonly string[]).includes(color)) throw new HiddenIdeaError(400, 'invalid_color', '"color" must be one of the cards\' colours.');
  return color;
}

export function checkedPhotos(photos: unknown): string[] | undefined {
  if (photos === undefined) return undefined;
  if (!Array.isArray(photos) || photos.length > maxIdeaPhotos || !photos.every((id) => typeof id === 'string' && isPhotoId(id))) {
    throw new HiddenIdeaError(400, 'invalid_photos', `"photos" must be a list of at most ${maxIdeaPhotos} photo ids from this route's uploads.`);
  }
  return [...new Set(photos as string[])];
}

/** What a change of an idea writes, checked. */
export type HiddenIdeaChanges = Parameters<HiddenIdeasDoc['change']>[1];

export const idTaken = () => new HiddenIdeaError(409, 'id_taken', 'An idea or card has this id already.');
