import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.ts';
import { requestUpgrade } from './helpers/raw-socket.ts';
import { api, makeDataDir, routeWriteToken, startTestServer } from './helpers/server.ts';

const routeId = 'laos-2013';
const maxPhotoBytes = 2 * 1024 * 1024;
let server: RunningServer;
let data: Awaited<ReturnType<typeof makeDataDir>>;
let writer: string;
let reader: string;

/** A 12-megapixel camera JPEG with EXIF: a copyright line, an orientation tag and a GPS position. */
async function cameraJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#6a8f3c' } })
    .composite([{ input: { create: { width: 800, height: 600, channels: 3, background: '#c0603a' } }, left: 0, top: 0 }])
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Copyright: 'field-photo-copyright' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '14/1 48/1 0/1' } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function upload(body: Uint8Array | string, contentType: string, token: string | null = writer): Promise<{ status: number; body: { error?: string; message?: string; photo?: { id: string; width: number; height: number } } }> {
  const response = await fetch(`${server.url}/api/routes/${routeId}/photos`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body as BodyInit,
  });
  return { status: response.status, body: (await response.json()) as never };
}

async function storedFiles(): Promise<string[]> {
  return readdir(join(data.dir, 'photos', routeId)).catch(() => []);
}

beforeAll(async () => {
  data = await makeDataDir();
  server = await startTestServer(data.dir, { maxPhotoBytes });
  writer = await routeWriteToken(server, routeId);
  reader = (await api(server, '/api/tokens', { method: 'POST', body: { scope: `route/${routeId}`, access: 'read' } })).body.token;
});

afterAll(async () => {
  await server.close();
  await data.remove();
});

