import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';

/** What a {@link RemoteTable} keeps in the page URL so that Back and shared links restore it. */
export interface TableUrlState {
  q: string;
  filters: Record<string, string>;
  orderBy?: string;
  order?: 'asc' | 'desc';
  /** Zero-based page number. */
  page: number;
}

const PAGE_PATTERN = /^[1-9]\d{0,5}$/;

/**
 * Reads a table's search, filters, sort and page from the URL query once (when the table mounts)
 * and writes every change back with `replace`, so the browser history gets no entry per keystroke
 * while Back to this page still finds the table as the user left it.
 *
 * @param prefix - put before every parameter name (`cred.q`) when a page has several tables; `''` for none
 * @param filterNames - the filter parameters the table owns; other parameters of the URL are left alone
 * @param enabled - `false` keeps the state in memory only
 */
export function useTableUrlState(
  prefix: string,
  filterNames: readonly string[],
  enabled: boolean,
) {
  const [searchParams, setSearchParams] = useSearchParams();
  const key = useCallback(
    (name: string) => (prefix ? `${prefix}.${name}` : name),
    [prefix],
  );

  // Only the URL at mount time seeds the table; afterwards the table is the source of truth.
  const initialParams = useRef(searchParams);
  // Several changes can land in one tick (a filter, then the page reset): each builds on the last.
  const latest = useRef(searchParams);
  latest.current = searchParams;
  const initial = useMemo<TableUrlState>(() => {
    if (!enabled) return { q: '', filters: {}, page: 0 };
    const params = initialParams.current;
    const filters: Record<string, string> = {};
    for (const name of filterNames) {
      const value = params.get(key(name));
      if (value) filters[name] = value;
    }
    const order = params.get(key('order'));
    const page = params.get(key('page')) ?? '';
    return {
      q: params.get(key('q')) ?? '',
      filters,
      orderBy: params.get(key('orderBy')) || undefined,
      order: order === 'asc' || order === 'desc' ? order : undefined,
      // The URL shows pages from 1; the table counts from 0.
      page: PAGE_PATTERN.test(page) ? Number(page) - 1 : 0,
    };
    // The filter names may arrive as a new array each render; the URL is read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, key]);

  const write = useCallback(
    (state: Partial<TableUrlState>) => {
      if (!enabled) return;
      const next = new URLSearchParams(latest.current);
      const set = (name: string, value: string | undefined) => {
        if (value) next.set(key(name), value);
        else next.delete(key(name));
      };
      if ('q' in state) set('q', state.q);
      if (state.filters) {
        for (const [name, value] of Object.entries(state.filters)) {
          set(name, value);
        }
      }
      if ('orderBy' in state || 'order' in state) {
        set('orderBy', state.orderBy);
        set('order', state.orderBy ? state.order : undefined);
      }
      if ('page' in state) {
        set('page', state.page ? String(state.page + 1) : undefined);
      }
      if (next.toString() === latest.current.toString()) return;
      latest.current = next;
      setSearchParams(next, { replace: true });
    },
    [enabled, key, setSearchParams],
  );

  return { initial, write };
}
