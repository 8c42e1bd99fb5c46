import {
  assignApprovers,
  eligibleFor,
  evaluateRequest,
  stageSatisfied,
} from './quorum';
import { ApprovalDecision, PolicySnapshot } from './types';

const TEAM = 'group:default/payments';
const SECURITY = 'group:default/security';
const SRE = 'group:default/sre';
const REQUESTER = 'user:default/rita';

const snapshot = (fields: Partial<PolicySnapshot> = {}): PolicySnapshot => ({
  policyId: 'production',
  policyTitle: 'Production releases',
  stages: [
    { name: 'Team', rules: [{ group: TEAM, minApprovals: 1 }] },
    {
      name: 'Security & SRE',
      rules: [
        { group: SECURITY, minApprovals: 2 },
        { group: SRE, minApprovals: 1 },
      ],
    },
  ],
  requesterCannotApprove: true,
  rejectReasonRequired: true,
  requireReadiness: false,
  additions: [],
  ignored: [],
  ...fields,
});

let clock = 0;
const decide = (
  actor: string,
  stage: number,
  groups: string[],
  decision: ApprovalDecision['decision'] = 'approve',
): ApprovalDecision => ({
  actor,
  decision,
  stage,
  groups,
  at: new Date(Date.UTC(2026, 10, 1, 9, clock++)).toISOString(),
});

describe('assignApprovers', () => {
  const rules = [
    { group: SECURITY, minApprovals: 2 },
    { group: SRE, minApprovals: 1 },
  ];

  it('counts a person in two groups for one rule only', () => {
    const assigned = assignApprovers(rules, [
      { actor: 'user:default/ann', groups: [SECURITY, SRE] },
      { actor: 'user:default/bob', groups: [SECURITY] },
    ]);
    expect(assigned).toEqual([['user:default/ann', 'user:default/bob'], []]);
    expect(assigned.flat()).toHaveLength(2);
  });

  it('moves an earlier approver to another rule of theirs when that fills more slots', () => {
    // ann and bob fill security first; carol (security only) can count only if ann moves to SRE
    const assigned = assignApprovers(rules, [
      { actor: 'user:default/ann', groups: [SECURITY, SRE] },
      { actor: 'user:default/bob', groups: [SECURITY] },
      { actor: 'user:default/carol', groups: [SECURITY] },
    ]);
    expect(assigned[0].sort()).toEqual([
      'user:default/bob',
      'user:default/carol',
    ]);
    expect(assigned[1]).toEqual(['user:default/ann']);
  });

  it('never gives a rule more than its minimum, and counts a person listed twice once', () => {
    const assigned = assignApprovers(
      [{ group: SECURITY, minApprovals: 2 }],
      [
        { actor: 'user:default/ann', groups: [SECURITY] },
        { actor: 'User:Default/Ann', groups: [SECURITY] },
        { actor: 'user:default/bob', groups: [SECURITY] },
        { actor: 'user:default/carol', groups: [SECURITY] },
      ],
    );
    expect(assigned).toEqual([['user:default/ann', 'user:default/bob']]);
  });

  it('compares group refs case-insensitively and ignores people in no rule group', () => {
    const assigned = assignApprovers(rules, [
      { actor: 'user:default/ann', groups: ['Group:Default/SRE'] },
      { actor: 'user:default/dan', groups: ['group:default/marketing'] },
    ]);
    expect(assigned).toEqual([[], ['user:default/ann']]);
  });
});

describe('stageSatisfied', () => {
  it('needs every rule filled by distinct people', () => {
    const rules = [
      { group: SECURITY, minApprovals: 1 },
      { group: SRE, minApprovals: 1 },
    ];
    const ann = { actor: 'user:default/ann', groups: [SECURITY, SRE] };
    const bob = { actor: 'user:default/bob', groups: [SRE] };
    expect(stageSatisfied(rules, [ann])).toBe(false);
    expect(stageSatisfied(rules, [ann, bob])).toBe(true);
  });

  it('never passes a stage without rules', () => {
    expect(stageSatisfied([], [])).toBe(false);
  });
});

