/**
 * Asks the service worker (public/sw.js) to keep a role's area for use without network. The
 * worker caches only the public pages when it installs (a citizen never downloads the
 * organisers' code); an area is cached the first time it is opened. Resolves true once that
 * area is in the cache, false without a service worker (development, an http:// address on
 * the LAN) or when caching failed. A new worker (a new version) is asked again.
 */
export type Area = 'team' | 'judge' | 'admin';

const wanted = new Set<Area>();

export function keepOffline(area: Area): Promise<boolean> {
  wanted.add(area);
  return ask(area);
}

async function ask(area: Area): Promise<boolean> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return false;
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) return false;
  const channel = new MessageChannel();
  const answer = new Promise<boolean>((resolve) => {
    channel.port1.onmessage = (e: MessageEvent<{ ok?: boolean }>) => resolve(e.data?.ok === true);
  });
  worker.postMessage({ type: 'precache', role: area }, [channel.port2]);
  return answer;
}

if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator)
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    for (const area of wanted) void ask(area);
  });
