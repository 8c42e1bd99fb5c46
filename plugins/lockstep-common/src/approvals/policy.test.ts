import { Entity } from '@backstage/catalog-model';
import {
  applyApproverAnnotation,
  selectApprovalPolicy,
  snapshotPolicy,
  unsatisfiableRules,
} from './policy';
import { ApprovalPolicy, ApprovalStage } from './types';

const policy = (
  id: string,
  fields: Partial<ApprovalPolicy> = {},
): ApprovalPolicy => ({
  id,
  title: id,
  filter: {},
  stages: [
    { name: 'Team', rules: [{ group: 'owner', minApprovals: 1 }] },
    {
      name: 'Security & SRE',
      rules: [
        { group: 'group:default/security', minApprovals: 2 },
        { group: 'group:default/sre', minApprovals: 1 },
      ],
    },
  ],
  requesterCannotApprove: true,
  rejectReasonRequired: true,
  requireReadiness: true,
  ...fields,
});

const entity = (
  fields: {
    type?: string;
    tags?: string[];
    approvers?: string;
    system?: string;
  } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-service',
    tags: fields.tags,
    annotations: fields.approvers
      ? { 'lockstep.io/approvers': fields.approvers }
      : undefined,
  },
  spec: { type: fields.type ?? 'service', lifecycle: 'production' },
  relations: fields.system
    ? [{ type: 'partOf', targetRef: fields.system }]
    : [],
});

describe('selectApprovalPolicy', () => {
  const policies = [
    policy('pci-prod', {
      filter: { tags: ['PCI'] },
      environments: ['Production'],
    }),
    policy('payments', { filter: { system: ['system:default/payments'] } }),
    policy('services', { filter: { kind: ['component'], type: ['Service'] } }),
  ];

  it('takes the first policy, in config order, whose filter and environments match', () => {
    expect(
      selectApprovalPolicy(entity({ tags: ['pci'] }), 'production', policies)
        ?.id,
    ).toBe('pci-prod');
    expect(
      selectApprovalPolicy(entity({ tags: ['pci'] }), 'staging', policies)?.id,
    ).toBe('services');
    expect(
      selectApprovalPolicy(
        entity({ system: 'system:default/payments' }),
        'staging',
        policies,
      )?.id,
    ).toBe('payments');
  });

  it('finds nothing when no filter matches', () => {
    expect(
      selectApprovalPolicy(entity({ type: 'library' }), 'production', policies),
    ).toBeUndefined();
  });
});

describe('applyApproverAnnotation', () => {
  const stages: ApprovalStage[] = [
    {
      name: 'Team',
      rules: [{ group: 'group:default/payments', minApprovals: 1 }],
    },
    {
      name: 'Security',
      rules: [{ group: 'group:default/security', minApprovals: 2 }],
    },
  ];

  it('raises an existing rule and adds a new group to the last stage', () => {
    const result = applyApproverAnnotation(
      stages,
      'payments=2, group:default/data=1',
    );
    expect(result.stages).toEqual([
      {
        name: 'Team',
        rules: [{ group: 'group:default/payments', minApprovals: 2 }],
      },
      {
        name: 'Security',
        rules: [
          { group: 'group:default/security', minApprovals: 2 },
          { group: 'group:default/data', minApprovals: 1 },
        ],
      },
    ]);
    expect(result.additions).toEqual([
      'group:default/payments: raised from 1 to 2 approvals in stage "Team"',
      'group:default/data: 1 approval added to stage "Security"',
    ]);
    expect(result.ignored).toEqual([]);
    expect(stages[0].rules[0].minApprovals).toBe(1); // the input is untouched
  });

  it('ignores a lower count instead of relaxing the policy', () => {
    const result = applyApproverAnnotation(stages, 'Group:Default/Security=1');
    expect(result.stages).toEqual(stages);
    expect(result.additions).toEqual([]);
    expect(result.ignored).toEqual([
      'lockstep.io/approvers "Group:Default/Security=1": stage "Security" requires 2 approvals from group:default/security, and an annotation can only raise that; ignored',
    ]);
  });

  it('ignores malformed entries with the reason and never throws', () => {
    const result = applyApproverAnnotation(
      stages,
      'security, data=0, sre=1.5, ops=-1, qa=two, user:default/rita=1, a=b=1, /x=1, bad name=1, ,sre=1',
    );
    expect(result.ignored.map(reason => reason.split(': ')[1])).toEqual([
      'expected <group>=<number of approvals>; ignored',
      'the number of approvals must be a whole number of at least 1; ignored',
      'the number of approvals must be a whole number of at least 1; ignored',
      'the number of approvals must be a whole number of at least 1; ignored',
      'the number of approvals must be a whole number of at least 1; ignored',
      'only groups can be approvers; ignored',
      'expected <group>=<number of approvals>; ignored',
      '"/x" is not an entity ref; ignored',
      '"bad name" is not an entity ref; ignored',
    ]);
    // the one well-formed entry still applies
    expect(result.stages[1].rules).toContainEqual({
      group: 'group:default/sre',
      minApprovals: 1,
    });
  });

  it('changes nothing without an annotation', () => {
    expect(applyApproverAnnotation(stages, undefined)).toEqual({
      stages,
      additions: [],
      ignored: [],
    });
  });
});

