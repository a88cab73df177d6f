import type { Sharp } from 'sharp';

/**
 * Turns an upload into the two pictures the board shows: a full picture no larger than a projector needs
 * and a card thumbnail, both JPEG, turned upright from the camera's orientation tag. sharp writes no
 * metadata unless asked, so EXIF (GPS position, camera serial, time) and XMP are gone from both.
 */
// 2000, not 2048: a 12-megapixel camera picture is 4000 px wide, and libjpeg decodes straight at half size
// only when it shrinks by a factor of 2 or more (shrink-on-load): one upload 2.0 s → 1.25 s (BENCHMARKS.md).
export const fullSize = 2000;
export const thumbSize = 320;

/** What an upload may be, by the format its bytes say, and the content types that may announce it. */
const accepted: Record<string, readonly string[]> = {
  jpeg: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  png: ['image/png'],
  webp: ['image/webp'],
};

export type Processed =
  | { ok: true; full: Buffer; thumb: Buffer; width: number; height: number }
  | { ok: false; status: 415; error: 'not_an_image' | 'unsupported_image' | 'content_type_mismatch'; message: string };

type SharpModule = (typeof import('sharp'))['default'];

let loading: Promise<SharpModule> | null = null;
/**
 * sharp and its libvips are loaded on the first upload, not at start: about 16 MiB of resident memory that a
 * server nobody sends photos to never needs. One libvips thread per picture and no operation cache: uploads
 * come in bursts after a visit, and the server's memory must stay near its idle size (see `PhotoGate` for
 * how many run at once).
 */
function loadSharp(): Promise<SharpModule> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.concurrency(1);
    sharp.cache(false);
    return sharp;
  });
  return loading;
}

/** `input`: the upload's bytes, or the path of the file they were spooled to. */
export async function processPhoto(input: Uint8Array | string, contentType: string): Promise<Processed> {
  const sharp = await loadSharp();
  let format: string | undefined;
  try {
    format = (await sharp(input).metadata()).format;
  } catch {
    return { ok: false, status: 415, error: 'not_an_image', message: 'This file is not a picture the server can read.' };
  }
  const types = format === undefined ? undefined : accepted[format];
  if (!types) {
    return {
      ok: false,
      status: 415,
      error: 'unsupported_image',
      message: `Pictures in ${format?.toUpperCase() ?? 'this'} format are not accepted: send a JPEG, PNG or WebP (on a phone, set the camera to its most compatible format).`,
    };
  }
  if (!types.includes(contentType)) {
    return { ok: false, status: 415, error: 'content_type_mismatch', message: `The file says it is ${contentType || 'untyped'} but it is a ${format!.toUpperCase()} picture.` };
  }
  try {
    const upright = (): Sharp => sharp(input, { failOn: 'error', sequentialRead: true }).rotate().flatten({ background: '#ffffff' });
    const full = await upright()
      .resize({ width: fullSize, height: fullSize, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(full.data).resize({ width: thumbSize, height: thumbSize, fit: 'inside' }).jpeg({ quality: 78 }).toBuffer();
    return { ok: true, full: full.data, thumb, width: full.info.width, height: full.info.height };
  } catch {
    return { ok: false, status: 415, error: 'not_an_image', message: 'This picture is damaged or cut short: it could not be read to the end.' };
  }
}

/**
 * Lets a few pictures be decoded at once and queues the rest: ten people sending 12-megapixel photos
 * together must not hold ten decoded pictures in memory. The server runs one at a time (main.ts): on the
 * benchmark machine a second one at once added ~90 MiB of peak memory and saved little time on 2 cores.
 */
export class PhotoGate {
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running += 1;
    try {
      return await task();
    } finally {
      this.#running -= 1;
      this.#waiting.shift()?.();
    }
  }
}
