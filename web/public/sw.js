/*
 * Service worker: lets a judge's tablet reopen the app with no network at all. The app shell
 * (index.html and the hashed assets it names) is cached when the worker installs; pages are
 * network-first with the cached shell as fallback; hashed assets are cache-first (they never
 * change). The API is never cached here: the judge app keeps its own data and outbox.
 */
const CACHE = 'cchc-shell-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const html = await fetch('/index.html', { cache: 'no-store' }).then((r) => r.text());
      const assets = new Set(
        [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]),
      );
      // The role areas are chunks loaded on demand; the entry bundle names them, so cache
      // them too (a judge's first visit may be their only one with Wi-Fi).
      for (const asset of [...assets].filter((a) => a.endsWith('.js'))) {
        const code = await fetch(asset).then((r) => r.text());
        for (const m of code.matchAll(/assets\/[\w.-]+\.(?:js|css)/g)) assets.add(`/${m[0]}`);
      }
      await cache.addAll(['/index.html', ...assets]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const fresh = await fetch(request);
          if (fresh.ok) (await caches.open(CACHE)).put('/index.html', fresh.clone());
          return fresh;
        } catch {
          return (await caches.match('/index.html')) ?? Response.error();
        }
      })(),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      (async () => {
        const cached = await caches.match(request);
        if (cached) return cached;
        const fresh = await fetch(request);
        if (fresh.ok) (await caches.open(CACHE)).put(request, fresh.clone());
        return fresh;
      })(),
    );
  }
});
