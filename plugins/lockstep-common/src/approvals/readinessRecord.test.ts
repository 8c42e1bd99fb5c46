import { EntityReadiness } from '../readiness/types';
import {
  readinessAsSeenBy,
  recordReadiness,
  refsInReadinessRecord,
} from './readinessRecord';

const ledger = 'component:default/ledger-service';
const gateway = 'component:default/payment-gateway';
const statements = 'component:default/statements-service';

/** statements-service, blocked by the gateway directly and by the ledger through the gateway. */
const readiness: EntityReadiness = {
  entityRef: statements,
  status: 'blocked',
  reason:
    'Blocked by Payment Gateway, owned by team Payments (+1 more blocker)',
  gates: [
    {
      id: 'runbook',
      title: 'Runbook linked',
      team: 'group:default/platform-sre',
      type: 'check',
      required: true,
      status: 'passed',
      detail: 'runbook found',
    },
    {
      id: 'optional',
      title: 'Optional',
      team: 'group:default/data',
      type: 'check',
      required: false,
      status: 'failed',
      detail: 'not here',
    },
  ],
  blockedBy: [
    {
      entityRef: gateway,
      title: 'Payment Gateway',
      status: 'not-ready',
      owner: 'group:default/payments',
      ownerTitle: 'Payments',
      path: [statements, gateway],
      gates: [
        {
          id: 'security-review',
          title: 'Security review',
          type: 'signoff',
          status: 'pending',
          team: 'group:default/security',
          teamTitle: 'Security',
        },
      ],
    },
    {
      entityRef: ledger,
      title: 'Ledger Service',
      status: 'not-ready',
      owner: 'group:default/finance',
      ownerTitle: 'Finance',
      path: [statements, gateway, ledger],
    },
  ],
};

describe('readinessAsSeenBy', () => {
  const record = recordReadiness(readiness);

  it('keeps required gates and every blocker, and names everything it kept', () => {
    expect(record.gates?.map(g => g.id)).toEqual(['runbook']);
    expect(record.blockedBy).toHaveLength(2);
    expect(new Set(refsInReadinessRecord(record))).toEqual(
      new Set([
        'group:default/platform-sre',
        gateway,
        statements,
        ledger,
        'group:default/payments',
        'group:default/finance',
        'group:default/security',
      ]),
    );
  });

  it('shows a reader of everything the record as it was made', () => {
    expect(
      readinessAsSeenBy(record, { all: true, canRead: () => true }),
    ).toEqual({
      status: 'blocked',
      reason: readiness.reason,
      blockedBy: readiness.blockedBy,
    });
  });

  it('drops blockers hidden from the reader, and those reached only through one', () => {
    const view = readinessAsSeenBy(record, {
      all: false,
      canRead: r => r !== gateway,
    });
    expect(view.blockedBy).toEqual([]);
    expect(view.hiddenBlockers).toBe(true);
    expect(view.reason).toBe('Blocked by a dependency you cannot see');
    expect(JSON.stringify(view)).not.toMatch(/gateway|Gateway|ledger|Ledger/);
  });

  it('names what the reader may read, without the titles of teams they may not', () => {
    const view = readinessAsSeenBy(record, {
      all: false,
      canRead: r => r !== ledger && r !== 'group:default/security',
    });
    expect(view.blockedBy?.map(b => b.entityRef)).toEqual([gateway]);
    expect(view.blockedBy?.[0].gates?.[0]).not.toHaveProperty('teamTitle');
    expect(view.blockedBy?.[0].ownerTitle).toBe('Payments');
    expect(view.reason).toBe(
      'Blocked by Payment Gateway: team security must sign off Security review, and by a dependency you cannot see',
    );
    expect(JSON.stringify(view)).not.toMatch(/ledger|Ledger|Finance/);
  });

  it('says only the status of an old record to a restricted reader', () => {
    expect(
      readinessAsSeenBy(
        { status: 'blocked', reason: readiness.reason },
        { all: false, canRead: () => true },
      ),
    ).toEqual({
      status: 'blocked',
      reason: 'Blocked by a dependency that was not ready',
    });
  });
});
