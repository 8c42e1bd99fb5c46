import { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import {
  ApprovalList,
  ApprovalListQuery,
} from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApiRef } from '../api';
import {
  mockLockstepApi,
  page,
  productionRequest,
} from './__testUtils__/fixtures';
import {
  ApprovalPage,
  ApprovalPager,
  useApprovalList,
} from './useApprovalList';

const requests = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) =>
    productionRequest({ id: `req-${from + i}` }),
  );

/** A backend of `size` requests whose cursor is the offset of the next page. */
const backend = (size: number) =>
  jest.fn(async (query: ApprovalListQuery = {}) => {
    const start = query.cursor ? Number(query.cursor) : 0;
    const end = Math.min(start + (query.limit ?? 100), size);
    return page(requests(start, end - start), {
      total: size,
      ...(end < size && { nextCursor: String(end) }),
    });
  });

const ids = (answer: { items: Array<{ id: string }> }) =>
  answer.items.map(item => item.id);

describe('ApprovalPager', () => {
  it('asks page N with the cursor that ended page N-1, and page 1 with none', async () => {
    const listApprovalRequests = backend(45);
    const pager = new ApprovalPager(
      mockLockstepApi({ listApprovalRequests }),
      { pendingFor: 'me' },
      20,
    );

    const first = await pager.load(0);
    expect(first).toMatchObject({ page: 0, pageSize: 20, total: 45 });
    expect(ids(first)[0]).toBe('req-0');
    const second = await pager.load(1);
    expect(second.page).toBe(1);
    expect(ids(second)[0]).toBe('req-20');
    const third = await pager.load(2);
    expect(ids(third)).toEqual([
      'req-40',
      'req-41',
      'req-42',
      'req-43',
      'req-44',
    ]);
    expect(third.nextCursor).toBeUndefined();
    expect(listApprovalRequests.mock.calls).toEqual([
      [{ pendingFor: 'me', limit: 20 }],
      [{ pendingFor: 'me', limit: 20, cursor: '20' }],
      [{ pendingFor: 'me', limit: 20, cursor: '40' }],
    ]);

    // back to page 2: its cursor is remembered
    listApprovalRequests.mockClear();
    expect(ids(await pager.load(1))[0]).toBe('req-20');
    expect(listApprovalRequests.mock.calls).toEqual([
      [{ pendingFor: 'me', limit: 20, cursor: '20' }],
    ]);

    // back to page 1: asked again without a cursor
    listApprovalRequests.mockClear();
    expect(ids(await pager.load(0))[0]).toBe('req-0');
    expect(listApprovalRequests.mock.calls).toEqual([
      [{ pendingFor: 'me', limit: 20 }],
    ]);
  });

  it('walks to a page whose cursor it does not know yet, and stops at the last one there is', async () => {
    const listApprovalRequests = backend(45);
    const pager = new ApprovalPager(
      mockLockstepApi({ listApprovalRequests }),
      {},
      20,
    );

    const third = await pager.load(2);
    expect(third.page).toBe(2);
    expect(listApprovalRequests.mock.calls.map(([q]) => q?.cursor)).toEqual([
      undefined,
      '20',
      '40',
    ]);

    const beyond = await new ApprovalPager(
      mockLockstepApi({ listApprovalRequests: backend(25) }),
      {},
      20,
    ).load(5);
    expect(beyond).toMatchObject({ page: 1, total: 25 });
    expect(ids(beyond)).toHaveLength(5);
  });

  it('forgets the cursors after a page it reloads, and asks the next one with the fresh cursor', async () => {
    let shift = 0;
    const listApprovalRequests = jest.fn(
      async (query: ApprovalListQuery = {}) => {
        const start = query.cursor ? Number(query.cursor.split('@')[0]) : 0;
        return page(requests(start, 20), {
          total: 100,
          nextCursor: `${start + 20}@${shift}`,
        });
      },
    );
    const pager = new ApprovalPager(
      mockLockstepApi({ listApprovalRequests }),
      {},
      20,
    );
    await pager.load(0);
    await pager.load(1);
    await pager.load(2);
    shift = 1;
    await pager.load(1);
    await pager.load(2);
    expect(listApprovalRequests.mock.calls.map(([q]) => q?.cursor)).toEqual([
      undefined,
      '20@0',
      '40@0',
      '20@0',
      '40@1',
    ]);
  });
});

describe('useApprovalList', () => {
  const wrap = (api: ReturnType<typeof mockLockstepApi>) =>
    function Wrapper({ children }: { children: ReactNode }) {
      return (
        <TestApiProvider apis={[[lockstepApiRef, api]]}>
          {children}
        </TestApiProvider>
      );
    };

  it('reloads the page shown on a refresh and starts again at page 1 for another query', async () => {
    const listApprovalRequests = backend(45);
    const api = mockLockstepApi({ listApprovalRequests });
    const onQueryChange = jest.fn();
    const { result, rerender } = renderHook(
      ({ query, refresh }) => useApprovalList(query, refresh),
      {
        wrapper: wrap(api),
        initialProps: { query: { entityRef: 'a' }, refresh: 0 },
      },
    );
    result.current.tableRef.current = { onQueryChange };
    await act(async () => {
      await result.current.load(1, 20);
    });
    expect(result.current.page?.page).toBe(1);
    expect(onQueryChange).not.toHaveBeenCalled();

    rerender({ query: { entityRef: 'a' }, refresh: 1 });
    expect(onQueryChange).toHaveBeenLastCalledWith();
    rerender({ query: { entityRef: 'b' }, refresh: 1 });
    expect(onQueryChange).toHaveBeenLastCalledWith({ page: 0 });
    // what was shown belongs to the other query
    expect(result.current.page).toBeUndefined();
  });

  it('answers an overtaken load with the newer one, and keeps the page shown when a reload fails', async () => {
    let release: (answer: ApprovalList) => void = () => {};
    const listApprovalRequests = jest
      .fn()
      .mockImplementationOnce(
        () => new Promise<ApprovalList>(resolve => (release = resolve)),
      )
      .mockResolvedValueOnce(page(requests(0, 2)))
      .mockRejectedValueOnce(new Error('backend down'));
    const api = mockLockstepApi({ listApprovalRequests });
    const { result } = renderHook(
      () => useApprovalList({ pendingFor: 'me' }, 0),
      { wrapper: wrap(api) },
    );

    let slow: Promise<ApprovalPage> | undefined;
    await act(async () => {
      slow = result.current.load(0, 20);
      await result.current.load(0, 20);
    });
    await act(async () => {
      release(page(requests(10, 1)));
      expect(ids((await slow)!)).toEqual(['req-0', 'req-1']);
    });
    expect(ids(result.current.page!)).toEqual(['req-0', 'req-1']);

    let kept: ApprovalPage | undefined;
    await act(async () => {
      kept = await result.current.load(0, 20);
    });
    await waitFor(() =>
      expect(result.current.error?.message).toBe('backend down'),
    );
    expect(ids(kept!)).toEqual(['req-0', 'req-1']);
    expect(ids(result.current.page!)).toEqual(['req-0', 'req-1']);
  });
});