describe('evaluateRequest', () => {
  it('opens stages in order and approves when the last one passes', () => {
    const decisions = [decide('user:default/pat', 0, [TEAM])];
    let progress = evaluateRequest(snapshot(), decisions, REQUESTER);
    expect(progress.state).toBe('pending');
    expect(progress.currentStage).toBe(1);
    expect(progress.stages[0]).toEqual({
      name: 'Team',
      passed: true,
      rules: [
        {
          group: TEAM,
          minApprovals: 1,
          approvedBy: ['user:default/pat'],
          missing: 0,
        },
      ],
    });

    decisions.push(
      decide('user:default/sam', 1, [SECURITY]),
      decide('user:default/sue', 1, [SECURITY]),
    );
    progress = evaluateRequest(snapshot(), decisions, REQUESTER);
    expect(progress.state).toBe('pending');
    expect(progress.stages[1].rules.map(rule => rule.missing)).toEqual([0, 1]);

    decisions.push(decide('user:default/ray', 1, [SRE]));
    progress = evaluateRequest(snapshot(), decisions, REQUESTER);
    expect(progress.state).toBe('approved');
    expect(progress.currentStage).toBe(2);
    expect(progress.stages.every(stage => stage.passed)).toBe(true);
  });

  it('counts a person in security and SRE once within a stage', () => {
    const progress = evaluateRequest(
      snapshot(),
      [
        decide('user:default/pat', 0, [TEAM]),
        decide('user:default/ann', 1, [SECURITY, SRE]),
        decide('user:default/sam', 1, [SECURITY]),
      ],
      REQUESTER,
    );
    expect(progress.state).toBe('pending');
    expect(
      progress.stages[1].rules.reduce((sum, rule) => sum + rule.missing, 0),
    ).toBe(1);
  });

  it('lets one reject decide the request', () => {
    const progress = evaluateRequest(
      snapshot(),
      [
        decide('user:default/pat', 0, [TEAM]),
        decide('user:default/sam', 1, [SECURITY], 'reject'),
        decide('user:default/sue', 1, [SECURITY]),
        decide('user:default/ray', 1, [SRE]),
      ],
      REQUESTER,
    );
    expect(progress.state).toBe('rejected');
    expect(progress.currentStage).toBe(1);
  });

  it('never counts the requester when the policy forbids self-approval', () => {
    const decisions = [decide(REQUESTER, 0, [TEAM])];
    expect(evaluateRequest(snapshot(), decisions, REQUESTER).state).toBe(
      'pending',
    );
    expect(
      evaluateRequest(
        snapshot(),
        [decide(REQUESTER, 0, [TEAM], 'reject')],
        REQUESTER,
      ).state,
    ).toBe('pending');
    // ...case variants of the same ref included
    expect(
      evaluateRequest(
        snapshot(),
        [decide('User:Default/Rita', 0, [TEAM])],
        REQUESTER,
      ).currentStage,
    ).toBe(0);
    // ...but counts them when the policy allows it
    expect(
      evaluateRequest(
        snapshot({ requesterCannotApprove: false }),
        decisions,
        REQUESTER,
      ).currentStage,
    ).toBe(1);
  });

  it('never counts service principals, whatever groups they claim', () => {
    const progress = evaluateRequest(
      snapshot(),
      [
        decide('component:default/release-bot', 0, [TEAM]),
        decide('plugin:catalog', 0, [TEAM], 'reject'),
      ],
      REQUESTER,
    );
    expect(progress.state).toBe('pending');
    expect(progress.currentStage).toBe(0);
  });

  it('counts a person once even when the store lists their decision twice', () => {
    const twice = snapshot({
      stages: [{ name: 'Team', rules: [{ group: TEAM, minApprovals: 2 }] }],
    });
    const pat = decide('user:default/pat', 0, [TEAM]);
    const progress = evaluateRequest(twice, [pat, { ...pat }], REQUESTER);
    expect(progress.state).toBe('pending');
    expect(progress.stages[0].rules[0]).toMatchObject({
      approvedBy: ['user:default/pat'],
      missing: 1,
    });
  });

  it('ignores approvals for a stage that was not open yet, and from non-members', () => {
    const progress = evaluateRequest(
      snapshot(),
      [
        decide('user:default/sam', 1, [SECURITY]), // before stage 1 opened
        decide('user:default/dan', 0, ['group:default/marketing']),
        decide('user:default/pat', 0, [TEAM]),
      ],
      REQUESTER,
    );
    expect(progress.currentStage).toBe(1);
    expect(progress.stages[1].rules[0].approvedBy).toEqual([]);
    expect(progress.decidedBy).toEqual({
      'user:default/sam': 'approve',
      'user:default/dan': 'approve',
      'user:default/pat': 'approve',
    });
  });

  it('never approves a snapshot without stages', () => {
    expect(evaluateRequest(snapshot({ stages: [] }), [], REQUESTER).state).toBe(
      'pending',
    );
  });
});

