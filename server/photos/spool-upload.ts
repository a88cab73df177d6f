import { open, rm } from 'node:fs/promises';

export type Spooled = { ok: true; bytes: number } | { ok: false; reason: 'too_large' | 'empty' };

/**
 * Writes an upload's body to `path` as it arrives, so ten phones sending pictures at once hold ten files on
 * disk rather than ten bodies in memory while they wait their turn to be decoded. Stops reading, and removes
 * what it wrote, as soon as the body passes `maxBytes`; an empty body leaves no file either.
 */
export async function spoolUpload(body: ReadableStream<Uint8Array>, path: string, maxBytes: number): Promise<Spooled> {
  const file = await open(path, 'wx');
  const reader = body.getReader();
  let bytes = 0;
  let kept = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel();
        return { ok: false, reason: 'too_large' };
      }
      await file.write(value);
    }
    if (bytes === 0) return { ok: false, reason: 'empty' };
    kept = true;
    return { ok: true, bytes };
  } finally {
    await file.close();
    if (!kept) await rm(path, { force: true });
  }
}
