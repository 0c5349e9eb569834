import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DataTable } from './data-table.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { ListFooter } from './list-footer.tsx';
import { LoadingState } from './loading-state.tsx';

/** What the table needs of a paged list's query (TanStack's infinite query has all of it). */
export type PagedQuery = {
  isPending: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
};

/**
 * A list paged by the server's cursor: the query under `key`, asked again from the start when the key changes, the
 * rows of the pages loaded so far and the first page's other fields (e.g. its total).
 */
export function useCursorList<P extends { items: unknown[]; nextCursor: string | null }>(
  key: QueryKey,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<P>,
) {
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items: P['items'][number][] = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items, first: query.data?.pages[0] };
}

export type PagedTableProps = {
  list: PagedQuery;
  /** How many rows are loaded (the table and its footer show only when there are some). */
  rowCount: number;
  /** Shown once the list has loaded with no rows. */
  empty: ReactNode;
  caption: string;
  minWidth?: number;
  /** The count line under the table, e.g. "Đang hiển thị 20 hoạt động". */
  countText: string;
  /** Offers "Thử lại" in the error shown when the list cannot be read. */
  onRetry?: () => void;
  /** The table's head and body. */
  children: ReactNode;
};

/**
 * The body of a staff list: its loading state, its error, the empty state, then the table of the rows loaded so far
 * with the count line and "Tải thêm". An error loading more keeps the rows already shown.
 */
export function PagedTable({ list, rowCount, empty, caption, minWidth, countText, onRetry, children }: PagedTableProps) {
  return (
    <>
      {list.isPending ? <LoadingState /> : null}
      {list.error ? <ErrorAlert error={list.error} onRetry={onRetry} /> : null}
      {!list.isPending && !list.error && rowCount === 0 ? empty : null}
      {rowCount ? (
        <DataTable caption={caption} minWidth={minWidth}>
          {children}
        </DataTable>
      ) : null}
      {rowCount ? (
        <ListFooter
          countText={countText}
          hasMore={Boolean(list.hasNextPage)}
          isLoadingMore={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      ) : null}
    </>
  );
}
