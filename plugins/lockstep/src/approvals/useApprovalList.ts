import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  ApprovalListQuery,
  ApprovalRequestView,
  LockstepApi,
} from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApiRef } from '../api';

/** The page sizes a list offers, the first being the default (`limit`, at most 500). */
export const APPROVAL_PAGE_SIZES = [20, 50, 100];
export const DEFAULT_APPROVAL_PAGE_SIZE = APPROVAL_PAGE_SIZES[0];

/** One page of a list, as the backend answered it. */
export interface ApprovalPage {
  items: ApprovalRequestView[];
  /** From 0. */
  page: number;
  pageSize: number;
  /** Every item on every page, as the caller may read them. */
  total: number;
  /** Set when there is a page after this one. */
  nextCursor?: string;
}

/**
 * The pages of one query at one page size, by cursor: page N is asked for with the `nextCursor`
 * that ended page N-1, remembered for every page reached. A page whose cursor is not known yet is
 * reached by walking from the last one known. Loading a page forgets the cursors after it, since
 * the list may have moved since they were handed out; the next page then asks with the fresh one.
 */
export class ApprovalPager {
  /** `cursors[n]` is what page n is asked with; page 0 needs none. */
  private readonly cursors: Array<string | undefined> = [undefined];

  constructor(
    private readonly api: LockstepApi,
    readonly query: ApprovalListQuery,
    readonly pageSize: number,
  ) {}

  /** Page `target`, or the last page there is when the list is shorter now. */
  async load(target: number): Promise<ApprovalPage> {
    let page = Math.max(0, Math.min(target, this.cursors.length - 1));
    for (;;) {
      const cursor = this.cursors[page];
      const answer = await this.api.listApprovalRequests({
        ...this.query,
        limit: this.pageSize,
        ...(cursor !== undefined && { cursor }),
      });
      this.cursors.length = page + 1;
      if (answer.nextCursor) this.cursors.push(answer.nextCursor);
      if (page >= target || !answer.nextCursor) {
        return {
          items: answer.items,
          page,
          pageSize: this.pageSize,
          total: answer.total ?? page * this.pageSize + answer.items.length,
          ...(answer.nextCursor && { nextCursor: answer.nextCursor }),
        };
      }
      page += 1;
    }
  }
}

/** What a list's table needs of the table (core-components' `Table`, a remote one): a reload. */
export interface RemoteTable {
  onQueryChange(query?: { page?: number }): void;
}

export interface ApprovalListState {
  /** Give this to the `Table` as `tableRef`, so that a change of query or `refresh` reloads it. */
  tableRef: React.MutableRefObject<RemoteTable | undefined>;
  /** The table's remote data: page `page` of `pageSize` items of the current query. */
  load(page: number, pageSize: number): Promise<ApprovalPage>;
  /** The page shown, for the current query; kept while reloading and when a reload fails. */
  page?: ApprovalPage;
  /** The last load for the current query failed (cleared by the next that succeeds). */
  error?: Error;
  loading: boolean;
}

const emptyPage = (pageSize: number): ApprovalPage => ({
  items: [],
  page: 0,
  pageSize,
  total: 0,
});

/**
 * A `GET /approvals` a page at a time, for a table with server-side paging. Another query (other
 * filters) starts again at page 1; a change of `refresh` (a signal counter, a decision) reloads the
 * page shown, not page 1. Answers that arrive after a newer load started are not shown.
 */
export function useApprovalList(
  query: ApprovalListQuery,
  refresh: number,
): ApprovalListState {
  const api = useApi(lockstepApiRef);
  const key = JSON.stringify(query);
  const latest = useRef({ api, query, key });
  latest.current = { api, query, key };
  const tableRef = useRef<RemoteTable>();
  const pager = useRef<{ key: string; pager: ApprovalPager }>();
  const loads = useRef<{ seq: number; last?: Promise<ApprovalPage> }>({
    seq: 0,
  });
  const shown = useRef<{ key: string; page: ApprovalPage }>();
  const [state, setState] = useState<{
    key: string;
    page?: ApprovalPage;
    error?: Error;
    loading: boolean;
  }>({ key, loading: true });

  const load = useCallback(
    (page: number, pageSize: number): Promise<ApprovalPage> => {
      const { api: client, query: asked, key: askedKey } = latest.current;
      const pagerKey = `${askedKey} ${pageSize}`;
      if (pager.current?.key !== pagerKey) {
        pager.current = {
          key: pagerKey,
          pager: new ApprovalPager(client, asked, pageSize),
        };
      }
      const from = pager.current.pager;
      const seq = ++loads.current.seq;
      const isLatest = () => seq === loads.current.seq;
      setState(s =>
        s.key === askedKey
          ? { ...s, loading: true }
          : { key: askedKey, loading: true },
      );
      const answer = from.load(page).then(
        result => {
          if (isLatest()) {
            shown.current = { key: askedKey, page: result };
            setState({ key: askedKey, page: result, loading: false });
          }
          return result;
        },
        (error: Error) => {
          // a failed reload keeps what is shown; a first load shows nothing
          const kept =
            shown.current?.key === askedKey ? shown.current.page : undefined;
          if (isLatest()) {
            setState({ key: askedKey, page: kept, error, loading: false });
          }
          return kept ?? emptyPage(pageSize);
        },
      );
      loads.current.last = answer;
      // an answer overtaken by a newer load stands aside for the newer one's
      return answer.then(result =>
        isLatest() || !loads.current.last ? result : loads.current.last,
      );
    },
    [],
  );

  // Reload on a new query (from page 1) or a refresh (the page shown); the table loads on mount.
  const seen = useRef({ key, refresh });
  useEffect(() => {
    const before = seen.current;
    seen.current = { key, refresh };
    if (before.key !== key) tableRef.current?.onQueryChange({ page: 0 });
    else if (before.refresh !== refresh) tableRef.current?.onQueryChange();
  }, [key, refresh]);

  const current = state.key === key ? state : { loading: true };
  return {
    tableRef,
    load,
    page: 'page' in current ? current.page : undefined,
    error: 'error' in current ? current.error : undefined,
    loading: current.loading,
  };
}
