import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Area, keepOffline } from '../offline';
import { ErrorBox, Loading } from './ui';

/**
 * A page loaded on first use (its own bundle chunk): citizens opening the results never
 * download the organiser console. Once loaded, the module is kept for later renders, and the
 * service worker is asked to keep the area's files for use without network.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>, area: Area) {
  let loaded: ComponentType<P> | null = null;
  return function LazyPage(props: P) {
    const [Page, setPage] = useState<ComponentType<P> | null>(() => loaded);
    const [error, setError] = useState<unknown>(null);
    useEffect(() => {
      if (Page) return;
      load().then(
        (component) => {
          loaded = component;
          setPage(() => component);
          void keepOffline(area);
        },
        (err: unknown) => setError(err),
      );
    }, []);
    if (error) return <ErrorBox error={new Error('Không tải được trang. Vui lòng tải lại.')} />;
    return Page ? <Page {...props} /> : <Loading />;
  };
}
