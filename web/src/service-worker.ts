/**
 * The staff app's service worker (built to /app/sw.js by the plugin in vite.config.ts). It keeps the app shell —
 * index page, scripts, styles, fonts, icons: files without personal data — so that the patrol screens open without a
 * network after one visit online. It never stores an API answer: /api/, /ical/ and everything outside /app/ go to the
 * network untouched, and personal data the phone needs offline lives only in the sealed IndexedDB store of the
 * patrols module.
 */

type ExtendableEvent = Event & { waitUntil(promise: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & { request: Request; respondWith(response: Promise<Response> | Response): void };
type ServiceWorkerScope = {
  location: { href: string; origin: string };
  clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
};

const sw = self as unknown as ServiceWorkerScope;

/** Replaced at build time by the version and the files of the build (see vite.config.ts). */
const PRECACHE_MANIFEST = '__BINH_AN_PRECACHE_MANIFEST__';
const manifest = JSON.parse(PRECACHE_MANIFEST) as { version: string; files: string[] };

const CACHE_PREFIX = 'binh-an-shell-';
const CACHE = `${CACHE_PREFIX}${manifest.version}`;
/** /app/: the scope, and the address the server answers with the index page. */
const BASE = new URL('./', sw.location.href).pathname;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([BASE, ...manifest.files.map((file) => `${BASE}${file}`)]))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name))),
      )
      .then(() => sw.clients.claim()),
  );
});

async function shell(): Promise<Response> {
  return (await caches.match(BASE, { cacheName: CACHE })) ?? Response.error();
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // Only the app's own files; the API, calendar feeds and public pages are never touched.
  if (request.method !== 'GET' || url.origin !== sw.location.origin || !url.pathname.startsWith(BASE)) return;
  if (request.mode === 'navigate') {
    // The network first (a new build shows at once); without one, the kept index page, which routes on the device.
    event.respondWith(fetch(request).catch(shell));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit ?? fetch(request)));
});
