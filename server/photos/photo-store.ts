import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
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

  /** The ids of a route's stored photos, sorted. */
  async list(routeId: string): Promise<string[]> {
    const entries = await readdir(join(this.dir, routeId)).catch(() => [] as string[]);
    return entries.filter(isPhotoId).sort();
  }

  /**
   * A folder to write a route archive's photos into while it is read and checked (`<id>/{full,thumb}.jpg`),
   * cleared by `removeIncoming` if the server stops first. `placeStaged` moves them into place.
   */
  async stagingDir(routeId: string): Promise<string> {
    const dir = join(this.dir, routeId, `.incoming-import-${newPhotoId()}`);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /** Removes a staging folder, and the route's folder if that leaves it empty (an import refused). */
  async dropStaging(routeId: string, staging: string): Promise<void> {
    await rm(staging, { recursive: true, force: true });
    await rmdir(join(this.dir, routeId)).catch(() => undefined);
  }

  /**
   * Moves staged photos into the route, each in one rename; refuses (and moves none) if one is there
   * already. Resolves with a function that removes the ones it placed, for when the import fails after.
   */
  async placeStaged(routeId: string, staging: string, ids: string[]): Promise<() => Promise<void>> {
    const placed: string[] = [];
    const remove = async (): Promise<void> => {
      for (const id of placed) await rm(join(this.dir, routeId, id), { recursive: true, force: true });
    };
    try {
      for (const id of ids) {
        const target = join(this.dir, routeId, id);
        if (await stat(target).catch(() => null)) throw new Error(`photo ${id} exists already`);
        await rename(join(staging, id), target);
        placed.push(id);
      }
    } catch (error) {
      await remove();
      throw error;
    }
    return remove;
  }

  /** The file of a stored photo, or null when there is none. */
  async file(routeId: string, id: string, size: PhotoSize): Promise<{ path: string; bytes: number } | null> {
    if (!isPhotoId(id)) return null;
    const path = join(this.dir, routeId, id, `${size}.jpg`);
    const info = await stat(path).catch(() => null);
    return info?.isFile() ? { path, bytes: info.size } : null;
  }
}
