import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A route's photos as files beside the database: `<dir>/<routeId>/<photoId>/{full,thumb}.jpg`. A photo
 * is written into a hidden `.incoming-…` folder and renamed into place in one step, so a reader sees all
 * of it or nothing, and an upload cut short leaves only an incoming folder that the next start removes.
 * Photos are never deleted with a card: snapshots and restores keep referring to them.
 */
const alphabet = 'abcdefghijkmnopqrstuvwxyz23456789';
const photoIdPattern = /^[a-z2-9]{20}$/;

export type PhotoSize = 'full' | 'thumb';

export function isPhotoId(id: string): boolean {
  return photoIdPattern.test(id);
}

function newPhotoId(): string {
  return Array.from(randomBytes(20), (byte) => alphabet[byte % alphabet.length]).join('');
}

export class PhotoStore {
  constructor(readonly dir: string) {}

  /** Removes what interrupted uploads left behind. Run once at start, before serving. */
  async removeIncoming(): Promise<void> {
    const routes = await readdir(this.dir).catch(() => [] as string[]);
    for (const route of routes) {
      const entries = await readdir(join(this.dir, route)).catch(() => [] as string[]);
      for (const entry of entries) if (entry.startsWith('.incoming-')) await rm(join(this.dir, route, entry), { recursive: true, force: true });
    }
  }

  /**
   * A place for an upload's body while it arrives and is decoded: beside the route's photos, named so that
   * `removeIncoming` clears it if the server stops first. The caller removes it when done.
   */
  async uploadPath(routeId: string): Promise<string> {
    const routeDir = join(this.dir, routeId);
    await mkdir(routeDir, { recursive: true });
    return join(routeDir, `.incoming-upload-${newPhotoId()}`);
  }

  async save(routeId: string, files: Record<PhotoSize, Buffer>): Promise<string> {
    const id = newPhotoId();
    const routeDir = join(this.dir, routeId);
    const incoming = join(routeDir, `.incoming-${id}`);
    await mkdir(incoming, { recursive: true });
    try {
      for (const size of ['full', 'thumb'] as const) {
        const file = await open(join(incoming, `${size}.jpg`), 'w');
        try {
          await file.writeFile(files[size]);
          await file.sync();
        } finally {
          await file.close();
        }
      }
      await rename(incoming, join(routeDir, id));
    } catch (error) {
      await rm(incoming, { recursive: true, force: true });
      throw error;
    }
    return id;
  }

  /** The file of a stored photo, or null when there is none. */
  async file(routeId: string, id: string, size: PhotoSize): Promise<{ path: string; bytes: number } | null> {
    if (!isPhotoId(id)) return null;
    const path = join(this.dir, routeId, id, `${size}.jpg`);
    const info = await stat(path).catch(() => null);
    return info?.isFile() ? { path, bytes: info.size } : null;
  }
}
