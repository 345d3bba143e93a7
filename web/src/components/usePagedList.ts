import { useEffect, useState } from 'preact/hooks';
import { getPage } from '../api';
import { useLoad } from '../hooks';
import type { Paging, Search } from './DataTable';

/** Rows per page of the console's lists: about two screens at 1366×768. */
export const PAGE_SIZE = 25;

/**
 * One server-side list for a DataTable: the page, the search (sent 250 ms after the last
 * key), the filters, and the props that DataTable's `search` and `paging` take. A change of
 * search or filter goes back to page 1.
 */
export function usePagedList<T>(
  path: string,
  options: {
    searchLabel: string;
    placeholder?: string;
    filters?: Record<string, string | undefined>;
    pageSize?: number;
  },
) {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const [page, setPage] = useState(1);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const filterKey = JSON.stringify(options.filters ?? {});
  useEffect(() => {
    const id = setTimeout(() => {
      setQ(typed.trim());
      setPage(1);
    }, 250);
    return () => clearTimeout(id);
  }, [typed]);
  useEffect(() => setPage(1), [filterKey]);
  const load = useLoad(
    () => getPage<T>(path, { page, limit: pageSize, q, ...(options.filters ?? {}) }),
    [path, page, q, filterKey, pageSize],
  );
  const total = load.data?.total ?? 0;
  const search: Search = {
    value: typed,
    onSearch: setTyped,
    label: options.searchLabel,
    placeholder: options.placeholder,
  };
  const paging: Paging = { page, pageSize, total, onPage: setPage };
  return { ...load, data: load.data?.data ?? null, total, search, paging };
}