describe('snapshotPolicy', () => {
  it('resolves owner rules, applies the annotation and normalises group refs', () => {
    const snapshot = snapshotPolicy(
      policy('prod', {
        expiresAfterMs: 86_400_000,
        stages: [
          { name: 'Team', rules: [{ group: 'owner', minApprovals: 1 }] },
          {
            name: 'Security',
            rules: [{ group: 'Group:Default/Security', minApprovals: 1 }],
          },
        ],
      }),
      entity({ approvers: 'security=2, team-payments=1' }),
      'group:default/team-payments',
    );
    expect(snapshot).toEqual({
      policyId: 'prod',
      policyTitle: 'prod',
      stages: [
        {
          name: 'Team',
          rules: [{ group: 'group:default/team-payments', minApprovals: 1 }],
        },
        {
          name: 'Security',
          rules: [{ group: 'group:default/security', minApprovals: 2 }],
        },
      ],
      requesterCannotApprove: true,
      rejectReasonRequired: true,
      expiresAfterMs: 86_400_000,
      requireReadiness: true,
      additions: [
        'group:default/security: raised from 1 to 2 approvals in stage "Security"',
      ],
      ignored: [],
    });
  });

  it('keeps an owner rule unresolved when the entity has no owner', () => {
    const snapshot = snapshotPolicy(policy('prod'), entity(), undefined);
    expect(snapshot.stages[0].rules).toEqual([
      { group: 'owner', minApprovals: 1 },
    ]);
  });

  it('is a deep copy: later changes to the policy or entity change nothing', () => {
    const source = policy('prod');
    const annotated = entity({ approvers: 'data=1' });
    const snapshot = snapshotPolicy(
      source,
      annotated,
      'group:default/payments',
    );
    const before = JSON.parse(JSON.stringify(snapshot));

    source.stages[1].rules[0].minApprovals = 0;
    source.stages[1].rules.push({ group: 'group:default/x', minApprovals: 9 });
    source.stages.pop();
    source.requesterCannotApprove = false;
    annotated.metadata.annotations!['lockstep.io/approvers'] = 'data=5';

    expect(snapshot).toEqual(before);
  });
});

describe('unsatisfiableRules', () => {
  const REQUESTER = 'user:default/rita';
  const members: Record<string, string[]> = {
    'group:default/payments': ['user:default/rita', 'user:default/pat'],
    'group:default/security': ['user:default/ann', 'user:default/bob'],
    'group:default/sre': ['user:default/ann'],
  };
  const membersOf = (group: string) => members[group] ?? [];
  const snapshot = (owner?: string) =>
    snapshotPolicy(policy('prod'), entity(), owner);

  it('finds none when distinct people can fill every rule', () => {
    const wider: Record<string, string[]> = {
      ...members,
      'group:default/sre': ['user:default/ann', 'user:default/cy'],
    };
    expect(
      unsatisfiableRules(
        snapshot('group:default/payments'),
        g => wider[g] ?? [],
        REQUESTER,
      ),
    ).toEqual([]);
  });

  it('counts a person in two groups once across the rules of a stage', () => {
    expect(
      unsatisfiableRules(
        snapshot('group:default/payments'),
        membersOf,
        REQUESTER,
      ),
    ).toEqual([
      {
        stage: 1,
        stageName: 'Security & SRE',
        rule: { group: 'group:default/sre', minApprovals: 1 },
        eligible: 2,
        message:
          'Stage "Security & SRE": group:default/security (2) and group:default/sre (1) need 3 approvals from different people, but only 2 people other than the requester are members of these groups; a person in several groups counts once',
      },
    ]);
  });

  it('leaves the requester out of the eligible members', () => {
    const soleApprover = snapshotPolicy(
      policy('prod', {
        stages: [
          {
            name: 'Team',
            rules: [{ group: 'group:default/payments', minApprovals: 2 }],
          },
        ],
      }),
      entity(),
      undefined,
    );
    expect(unsatisfiableRules(soleApprover, membersOf, REQUESTER)).toEqual([
      {
        stage: 0,
        stageName: 'Team',
        rule: { group: 'group:default/payments', minApprovals: 2 },
        eligible: 1,
        message:
          'Stage "Team": group:default/payments needs 2 approvals but only 1 member other than the requester can approve',
      },
    ]);
    expect(
      unsatisfiableRules(
        { ...soleApprover, requesterCannotApprove: false },
        membersOf,
        REQUESTER,
      ),
    ).toEqual([]);
  });

  it('reports an owner rule on an entity without an owner, and empty groups', () => {
    const messages = unsatisfiableRules(
      snapshot(undefined),
      () => [],
      REQUESTER,
    ).map(problem => problem.message);
    expect(messages).toEqual([
      'Stage "Team": the rule on the entity\'s owner needs 1 approval, but the entity has no owner',
      'Stage "Security & SRE": group:default/security needs 2 approvals but no member other than the requester can approve',
      'Stage "Security & SRE": group:default/sre needs 1 approval but no member other than the requester can approve',
    ]);
  });

  it('reports a policy or a stage without rules, which could never approve', () => {
    const empty = snapshotPolicy(
      policy('empty', { stages: [] }),
      entity(),
      undefined,
    );
    expect(unsatisfiableRules(empty, membersOf, REQUESTER)[0].message).toBe(
      'Policy "empty" has no stages, so no request could be approved',
    );
    const emptyStage = snapshotPolicy(
      policy('p', { stages: [{ name: 'Nobody', rules: [] }] }),
      entity(),
      undefined,
    );
    expect(
      unsatisfiableRules(emptyStage, membersOf, REQUESTER)[0].message,
    ).toBe('Stage "Nobody" has no approver rules, so it could never pass');
  });

  it('does not count service principals listed as members', () => {
    const snap = snapshotPolicy(
      policy('p', {
        stages: [
          {
            name: 'Ops',
            rules: [{ group: 'group:default/ops', minApprovals: 1 }],
          },
        ],
      }),
      entity(),
      undefined,
    );
    expect(
      unsatisfiableRules(
        snap,
        () => ['component:default/release-bot'],
        REQUESTER,
      )[0].eligible,
    ).toBe(0);
  });
});
