// What the judge app reads from the API, and a loader that keeps the last good answer in
// localStorage: on a flaky hall Wi-Fi a screen opens from it at once and refreshes when it can.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get } from '../../api';
import { logout } from '../../auth';
import type { ContestRules } from '../../../../src/engine/rules';
import type * as Api from '../../api-types/routes.gen';

export type { ContestRules };

// Shapes documented by the API (generated from the OpenAPI document).
export type FileSummary = Api.EntryFileView;
export type EntryView = Api.EntryView;
export type Assignment = Api.JudgingAssignmentView;
export type FinalState = Api.FinalStateView;

export interface Contest {
  id: string;
  slug: string;
  name: string;
  status: string;
}

export interface RulesResponse {
  rulesVersion: number;
  rules: ContestRules;
}

export interface FinalPart {
  code: string;
  name: string;
  maxPoints: number;
  timeLimitSeconds?: number;
}

export const contentUrl = (contestId: string, uploadId: string) =>
  `/api/contests/${contestId}/uploads/${uploadId}/content`;

const cacheKey = (userId: string, path: string) => `cchc.judge.cache.${userId}:${path}`;

function readCache<T>(userId: string, path: string): { data: T; at: number } | null {
  try {
    const raw = localStorage.getItem(cacheKey(userId, path));
    return raw ? (JSON.parse(raw) as { data: T; at: number }) : null;
  } catch {
    return null;
  }
}

export interface Cached<T> {
  data: T | null;
  /** The last refresh failed; `data` (if any) is the stored copy. */
  error: unknown;
  loading: boolean;
  /** When `data` was received (Date.now() of this tablet). */
  at: number;
  reload: () => Promise<void>;
}

/**
 * GET with a stored fallback. `pollMs` refreshes periodically (the final-round state); a
 * 401 signs the judge out (the outbox keeps their unsent scores for when they are back).
 */
export function useCached<T>(
  userId: string,
  path: string | null,
  pollMs = 0,
  store = true,
): Cached<T> {
  const first = path && store ? readCache<T>(userId, path) : null;
  const [state, setState] = useState<{ path: string | null; data: T | null; at: number }>({
    path,
    data: first?.data ?? null,
    at: first?.at ?? 0,
  });
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(!!path);
  const current = useRef(path);
  current.current = path;

  const reload = useCallback(async () => {
    if (!path) return;
    try {
      const data = await get<T>(path);
      if (current.current !== path) return;
      const at = Date.now();
      setState({ path, data, at });
      setError(null);
      if (store)
        try {
          localStorage.setItem(cacheKey(userId, path), JSON.stringify({ data, at }));
        } catch {
          // storage full: the screen still works, only without the offline copy
        }
    } catch (err) {
      if (current.current !== path) return;
      if (err instanceof ApiError && err.status === 401) logout();
      setError(err);
    } finally {
      if (current.current === path) setLoading(false);
    }
  }, [userId, path, store]);

  useEffect(() => {
    if (state.path !== path) {
      const c = path && store ? readCache<T>(userId, path) : null;
      setState({ path, data: c?.data ?? null, at: c?.at ?? 0 });
      setError(null);
    }
    setLoading(!!path);
    void reload();
    const onOnline = () => void reload();
    addEventListener('online', onOnline);
    const timer = pollMs ? setInterval(() => void reload(), pollMs) : null;
    return () => {
      removeEventListener('online', onOnline);
      if (timer) clearInterval(timer);
    };
  }, [reload, pollMs]);

  const data = state.path === path ? state.data : null;
  return { data, error, loading: loading && data === null, at: state.at, reload };
}

/** Re-renders the caller every `ms` (timers). */
export function useTick(ms: number) {
  const [, set] = useState(0);
  useEffect(() => {
    const t = setInterval(() => set((n) => n + 1), ms);
    return () => clearInterval(t);
  }, [ms]);
}

/** navigator.onLine as state. */
export function useOnline(): boolean {
  const [on, setOn] = useState(navigator.onLine !== false);
  useEffect(() => {
    const up = () => setOn(true);
    const down = () => setOn(false);
    addEventListener('online', up);
    addEventListener('offline', down);
    return () => {
      removeEventListener('online', up);
      removeEventListener('offline', down);
    };
  }, []);
  return on;
}

export const isNotFound = (e: unknown) => e instanceof ApiError && e.status === 404;
export const isNetwork = (e: unknown) => e instanceof ApiError && e.status === 0;
