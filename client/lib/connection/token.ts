const storageKey = 'tributary.token';

/**
 * The access token arrives once in a link (`?token=`) and is then kept in localStorage and removed from
 * the address bar, so that it does not end up in screenshots, bookmarks or a link copied to someone else.
 */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromLink = url.searchParams.get('token');
  if (fromLink !== null) {
    url.searchParams.delete('token');
    // replaceState, not pushState: Back must not bring the token back.
    window.history.replaceState(window.history.state, '', url);
    if (fromLink !== '') {
      window.localStorage.setItem(storageKey, fromLink);
      return fromLink;
    }
  }
  return window.localStorage.getItem(storageKey);
}
