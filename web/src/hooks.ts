import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { logout } from './auth';
import { navigate } from './router';

/**
 * Loads data once (and on `reload()`), keeping loading and error state. When loads overlap
 * (a search typed while the previous page is still on its way), answers are shown in the
 * order they were asked: an answer older than one already shown is dropped, so a slow page 3
 * never replaces a quicker page 1 asked after it. An older answer is still shown while the
 * newer request has not answered: offline, a judge's tablet may never get that answer, and
 * the cached one must not be hidden.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const asked = useRef(0);
  const shown = useRef(0);
  const reload = useCallback(async () => {
    const request = ++asked.current;
    setLoading(true);
    const show = (apply: () => void) => {
      if (request < shown.current) return;
      shown.current = request;
      apply();
      setLoading(false);
    };
    try {
      const value = await load();
      show(() => {
        setData(value);
        setError(null);
      });
    } catch (err) {
      show(() => setError(err));
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
