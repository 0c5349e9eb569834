import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { PAGE_SIZE, type Page, residenceQueryKey } from './api.ts';

type Query = Record<string, string | number | boolean | undefined>;

/** A residence list paged by offset: its rows so far, the total, and the next page on demand. */
export function usePagedList<T>(name: string, query: Query, fetcher: (q: Query, signal?: AbortSignal) => Promise<Page<T>>) {
  const result = useInfiniteQuery({
    queryKey: [...residenceQueryKey, name, query],
    queryFn: ({ pageParam, signal }) => fetcher({ ...query, offset: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((a, p) => a + p.items.length, 0);
      return loaded < last.total ? loaded : undefined;
    },
  });
  const rows = useMemo(() => result.data?.pages.flatMap((p) => p.items) ?? [], [result.data]);
  const total = result.data?.pages[0]?.total ?? 0;
  return { ...result, rows, total };
}
