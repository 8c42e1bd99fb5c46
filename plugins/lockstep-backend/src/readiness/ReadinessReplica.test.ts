import { mockServices } from '@backstage/backend-test-utils';
import { mockMethods } from '../__testUtils__/mockMethods';
import { ReadinessReplica } from './ReadinessReplica';
import type { ReadinessStore, StoredGate } from './ReadinessStore';

/**
 * The replica over a store that is a mock, so that the order in which other replicas' commits become
 * visible can be chosen: on PostgreSQL an event with a lower id can appear after a higher one.
 */

const gate = (entityRef: string, status: StoredGate['status']): StoredGate => ({
  entityRef,
  gateId: 'security-review',
  type: 'signoff',
  status,
  detail: status,
  since: '2026-12-01T00:00:00.000Z',
});

/** A store whose event log and gates the test writes to, as other replicas would. */
function fakeStore() {
  const events: Array<{ id: number; entityRef: string }> = [];
  const gates = new Map<string, StoredGate>();
  const store = mockMethods<ReadinessStore>([
    'listGates',
    'listEvaluations',
    'latestEventId',
    'eventsAfter',
  ]);
  store.listGates.mockImplementation(async refs =>
    [...gates.values()].filter(g => !refs || refs.includes(g.entityRef)),
  );
  store.listEvaluations.mockResolvedValue([]);
  store.latestEventId.mockImplementation(async () =>
    events.reduce((a, e) => Math.max(a, e.id), 0),
  );
  store.eventsAfter.mockImplementation(async (after, also = []) =>
    events.filter(e => e.id > after || also.includes(e.id)),
  );
  /** Another replica's transaction commits: its gate and its event become visible together. */
  const commit = (
    id: number,
    entityRef: string,
    status: StoredGate['status'],
  ) => {
    events.push({ id, entityRef });
    gates.set(entityRef, gate(entityRef, status));
  };
  return { store, commit };
}

const replicaOver = (store: ReadinessStore) =>
  new ReadinessReplica({
    store,
    profiles: [],
    logger: mockServices.logger.mock(),
  });

const A = 'component:default/a';
const B = 'component:default/b';
const C = 'component:default/c';

describe('ReadinessReplica', () => {
  afterEach(() => jest.useRealTimers());

  it('picks up a commit that becomes visible after a higher event id, and then stops asking', async () => {
    const { store, commit } = fakeStore();
    commit(1, A, 'pending');
    const replica = replicaOver(store);
    await replica.sync();
    expect(replica.gatesOf(A)?.get('security-review')?.status).toBe('pending');

    // event 2 is still in flight when event 3 commits
    commit(3, C, 'passed');
    await replica.sync();
    expect(replica.gatesOf(C)).toBeDefined();
    expect(replica.gatesOf(B)).toBeUndefined();

    commit(2, B, 'failed');
    await replica.sync();
    expect(replica.gatesOf(B)?.get('security-review')?.status).toBe('failed');

    store.eventsAfter.mockClear();
    const version = replica.version;
    await replica.sync();
    expect(store.eventsAfter).not.toHaveBeenCalled();
    expect(replica.version).toBe(version);
  });

  it('gives up on an id that never appears (a rolled-back transaction) after a minute', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-01T00:00:00Z') });
    const { store, commit } = fakeStore();
    const replica = replicaOver(store);
    await replica.sync();
    commit(2, B, 'passed');
    await replica.sync();

    await replica.sync();
    expect(store.eventsAfter).toHaveBeenLastCalledWith(2, [1]);

    jest.setSystemTime(Date.parse('2026-12-01T00:01:01Z'));
    await replica.sync();
    store.eventsAfter.mockClear();
    await replica.sync();
    expect(store.eventsAfter).not.toHaveBeenCalled();
  });

  it('on a fresh start, asks again for ids just below the newest that are still in flight', async () => {
    const { store, commit } = fakeStore();
    commit(1, A, 'pending');
    commit(3, C, 'passed');
    const replica = replicaOver(store);
    await replica.sync();

    commit(2, B, 'failed');
    await replica.sync();
    expect(replica.gatesOf(B)?.get('security-review')?.status).toBe('failed');
  });

  it('shares one sync among concurrent callers', async () => {
    const { store, commit } = fakeStore();
    commit(1, A, 'pending');
    const replica = replicaOver(store);
    await Promise.all([replica.sync(), replica.sync(), replica.sync()]);
    expect(store.latestEventId).toHaveBeenCalledTimes(1);
  });
});
