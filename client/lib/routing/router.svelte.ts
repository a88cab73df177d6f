import { parsePath, type Page } from './pages.ts';

class CurrentPage {
  value = $state<Page>(parsePath(window.location.pathname));
}

const current = new CurrentPage();
window.addEventListener('popstate', () => (current.value = parsePath(window.location.pathname)));

/** The page the address shows; reading it in a template or effect re-runs them when it changes. */
export function currentPage(): Page {
  return current.value;
}

/** Goes to another page of the app without reloading it; `replace` keeps Back from returning here. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  current.value = parsePath(window.location.pathname);
  window.scrollTo(0, 0);
}

/**
 * For `onclick` on an `<a href>` to a page of the app: a plain click navigates in place, while a
 * modified click (new tab, new window, download) keeps the browser's own behaviour.
 */
export function followLink(event: MouseEvent & { currentTarget: HTMLAnchorElement }): void {
  const link = event.currentTarget;
  const isPlainClick = event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
  if (!isPlainClick || link.target || link.origin !== window.location.origin) return;
  event.preventDefault();
  navigate(link.pathname + link.search + link.hash);
}
