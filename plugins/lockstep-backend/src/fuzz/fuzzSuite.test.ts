import { baseDraft } from './__testUtils__/draft';
import { routeFuzzers, Targets } from './__testUtils__/routes';
import { operationsOf } from './__testUtils__/spec';
import { lockstepTables } from './__testUtils__/storage';

/** The fuzz suite's own checks: it covers the spec as it is, and knows the tables it watches. */

const operations = operationsOf();
const placeholderTargets: Targets = {
  pending: '00000000-0000-4000-8000-000000000001',
  pendingToCancel: '00000000-0000-4000-8000-000000000002',
  cancelled: '00000000-0000-4000-8000-000000000003',
};

describe('the fuzz suite itself', () => {
  it('has a generator for every operation of the spec, and none for an operation it lacks', () => {
    const fuzzers = routeFuzzers(placeholderTargets);
    const inSpec = operations.map(op => op.key);
    expect(inSpec.filter(key => !fuzzers[key])).toEqual([]);
    expect(Object.keys(fuzzers).filter(key => !inSpec.includes(key))).toEqual(
      [],
    );
    // and every one has values for its path parameters
    for (const op of operations)
      expect(() => baseDraft(op, fuzzers[op.key])).not.toThrow();
  });

  it("knows Lockstep's tables from the migrations", () => {
    expect(lockstepTables()).toEqual(
      expect.arrayContaining([
        'readiness_gates',
        'readiness_evaluations',
        'readiness_events',
        'approval_requests',
        'approval_decisions',
        'approval_audit',
      ]),
    );
  });
});
