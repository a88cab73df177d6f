/** What the service worker means for this page: whether a new build took over, and whether the page could
 * be reopened with no server. */
class AppShell {
  /** Set when a new build's service worker has taken over this page: its code is from the old build. */
  updateReady = $state(false);
  /** A service worker controls this page, so a reload with no server opens the cached shell. */
  reopensOffline = $state(false);
}

export const appShell = new AppShell();

/** Longest wait for an idle moment once the page has loaded; a page never idle still gets its worker. */
const idleTimeoutMs = 5000;

/** After the load event and then the browser's next idle moment (Safari has no requestIdleCallback). */
function afterLoadAndIdle(): Promise<void> {
  const loaded = document.readyState === 'complete' ? Promise.resolve() : new Promise<void>((resolve) => window.addEventListener('load', () => resolve(), { once: true }));
  return loaded.then(
    () =>
      new Promise<void>((resolve) => {
        if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: idleTimeoutMs });
        else setTimeout(resolve, 1000);
      }),
  );
}

/**
 * Registers the service worker that keeps the app shell for offline reloads. Browsers allow service
 * workers only on https and on localhost: a laptop served over plain http on the venue network still
 * keeps its edits (IndexedDB) but cannot reopen the page without the server, which the connection notice
 * tells its user when the connection drops.
 *
 * Registered once the page has loaded and gone idle: a first visit's worker downloads and stores every
 * file of the build, which would otherwise share the network, the server and the two cores of a busy
 * laptop with the page being opened (the long plan's chunk, its document and its first paint).
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  const hadController = navigator.serviceWorker.controller !== null;
  appShell.reopensOffline = hadController;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    appShell.reopensOffline = navigator.serviceWorker.controller !== null;
    // The first install also takes control (clients.claim); only a replacement means a new build.
    if (hadController) appShell.updateReady = true;
  });
  void afterLoadAndIdle()
    .then(() => navigator.serviceWorker.register('/sw.js'))
    .then((registration) => {
      // Back on the network is when a new build is most likely to be found.
      window.addEventListener('online', () => void registration.update().catch(() => {}));
    });
}
