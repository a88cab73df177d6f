import { refusals, type Grant } from './access.ts';
import { isDownloadToken, type DownloadRefusal, type DownloadRequest } from './download-tokens.ts';
import type { TokenService } from './tokens.ts';

export type Authentication = { ok: true; grant: Grant } | { ok: false; refusal: (typeof refusals)[keyof typeof refusals] | DownloadRefusal };

/** Whether a personal token's holder is still on the route: the facilitator can remove people. */
export interface PersonCheck {
  presence(routeId: string, personId: string): 'present' | 'removed' | 'loading';
}

/**
 * A token as the server believes it now: signed and unexpired, and, for a personal token, its person
 * not removed. A removed person's token stops working at once, on every path (A1). A download token
 * counts only for the download it was minted for (`request`: an HTTP request's method and path), never
 * where no request is given (WebSocket upgrades, document access).
 */
export function authenticate(tokens: TokenService, people: PersonCheck, token: string | undefined, now: number, request?: DownloadRequest): Authentication {
  if (!token) return { ok: false, refusal: refusals.missing };
  let grant: Grant | null;
  if (isDownloadToken(token)) {
    if (request === undefined) return { ok: false, refusal: refusals.invalid };
    const opened = tokens.downloads.open(token, request, now);
    if (!opened.ok) return opened;
    grant = opened.grant;
  } else {
    grant = tokens.verify(token);
  }
  if (grant === null) return { ok: false, refusal: refusals.invalid };
  if (grant.kind === 'admin') return { ok: true, grant };
  if (grant.expiresAt !== null && grant.expiresAt <= now) return { ok: false, refusal: refusals.expired };
  if (grant.kind === 'route' && grant.person !== undefined) {
    const presence = people.presence(grant.routeId, grant.person.id);
    if (presence !== 'present') return { ok: false, refusal: presence === 'loading' ? refusals.peopleLoading : refusals.removed };
  }
  return { ok: true, grant };
}