describe('eligibleFor', () => {
  const at = (decisions: ApprovalDecision[]) =>
    evaluateRequest(snapshot(), decisions, REQUESTER);
  const teamPassed = [decide('user:default/pat', 0, [TEAM])];

  it('lets a member of a group of the open stage decide, with the rules they count for', () => {
    expect(
      eligibleFor(
        snapshot(),
        at(teamPassed),
        'user:default/ann',
        [SECURITY, SRE],
        REQUESTER,
      ),
    ).toEqual({
      eligible: true,
      rules: [
        { group: SECURITY, minApprovals: 2 },
        { group: SRE, minApprovals: 1 },
      ],
    });
  });

  it('still lets a member decide when their rule is already full', () => {
    const progress = at([
      ...teamPassed,
      decide('user:default/sam', 1, [SECURITY]),
      decide('user:default/sue', 1, [SECURITY]),
    ]);
    expect(
      eligibleFor(
        snapshot(),
        progress,
        'user:default/sid',
        [SECURITY],
        REQUESTER,
      ).eligible,
    ).toBe(true);
  });

  it('refuses the requester, with the reason', () => {
    expect(
      eligibleFor(snapshot(), at([]), REQUESTER, [TEAM], REQUESTER),
    ).toEqual({
      eligible: false,
      reason:
        'You requested this release; this policy does not let requesters approve their own',
      rules: [],
    });
  });

  it('refuses someone who already decided', () => {
    expect(
      eligibleFor(
        snapshot(),
        at(teamPassed),
        'user:default/pat',
        [TEAM, SECURITY],
        REQUESTER,
      ).reason,
    ).toBe('You already approved');
  });

  it('tells a later stage approver to wait for the open stage', () => {
    expect(
      eligibleFor(snapshot(), at([]), 'user:default/sam', [SECURITY], REQUESTER)
        .reason,
    ).toBe(
      'Waiting for stage 1 (Team) first; you approve in stage 2 (Security & SRE)',
    );
  });

  it('names the approver groups to someone in none of them', () => {
    expect(
      eligibleFor(
        snapshot(),
        at(teamPassed),
        'user:default/dan',
        ['group:default/marketing'],
        REQUESTER,
      ).reason,
    ).toBe(
      'You are not a member of group:default/security or group:default/sre, the approvers of stage 2 (Security & SRE)',
    );
  });

  it('refuses service principals and requests that are no longer pending', () => {
    expect(
      eligibleFor(
        snapshot(),
        at([]),
        'component:default/bot',
        [TEAM],
        REQUESTER,
      ).eligible,
    ).toBe(false);
    expect(
      eligibleFor(
        snapshot(),
        { ...at([]), state: 'cancelled' },
        'user:default/pat',
        [TEAM],
        REQUESTER,
      ).reason,
    ).toBe('This request was cancelled');
  });
});
