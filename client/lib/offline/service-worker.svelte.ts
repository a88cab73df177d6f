/** What the service worker means for this page: whether a new build took over, and whether the page could
 * be reopened with no server. */
class AppShell {
  /** Set when a new build's service worker has taken over this page: its code is from the old build. */
  updateReady = $state(false);
  /** A service worker controls this page, so a reload with no server opens the cached shell. */
  reopensOffline = $state(false);
}

export const appShell = new AppShell();

/**
 * Registers the service worker that keeps the app shell for offline reloads. Browsers allow service
 * workers only on https and on localhost: a laptop served over plain http on the venue network still
 * keeps its edits (IndexedDB) but cannot reopen the page without the server, which the connection notice
 * tells its user when the connection drops.
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
  void navigator.serviceWorker.register('/sw.js').then((registration) => {
    // Back on the network is when a new build is most likely to be found.
    window.addEventListener('online', () => void registration.update().catch(() => {}));
  });
}
