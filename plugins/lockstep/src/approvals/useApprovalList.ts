import { useRef, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/core-plugin-api';
import {
  ApprovalList,
  ApprovalListQuery,
  LockstepApi,
} from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApiRef } from '../api';
import { useLiveAsync } from '../hooks/useLiveAsync';

/** The backend's default page size, and the most one page may hold (`limit`). */
const PAGE_SIZE = 100;
const MAX_LIMIT = 500;

/** Items by id, first occurrence kept: a request that moved between two pages is listed once. */
const dedupe = (items: ApprovalList['items']) => {
  const seen = new Set<string>();
  return items.filter(item => !seen.has(item.id) && !!seen.add(item.id));
};

/**
 * At least `count` items from the start of the list (or all there are), so that a reload keeps
 * what was loaded with "Load more" instead of falling back to the first page.
 */
async function loadAtLeast(
  api: LockstepApi,
  query: ApprovalListQuery,
  count: number,
): Promise<ApprovalList> {
  const limit = count > PAGE_SIZE ? Math.min(count, MAX_LIMIT) : undefined;
  const first = await api.listApprovalRequests(
    limit ? { ...query, limit } : query,
  );
  let page = first;
  const items = [...first.items];
  while (page.nextCursor && items.length < count) {
    page = await api.listApprovalRequests({
      ...query,
      cursor: page.nextCursor,
      ...(limit && { limit }),
    });
    items.push(...page.items);
  }
  return {
    items: dedupe(items),
    nextCursor: page.nextCursor,
    total: page.total ?? first.total,
  };
}

export interface ApprovalListState {
  /** Everything loaded so far, in the backend's order. */
  list?: ApprovalList;
  loading: boolean;
  error?: Error;
  /** Appends the next page; only when `list.nextCursor` is set. */
  loadMore(): void;
  loadingMore: boolean;
  loadMoreError?: Error;
}

/**
 * A paged `GET /approvals`: the first page, more with `loadMore`, and a quiet reload whenever
 * `refresh` changes that asks again for as many items as are shown.
 */
export function useApprovalList(
  query: ApprovalListQuery,
  refresh: number,
): ApprovalListState {
  const api = useApi(lockstepApiRef);
  const key = JSON.stringify(query);
  const shown = useRef({ key, count: 0 });
  const first = useLiveAsync(
    () =>
      loadAtLeast(
        api,
        query,
        shown.current.key === key ? shown.current.count : 0,
      ),
    [api, key],
    refresh,
  );

  // Pages appended to `first.value`; a reload answers with them included, so they are dropped then.
  const [more, setMore] = useState<{
    base: ApprovalList;
    list: ApprovalList;
  }>();
  const list =
    first.value && more?.base === first.value ? more.list : first.value;
  shown.current = { key, count: list?.items.length ?? 0 };

  const [next, loadMore] = useAsyncFn(async () => {
    if (!first.value || !list?.nextCursor) return;
    const page = await api.listApprovalRequests({
      ...query,
      cursor: list.nextCursor,
    });
    setMore({
      base: first.value,
      list: {
        items: dedupe([...list.items, ...page.items]),
        nextCursor: page.nextCursor,
        total: page.total ?? list.total,
      },
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, first.value, list]);

  return {
    list,
    loading: first.loading,
    error: first.error,
    loadMore,
    loadingMore: next.loading,
    loadMoreError: next.error,
  };
}
