import { useEffect, useState } from 'preact/hooks';
import { ApiError, call, Me, session } from './api';

type Listener = (me: Me | null) => void;
const listeners = new Set<Listener>();
let current: Me | null = null;
let loaded = false;
let pending: Promise<void> | null = null;

/** The signed-in user (null when signed out), shared by every component. */
export function useMe(): { me: Me | null; loading: boolean } {
  const [me, setMe] = useState<Me | null>(current);
  const [loading, setLoading] = useState(!loaded);
  useEffect(() => {
    // Every component hears the result of the one shared load (whoever started it).
    const listener = (next: Me | null) => {
      setMe(next);
      setLoading(false);
    };
    listeners.add(listener);
    if (loaded) listener(current);
    else
      void (pending ??= refresh().catch(() => void (pending = null))).finally(() =>
        setLoading(false),
      );
    return () => void listeners.delete(listener);
  }, []);
  return { me, loading };
}

const ME_KEY = 'cchc.me';

async function refresh() {
  if (!session.token) set(null);
  else
    try {
      const me = await call<Me>('GET /api/auth/me');
      localStorage.setItem(ME_KEY, JSON.stringify({ token: session.token, me }));
      set(me);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) set(null);
      else {
        // No network (a judge's tablet reopened without Wi-Fi): the last answer for this
        // very token still says who is signed in; the server checks the token when back.
        const cached = cachedMe();
        if (!cached) throw error;
        set(cached);
      }
    }
  loaded = true;
}

/** The last /auth/me answer kept for the current token (null for another token or none). */
export function cachedMe(): Me | null {
  try {
    const saved = JSON.parse(localStorage.getItem(ME_KEY) ?? 'null') as {
      token: string;
      me: Me;
    } | null;
    return saved && saved.token === session.token ? saved.me : null;
  } catch {
    return null;
  }
}

function set(me: Me | null) {
  current = me;
  for (const l of listeners) l(me);
}

export async function login(username: string, password: string): Promise<Me> {
  const res = await call<{ accessToken: string }>('POST /api/auth/login', {
    body: { username, password },
  });
  session.set(res.accessToken);
  await refresh();
  return current!;
}

export function logout() {
  session.set(null);
  localStorage.removeItem(ME_KEY);
  set(null);
}

/** Where a user goes after signing in: their role's home. */
export function homeOf(me: Me): string {
  const roles = new Set(me.memberships.map((m) => m.role));
  if (me.isAdmin || roles.has('organiser')) return '/btc';
  if (roles.has('judge')) return '/giam-khao';
  if (roles.has('team')) return '/doi-thi';
  return '/';
}
