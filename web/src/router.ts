import { useEffect, useState } from 'preact/hooks';

/** A tiny History-API router: the server sends index.html for every non-API path. */
export function navigate(path: string) {
  if (path === location.pathname + location.search) return;
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    addEventListener('popstate', update);
    // A child's first effect runs before this one and may already have navigated.
    update();
    return () => removeEventListener('popstate', update);
  }, []);
  return path;
}

/** Matches "/c/:slug/live" against a path; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const a = path.replace(/\/+$/, '').split('/');
  if (p.length !== a.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) params[p[i]!.slice(1)] = decodeURIComponent(a[i]!);
    else if (p[i] !== a[i]) return null;
  }
  return params;
}

/** An in-app link: no page reload. */
export function onLink(e: MouseEvent) {
  const target = e.currentTarget as HTMLAnchorElement;
  if (e.metaKey || e.ctrlKey || e.shiftKey || target.target === '_blank') return;
  e.preventDefault();
  navigate(target.getAttribute('href')!);
}
