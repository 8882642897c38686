/**
 * The rows the event log shows, fetched page by page from its source as they come into view and
 * kept in a bounded cache (page-cache.ts): the page never holds more than MAX_PAGES pages.
 */
import { useEffect, useReducer, useRef } from 'react';
import type { RowView } from '../../sim-types';
import { type LogSource, PAGE_ROWS } from './log-source';
import { PageCache } from './page-cache';
import { pagesOf } from './virtual';

/** Pages kept (200 rows each): a few screens either way of what is shown. */
export const MAX_PAGES = 24;

interface Pages {
  key: string;
  cache: PageCache<RowView[]>;
  pending: Set<number>;
}

/** A getter for row i (undefined until its page arrives). Rows [first, last) are fetched. */
export function useRowPages(
  source: LogSource | null,
  first: number,
  last: number,
): (i: number) => RowView | undefined {
  const ref = useRef<Pages | null>(null);
  const [, arrived] = useReducer((x: number) => x + 1, 0);
  if (source !== null && ref.current?.key !== source.key) {
    ref.current = { key: source.key, cache: new PageCache(MAX_PAGES), pending: new Set() };
  }

  useEffect(() => {
    const pages = ref.current;
    if (source === null || pages === null || pages.key !== source.key) return;
    for (const p of pagesOf(first, last, PAGE_ROWS)) {
      if (pages.cache.has(p) || pages.pending.has(p)) continue;
      pages.pending.add(p);
      source.page(p).then(
        (rows) => {
          pages.pending.delete(p);
          if (ref.current !== pages) return; // another trace or filter since
          pages.cache.set(p, rows);
          arrived();
        },
        // A filter replaced meanwhile, or a reload: the next render asks again if still needed.
        () => pages.pending.delete(p),
      );
    }
  }, [source, first, last]);

  return (i) => {
    const pages = ref.current;
    if (source === null || pages === null) return undefined;
    return pages.cache.get(Math.floor(i / PAGE_ROWS))?.[i % PAGE_ROWS];
  };
}
