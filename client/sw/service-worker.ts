/**
 * The app shell, cached so that a page reloaded with no network (the venue's Wi-Fi down, the serving
 * laptop asleep) still opens, with the edits this browser keeps in IndexedDB. Built by `build-plugin.ts`,
 * which fills in the build's files and names the cache after them: a new build installs a new cache and
 * removes the old one. Documents are never cached here: /sync and /api always go to the server.
 */

// The worker's own global types (lib "WebWorker") clash with the DOM types the rest of the client uses.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

declare const precache: { version: string; shell: string; files: string[] };
const worker = self as unknown as WorkerScope;
const cachePrefix = 'tributary-shell-';
const cacheName = `${cachePrefix}${precache.version}`;
/** Past this, a page load on a network that answers nothing uses the cached shell instead of waiting. */
const navigationTimeoutMs = 4000;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      // `reload`: straight from the server, not from an HTTP cache that may hold the previous build.
      await cache.addAll([precache.shell, ...precache.files].map((url) => new Request(url, { cache: 'reload' })));
      // The shell and its assets are one consistent set, so the new one may take over at once.
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const stale = (await caches.keys()).filter((name) => name.startsWith(cachePrefix) && name !== cacheName);
      await Promise.all(stale.map((name) => caches.delete(name)));
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin) return;
  if (/^\/(api|sync|healthz)(\/|$)/.test(url.pathname)) return;
  if (request.mode === 'navigate') event.respondWith(shellFor(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cachedFirst(request));
});

/** Every page is the same shell. The network's copy when it answers in time (it may be a new build). */
async function shellFor(request: Request): Promise<Response> {
  const cache = await caches.open(cacheName);
  const fromNetwork = fetch(request).catch(() => null);
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), navigationTimeoutMs));
  const response = await Promise.race([fromNetwork, timeout]);
  if (response?.ok) return response;
  return (await cache.match(precache.shell)) ?? (await fromNetwork) ?? Response.error();
}

/** Hashed files never change at a given URL; ones not in the list (none expected) are cached on first use. */
async function cachedFirst(request: Request): Promise<Response> {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
