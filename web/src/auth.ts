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

async function refresh() {
  if (!session.token) set(null);
  else
    try {
      set(await call<Me>('GET /api/auth/me'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) set(null);
      else throw error;
    }
  loaded = true;
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
