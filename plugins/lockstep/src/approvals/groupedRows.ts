import { ReactNode } from 'react';
import {
  ApprovalRequestView,
  isTerminal,
} from '@lockstep/backstage-plugin-lockstep-common';
import type { ApprovalPage } from './useApprovalList';

/** One column of a list: its heading and what a request shows in it. */
export interface ApprovalColumn {
  title: string;
  render(request: ApprovalRequestView): ReactNode;
  /** Keeps the cell on one line (dates, chips, buttons). */
  nowrap?: boolean;
  align?: 'right';
}

/** A row of the table: a request, and the heading of its group when it is the first of one. */
export interface ApprovalRow {
  id: string;
  request: ApprovalRequestView;
  group?: { open: boolean; total?: number };
}

/**
 * The rows of a page, with "Open (n)" before the first open request and "Closed (n)" before the
 * first closed one. The backend lists open requests first and every page before this one is full,
 * so the split is known where this page holds it (or on page 1, or on the last page); elsewhere
 * the heading has no number.
 */
export function groupedRows(page: ApprovalPage): ApprovalRow[] {
  const open = page.items.filter(r => !isTerminal(r.state)).length;
  const closed = page.items.length - open;
  let openTotal: number | undefined;
  if (closed > 0 && (open > 0 || page.page === 0)) {
    openTotal = page.page * page.pageSize + open;
  } else if (closed === 0 && !page.nextCursor) {
    openTotal = page.total;
  }
  const closedTotal =
    openTotal === undefined ? undefined : page.total - openTotal;
  const headed = new Set<boolean>();
  return page.items.map(request => {
    const isOpen = !isTerminal(request.state);
    const first = !headed.has(isOpen);
    headed.add(isOpen);
    return {
      id: request.id,
      request,
      ...(first && {
        group: { open: isOpen, total: isOpen ? openTotal : closedTotal },
      }),
    };
  });
}
