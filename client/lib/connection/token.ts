const storageKey = 'tributary.tokens';
const anyRoute = '*';

type TokenStore = Record<string, string>;

function readStore(): TokenStore {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as TokenStore) : {};
  } catch {
    return {};
  }
}

/**
 * Keeps a token on this device: per route, because a facilitator may hold links to several routes
 * while a participant holds one; a token that came without a route (an admin's) serves every route
 * that has none of its own.
 */
export function keepToken(token: string, routeId: string | null): void {
  const store = readStore();
  store[routeId ?? anyRoute] = token;
  localStorage.setItem(storageKey, JSON.stringify(store));
}

/**
 * The access token arrives once in a link (`?token=`) and is then kept in localStorage and removed from
 * the address bar, so that it does not end up in screenshots, bookmarks or a link copied to someone else.
 * Call before anything else reads the address.
 */
export function takeTokenFromAddress(routeIdOf: (pathname: string) => string | null): void {
  const url = new URL(window.location.href);
  const fromLink = url.searchParams.get('token');
  if (fromLink === null) return;
  url.searchParams.delete('token');
  // replaceState, not pushState: Back must not bring the token back.
  window.history.replaceState(window.history.state, '', url);
  if (fromLink !== '') keepToken(fromLink, routeIdOf(url.pathname));
}

/** The token for a route's documents and API calls, or the fallback one for anything else. */
export function tokenFor(routeId: string | null): string | null {
  const store = readStore();
  return (routeId !== null ? store[routeId] : undefined) ?? store[anyRoute] ?? null;
}

/** Every distinct token kept here: the home page lists the routes any of them can see. */
export function keptTokens(): string[] {
  return [...new Set(Object.values(readStore()))];
}