describe('photo uploads', () => {
  it('resizes a camera JPEG, turns it upright, strips its metadata and serves it with long cache lifetimes', async () => {
    const original = await cameraJpeg();
    const input = await sharp(original).metadata();
    expect(input).toMatchObject({ width: 4000, height: 3000, orientation: 6 });
    expect(input.exif?.toString('latin1')).toContain('field-photo-copyright');
    const { status, body } = await upload(original, 'image/jpeg');
    expect(status).toBe(201);
    // Orientation 6 is a camera held upright: the stored picture is portrait, at most 2000 px high.
    expect(body.photo).toMatchObject({ width: 1500, height: 2000 });
    const id = body.photo!.id;

    const stored = await readFile(join(data.dir, 'photos', routeId, id, 'full.jpg'));
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1500, height: 2000 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(stored.includes('field-photo-copyright')).toBe(false);
    const thumb = await sharp(await readFile(join(data.dir, 'photos', routeId, id, 'thumb.jpg'))).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(320);
    expect(thumb.exif).toBeUndefined();

    const served = await fetch(`${server.url}/api/routes/${routeId}/photos/${id}?size=thumb&token=${reader}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toContain('max-age=31536000');
    expect(Buffer.from(await served.arrayBuffer()).equals(await readFile(join(data.dir, 'photos', routeId, id, 'thumb.jpg')))).toBe(true);
  });

  it('accepts a PNG, flattened onto white as a JPEG', async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 10, g: 90, b: 120, alpha: 0.5 } } }).png().toBuffer();
    const { status, body } = await upload(png, 'image/png');
    expect(status).toBe(201);
    expect(body.photo).toMatchObject({ width: 300, height: 200 });
    const meta = await sharp(await readFile(join(data.dir, 'photos', routeId, body.photo!.id, 'full.jpg'))).metadata();
    expect(meta.format).toBe('jpeg');
  });

  it('refuses what is not an accepted picture with a clear JSON error, and stores nothing', async () => {
    const before = await storedFiles();
    const heif = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } }).heif({ compression: 'av1' }).toBuffer();
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    const cases: Array<[Uint8Array | string, string, number, string]> = [
      [heif, 'image/heic', 415, 'unsupported_image'],
      ['not a photo at all, just text renamed to field.jpg', 'image/jpeg', 415, 'not_an_image'],
      ['plain text', 'text/plain', 415, 'not_an_image'],
      [jpeg, 'image/png', 415, 'content_type_mismatch'],
      [jpeg.subarray(0, jpeg.length / 2), 'image/jpeg', 415, 'not_an_image'],
      [Buffer.alloc(maxPhotoBytes + 1, 0xff), 'image/jpeg', 413, 'photo_too_large'],
    ];
    for (const [body, type, status, error] of cases) {
      const answer = await upload(body, type);
      expect([answer.status, answer.body.error], `${type} ${error}`).toEqual([status, error]);
      expect(answer.body.message).toMatch(/\w/);
    }
    // Sent in chunks with no announced length, the body is counted as it arrives and refused at the limit.
    const chunk = new Uint8Array(256 * 1024).fill(0xff);
    let sent = 0;
    const streamed = new ReadableStream<Uint8Array>({
      pull(stream) {
        if (sent > maxPhotoBytes * 2) return stream.close();
        sent += chunk.length;
        stream.enqueue(chunk);
      },
    });
    const response = await fetch(`${server.url}/api/routes/${routeId}/photos`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${writer}` },
      body: streamed,
      duplex: 'half',
    } as RequestInit);
    expect([response.status, ((await response.json()) as { error: string }).error]).toEqual([413, 'photo_too_large']);
    expect(await storedFiles()).toEqual(before);
  });

  it('needs a write token for the route', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    expect(await upload(jpeg, 'image/jpeg', null)).toMatchObject({ status: 401, body: { error: 'token_missing' } });
    expect(await upload(jpeg, 'image/jpeg', 'not-a-token')).toMatchObject({ status: 401, body: { error: 'token_invalid' } });
    expect(await upload(jpeg, 'image/jpeg', reader)).toMatchObject({ status: 403, body: { error: 'read_only' } });
    const other = (await api(server, '/api/tokens', { method: 'POST', body: { scope: 'route/other', access: 'write' } })).body.token;
    expect(await upload(jpeg, 'image/jpeg', other)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect((await fetch(`${server.url}/api/routes/${routeId}/photos/aaaaaaaaaaaaaaaaaaaa`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/routes/${routeId}/photos/aaaaaaaaaaaaaaaaaaaa?token=${reader}`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/routes/${routeId}/photos/..%2F..%2Ftributary.sqlite?token=${reader}`)).status).toBe(404);
  });

  it('an upload cut short leaves nothing; leftovers of a crash are removed on the next start', async () => {
    const before = await storedFiles();
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(stream) {
        stream.enqueue(new Uint8Array(64 * 1024).fill(0xd8));
        setTimeout(() => controller.abort(), 50);
      },
    });
    await fetch(`${server.url}/api/routes/${routeId}/photos`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${writer}` },
      body,
      signal: controller.signal,
      duplex: 'half',
    } as RequestInit).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await storedFiles()).toEqual(before);

    // A process killed between writing and renaming leaves an incoming folder: the next start removes it.
    await mkdir(join(data.dir, 'photos', routeId, '.incoming-killed'), { recursive: true });
    await writeFile(join(data.dir, 'photos', routeId, '.incoming-killed', 'full.jpg'), 'half');
    await server.close();
    server = await startTestServer(data.dir, { maxPhotoBytes });
    expect(await storedFiles()).toEqual(before);
  });
});

describe('the photo pass', () => {
  const askForPass = (token: string | null, route = routeId) => api(server, `/api/routes/${route}/downloads`, { method: 'POST', token, body: { url: `/api/routes/${route}/photos/` } });
  const photoWith = (token: string, path = `/api/routes/${routeId}/photos/${photoId}?size=thumb`, method = 'GET') =>
    fetch(`${server.url}${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`, { method });
  let photoId: string;
  beforeAll(async () => {
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#246' } }).jpeg().toBuffer();
    photoId = (await upload(jpeg, 'image/jpeg')).body.photo!.id;
  });

  it('stands for the person\'s token in <img> addresses: every photo of the route, the same pass all through its window', async () => {
    const asked = await askForPass(reader);
    expect(asked.status).toBe(201);
    expect(asked.body.token).toMatch(/^d1\./);
    expect(asked.body.token).not.toContain(reader);
    const hoursLeft = (asked.body.expiresAt - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(12 - 0.01);
    expect(hoursLeft).toBeLessThanOrEqual(24);
    const served = await photoWith(asked.body.token);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect((await photoWith(asked.body.token, `/api/routes/${routeId}/photos/${photoId}`)).status).toBe(200);
    // Asked again (a reload, another tab): the same address, so the browser's cached photos are used.
    expect((await askForPass(reader)).body.token).toBe(asked.body.token);
  });

  it('is good for reading this route\'s photos only', async () => {
    const pass = (await askForPass(writer)).body.token as string;
    const otherPurpose = 'download_not_for_this';
    expect((await (await photoWith(pass, `/api/routes/${routeId}/report?format=md`)).json()).error).toBe(otherPurpose);
    expect((await (await photoWith(pass, `/api/routes/other/photos/${photoId}`)).json()).error).toBe(otherPurpose);
    expect((await (await photoWith(pass, `/api/routes/${routeId}/photos/${photoId}/more`)).json()).error).toMatch(/not_found|download_not_for_this/);
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    expect(await upload(jpeg, 'image/jpeg', pass)).toMatchObject({ status: 401, body: { error: 'token_invalid' } });
    expect((await requestUpgrade(server.url, `/sync/route/${routeId}/river?token=${encodeURIComponent(pass)}`)).status).toBe(401);
  });

  it('is given only to those who may see the route\'s photos', async () => {
    expect((await askForPass(null)).status).toBe(401);
    const other = (await api(server, '/api/tokens', { method: 'POST', body: { scope: 'route/other', access: 'read' } })).body.token;
    expect((await askForPass(other)).body.error).toBe('forbidden');
    // A token for the river alone sees its photos, so it gets the pass.
    const riverOnly = (await api(server, '/api/tokens', { method: 'POST', body: { scope: `route/${routeId}/river`, access: 'read' } })).body.token;
    expect((await photoWith((await askForPass(riverOnly)).body.token)).status).toBe(200);
  });
});
