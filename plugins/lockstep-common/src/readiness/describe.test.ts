import { describeReadiness, gateWaits } from './describe';

describe('describeReadiness', () => {
  const titles: Record<string, string> = {
    'group:default/data': 'Data',
    'group:default/security': 'Security',
  };
  const titleOf = (r: string) => titles[r];
  const gate = {
    id: 'security-review',
    title: 'Security review',
    team: 'group:default/security',
    type: 'signoff' as const,
    required: true,
    detail: '',
  };

  it('says a hidden blocker exists, never which or how many', () => {
    expect(
      describeReadiness({
        status: 'blocked',
        gates: [],
        blockedBy: [],
        hiddenBlockers: true,
      }),
    ).toBe('Blocked by a dependency you cannot see');
    expect(
      describeReadiness(
        {
          status: 'blocked',
          gates: [],
          blockedBy: [
            {
              entityRef: 'resource:default/payments-db',
              status: 'not-ready',
              owner: 'group:default/data',
              path: [],
            },
          ],
          hiddenBlockers: true,
        },
        titleOf,
      ),
    ).toBe(
      'Blocked by payments-db, owned by team Data, and by a dependency you cannot see',
    );
  });

  it('names the first blocker and its owning team', () => {
    expect(
      describeReadiness(
        {
          status: 'blocked',
          gates: [],
          blockedBy: [
            {
              entityRef: 'resource:default/payments-db',
              status: 'not-ready',
              owner: 'group:default/data',
              path: [],
            },
            {
              entityRef: 'component:default/ledger',
              status: 'not-ready',
              path: [],
            },
          ],
        },
        titleOf,
      ),
    ).toBe('Blocked by payments-db, owned by team Data (+1 more blocker)');
    expect(
      describeReadiness({
        status: 'blocked',
        gates: [],
        blockedBy: [
          {
            entityRef: 'component:default/bank-connector',
            status: 'not-ready',
            missing: true,
            path: [],
          },
        ],
      }),
    ).toBe('Blocked by bank-connector, which is not in the catalog');
  });

  it("names the team that must act upstream and the gate, not the blocker's owner", () => {
    const blocker = {
      entityRef: 'component:default/ledger-service',
      title: 'Ledger Service',
      status: 'not-ready' as const,
      owner: 'group:default/payments',
      path: [],
    };
    const securityReview = {
      id: 'security-review',
      title: 'Security review',
      type: 'signoff' as const,
      team: 'group:default/security',
    };
    const say = (blockedBy: any[]) =>
      describeReadiness({ status: 'blocked', gates: [], blockedBy }, titleOf);
    expect(
      say([{ ...blocker, gates: [{ ...securityReview, status: 'pending' }] }]),
    ).toBe(
      'Blocked by Ledger Service: team Security must sign off Security review',
    );
    expect(
      say([
        {
          ...blocker,
          gates: [
            { ...securityReview, status: 'expired' },
            {
              id: 'runbook',
              title: 'Runbook linked',
              type: 'check',
              status: 'failed',
              team: 'group:default/platform-sre',
              teamTitle: 'Platform & SRE',
            },
          ],
        },
        { ...blocker, entityRef: 'component:default/other' },
      ]),
    ).toBe(
      'Blocked by Ledger Service: team Security must renew the expired sign-off of Security review (+1 more gate) (+1 more blocker)',
    );
    expect(
      say([
        {
          ...blocker,
          gates: [
            {
              id: 'runbook',
              title: 'Runbook linked',
              type: 'check',
              status: 'error',
              team: 'group:default/platform-sre',
              teamTitle: 'Platform & SRE',
            },
          ],
        },
      ]),
    ).toBe(
      'Blocked by Ledger Service: team Platform & SRE must fix the failing check Runbook linked',
    );
  });

  it('names the gate an entity waits for, and an expiring sign-off', () => {
    expect(
      describeReadiness(
        {
          status: 'not-ready',
          gates: [{ ...gate, status: 'pending' }],
          blockedBy: [],
        },
        titleOf,
      ),
    ).toBe('Waiting for sign-off: Security review, owned by team Security');
    expect(
      describeReadiness(
        {
          status: 'at-risk',
          gates: [
            {
              ...gate,
              status: 'expiring',
              expiresAt: '2026-11-28T10:00:00.000Z',
            },
          ],
          blockedBy: [],
        },
        titleOf,
      ),
    ).toBe(
      'Ready, but the sign-off of Security review (team Security) expires on 2026-11-28',
    );
  });
});

describe('gateWaits', () => {
  it('measures each wait from first failing to passing, and open waits to now', () => {
    const waits = gateWaits(
      [
        { gateId: 'review', status: 'pending', at: '2026-11-01T00:00:00.000Z' },
        { gateId: 'runbook', status: 'failed', at: '2026-11-02T00:00:00.000Z' },
        { gateId: 'runbook', status: 'failed', at: '2026-11-03T00:00:00.000Z' },
        { gateId: 'review', status: 'passed', at: '2026-11-04T00:00:00.000Z' },
        { gateId: 'review', status: 'expired', at: '2026-11-10T00:00:00.000Z' },
      ],
      new Date('2026-11-12T00:00:00.000Z'),
    );
    const day = 86_400_000;
    expect(waits).toEqual([
      {
        gateId: 'review',
        from: '2026-11-01T00:00:00.000Z',
        until: '2026-11-04T00:00:00.000Z',
        durationMs: 3 * day,
      },
      {
        gateId: 'runbook',
        from: '2026-11-02T00:00:00.000Z',
        durationMs: 10 * day,
      },
      {
        gateId: 'review',
        from: '2026-11-10T00:00:00.000Z',
        durationMs: 2 * day,
      },
    ]);
  });
});
