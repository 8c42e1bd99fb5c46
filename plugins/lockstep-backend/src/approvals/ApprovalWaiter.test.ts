import { mockServices } from '@backstage/backend-test-utils';
import { ApprovalState } from '@lockstep/backstage-plugin-lockstep-common';
import { ApprovalWaiter } from './ApprovalWaiter';

describe('ApprovalWaiter', () => {
  const states = new Map<string, ApprovalState>();
  let queries: string[][];
  const waiter = () =>
    new ApprovalWaiter({
      states: async ids => {
        queries.push(ids);
        return new Map(
          ids.flatMap(id => (states.has(id) ? [[id, states.get(id)!]] : [])),
        );
      },
      logger: mockServices.logger.mock(),
      intervalMs: 50,
    });

  beforeEach(() => {
    jest.useFakeTimers();
    queries = [];
    states.clear();
  });
  afterEach(() => jest.useRealTimers());

  it('asks the database once per interval however many wait, and wakes them all when the request ends', async () => {
    const watcher = waiter();
    for (const id of ['a', 'b']) states.set(id, 'pending');
    const waits = Array.from({ length: 1000 }, (_, i) =>
      watcher.wait(i % 2 ? 'a' : 'b', 60_000),
    );
    await jest.advanceTimersByTimeAsync(500);
    expect(queries).toHaveLength(10);
    expect(queries[0].sort()).toEqual(['a', 'b']);

    states.set('a', 'approved');
    states.set('b', 'rejected');
    await jest.advanceTimersByTimeAsync(50);
    expect(await Promise.all(waits)).toEqual(waits.map(() => 'ended'));
    expect(watcher.size).toBe(0);
    const after = queries.length;
    await jest.advanceTimersByTimeAsync(1000);
    expect(queries).toHaveLength(after);
  });

  it('lets go of a waiter whose client went away, and stops watching when nobody waits', async () => {
    const watcher = waiter();
    states.set('a', 'pending');
    const gone = new AbortController();
    const waits = Array.from({ length: 100 }, () =>
      watcher.wait('a', 60_000, gone.signal),
    );
    gone.abort();
    expect(await Promise.all(waits)).toEqual(waits.map(() => 'aborted'));
    expect(watcher.size).toBe(0);
    queries = [];
    await jest.advanceTimersByTimeAsync(1000);
    expect(queries).toEqual([]);
    expect(await watcher.wait('a', 1000, gone.signal)).toBe('aborted');
  });

  it('keeps every deadline', async () => {
    const watcher = waiter();
    states.set('a', 'pending');
    let settled = 0;
    const waits = Array.from({ length: 200 }, () =>
      watcher.wait('a', 3_000).then(outcome => {
        settled++;
        return outcome;
      }),
    );
    await jest.advanceTimersByTimeAsync(2_999);
    expect(settled).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(await Promise.all(waits)).toEqual(waits.map(() => 'timeout'));
  });

  it('checks at once when this replica changed a request', async () => {
    const watcher = waiter();
    states.set('a', 'pending');
    const wait = watcher.wait('a', 60_000);
    states.set('a', 'cancelled');
    watcher.notify('a');
    await jest.advanceTimersByTimeAsync(0);
    expect(await wait).toBe('ended');
    expect(queries).toEqual([['a']]);
  });
});
