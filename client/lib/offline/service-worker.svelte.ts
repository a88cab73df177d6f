/** Set when a new build's service worker has taken over this page: its code is from the old build. */
class AppUpdate {
  isReady = $state(false);
}

export const appUpdate = new AppUpdate();

/**
 * Registers the service worker that keeps the app shell for offline reloads. Browsers allow service
 * workers only on https and on localhost: a laptop served over plain http on the venue network still
 * keeps its edits (IndexedDB) but cannot reopen the page without the server.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  const hadController = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The first install also takes control (clients.claim); only a replacement means a new build.
    if (hadController) appUpdate.isReady = true;
  });
  void navigator.serviceWorker.register('/sw.js').then((registration) => {
    // Back on the network is when a new build is most likely to be found.
    window.addEventListener('online', () => void registration.update().catch(() => {}));
  });
}
