import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { logout } from './auth';
import { navigate } from './router';

/** Loads data once (and on `reload()`), keeping loading and error state. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await load());
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
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
