/*
 * Service worker: lets a judge's tablet reopen the app with no network at all, and keeps a
 * citizen's first visit light. What it caches comes from precache.json (written at build
 * time, web/precache-manifest.mts): on install only the public pages (index.html and the
 * entry bundle); a role's area (team, judge, organiser) when the app asks for it, the first
 * time that area is opened (web/src/offline.ts), and it answers once that area is cached.
 * Pages are network-first with the cached shell as fallback; hashed assets are cache-first
 * (they never change). The API is never cached here: the judge app keeps its own data and
 * outbox.
 */
const CACHE = 'cchc-shell-v2';

/** The build's lists of files per area; {} when missing (then only the shell is cached). */
async function manifest() {
  try {
    const res = await fetch('/precache.json', { cache: 'no-store' });
    return res.ok ? await res.json() : {};
  } catch {
    return {};
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const lists = await manifest();
      await cache.addAll(['/index.html', ...(lists.public ?? [])]);
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

/** { type: 'precache', role }: caches that area's files; answers { ok } on the given port. */
self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type !== 'precache') return;
  const port = event.ports && event.ports[0];
  event.waitUntil(
    (async () => {
      let ok = false;
      try {
        const files = (await manifest())[data.role];
        if (Array.isArray(files)) {
          const cache = await caches.open(CACHE);
          const missing = [];
          for (const f of files) if (!(await cache.match(f))) missing.push(f);
          await cache.addAll(missing);
          ok = true;
        }
      } catch {
        ok = false;
      }
      if (port) port.postMessage({ ok });
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
