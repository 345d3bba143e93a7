import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { logout } from './auth';
import { navigate } from './router';

/** Loads data once (and on `reload()`), keeping loading and error state. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  // Only the latest request may answer: a slow page 3 must not replace a quick page 1 that
  // was asked for after it (filters and search change the request while it runs).
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    try {
      const loaded = await load();
      if (request !== latest.current) return;
      setData(loaded);
      setError(null);
    } catch (err) {
      if (request === latest.current) setError(err);
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload, setData };
}

/** The token expired or was revoked: back to the login page, then here again. */
export function expireSession() {
  logout();
  navigate(`/dang-nhap?tiep=${location.pathname}`);
}

/**
 * One button's work: busy while it runs, the error or the success message afterwards. `run`
 * returns whether it succeeded, so callers can reset a form. A 401 signs the user out.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [ok, setOk] = useState<string | null>(null);
  const run = useCallback(async (work: () => Promise<string | void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setOk(null);
    try {
      const message = await work();
      if (message) setOk(message);
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) expireSession();
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const reset = useCallback(() => {
    setError(null);
    setOk(null);
  }, []);
  return { busy, error, ok, run, reset, setError, setOk };
}
