import { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { ApprovalListQuery } from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApiRef } from '../api';
import {
  mockLockstepApi,
  page,
  productionRequest,
} from './__testUtils__/fixtures';
import { useApprovalList } from './useApprovalList';

const requests = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) =>
    productionRequest({ id: `req-${from + i}` }),
  );

describe('useApprovalList', () => {
  it('reloads as many items as were loaded with "Load more", in pages of at most 500', async () => {
    // 100 a page by default; more than that on request, as the backend does
    const listApprovalRequests = jest.fn(
      async (query: ApprovalListQuery = {}) => {
        const start = query.cursor ? Number(query.cursor) : 0;
        const limit = query.limit ?? 100;
        const end = Math.min(start + limit, 700);
        return page(requests(start, end - start), {
          total: 700,
          ...(end < 700 && { nextCursor: String(end) }),
        });
      },
    );
    const api = mockLockstepApi({ listApprovalRequests });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[lockstepApiRef, api]]}>
        {children}
      </TestApiProvider>
    );
    const { result, rerender } = renderHook(
      ({ refresh }) => useApprovalList({ pendingFor: 'me' }, refresh),
      { wrapper, initialProps: { refresh: 0 } },
    );
    await waitFor(() => expect(result.current.list?.items).toHaveLength(100));
    for (let loaded = 200; loaded <= 600; loaded += 100) {
      await act(async () => result.current.loadMore());
      await waitFor(() =>
        expect(result.current.list?.items).toHaveLength(loaded),
      );
    }
    expect(result.current.list?.total).toBe(700);
    listApprovalRequests.mockClear();

    rerender({ refresh: 1 });
    await waitFor(() => expect(listApprovalRequests).toHaveBeenCalledTimes(2));
    expect(listApprovalRequests.mock.calls).toEqual([
      [{ pendingFor: 'me', limit: 500 }],
      [{ pendingFor: 'me', cursor: '500', limit: 500 }],
    ]);
    await waitFor(() =>
      expect(result.current.list?.items.length).toBeGreaterThanOrEqual(600),
    );
    expect(result.current.list?.nextCursor).toBeUndefined();
    // while it reloaded, what was loaded stayed
    expect(result.current.list?.items[0].id).toBe('req-0');
  });

  it('lists an item once when it moved between two pages', async () => {
    const listApprovalRequests = jest.fn(
      async (query: ApprovalListQuery = {}) =>
        query.cursor
          ? page(requests(1, 2))
          : page(requests(0, 2), { nextCursor: 'next' }),
    );
    const api = mockLockstepApi({ listApprovalRequests });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[lockstepApiRef, api]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(() => useApprovalList({}, 0), { wrapper });
    await waitFor(() => expect(result.current.list?.items).toHaveLength(2));
    await act(async () => result.current.loadMore());
    await waitFor(() =>
      expect(result.current.list?.items.map(r => r.id)).toEqual([
        'req-0',
        'req-1',
        'req-2',
      ]),
    );
  });
});
