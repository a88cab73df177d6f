import { downloadUrl } from '../api/downloads.ts';
import { tokenFor } from './token.ts';

/**
 * The route's photo pass (server/auth/download-tokens.ts): what a photo's <img> address carries instead of
 * the person's own token, which "copy image address" or "open image in new tab" would otherwise hand on or
 * write into the browser's history. The server gives the same pass all through a 12-hour window, so the
 * browser's cached photos keep their addresses; it is kept on this device for reloads and offline use, with
 * the end of the person's token it was asked with, so that someone else signing in here gets their own.
 */
const storageKey = 'tributary.photoPasses';
/** Asked again once a new window has started: a pass has 12 to 24 hours left when the server gives it. */
const renewWithinMs = 12 * 60 * 60_000;
const retryAfterMs = 30_000;

interface Pass {
  token: string;
  expiresAt: number;
  /** The end of the person's token (its signature) this pass was asked with. */
  owner: string;
}

const ownerOf = (token: string): string => token.slice(-16);

function readStored(): Record<string, Pass> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, Pass>) : {};
  } catch {
    return {};
  }
}

class PhotoPasses {
  #passes = $state<Record<string, Pass>>(readStored());
  /** Routes being asked for, and when an ask last failed: a render asks at most once per retry period. */
  #asking = new Set<string>();
  #failedAt = new Map<string, number>();

  /**
   * The `token` query for the route's photos: the pass, '' where the person holds no token (an open
   * server), or null until the first pass arrives. Reading it in a template re-renders when it does.
   */
  query(routeId: string): string | null {
    const token = tokenFor(routeId);
    if (token === null) return '';
    const pass = this.#passes[routeId];
    const ours = pass !== undefined && pass.owner === ownerOf(token) ? pass : undefined;
    if (ours === undefined || ours.expiresAt - Date.now() < renewWithinMs) this.#ask(routeId, token);
    // An expired pass still names the photos the browser has cached; the server refuses it for any other.
    return ours?.token ?? null;
  }

  #ask(routeId: string, token: string): void {
    if (this.#asking.has(routeId) || Date.now() - (this.#failedAt.get(routeId) ?? -Infinity) < retryAfterMs) return;
    this.#asking.add(routeId);
    void downloadUrl(token, routeId, `/api/routes/${routeId}/photos/`).then((result) => {
      this.#asking.delete(routeId);
      if (!result.ok || typeof result.data.token !== 'string') {
        this.#failedAt.set(routeId, Date.now());
        return;
      }
      this.#passes[routeId] = { token: result.data.token, expiresAt: result.data.expiresAt, owner: ownerOf(token) };
      try {
        localStorage.setItem(storageKey, JSON.stringify(this.#passes));
      } catch {
        // Storage full or refused: the pass still serves this page.
      }
    });
  }
}

export const photoPasses = new PhotoPasses();
