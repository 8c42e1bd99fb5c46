import { Entity } from '@backstage/catalog-model';
import type { ApprovalPolicy } from '../approvals/types';
import { selectApprovalPolicy, snapshotPolicy } from '../approvals/policy';
import { matchesEntityFilter } from '../catalog/entity';
import { ReadinessProfile, selectProfile } from '../readiness/profiles';
import { dryRunRequest } from './dryRun';
import {
  explainPolicyChoice,
  explainProfileChoice,
  policyEnvironments,
} from './explain';

const entity = (
  kind: string,
  spec: Record<string, string>,
  annotations: Record<string, string> = {},
  tags: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'checkout', namespace: 'default', annotations, tags },
  spec,
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/payments' },
    { type: 'partOf', targetRef: 'system:default/shop' },
  ],
});

const profile = (
  id: string,
  filter: ReadinessProfile['filter'],
  extendsIds: string[] = [],
): ReadinessProfile => ({
  id,
  title: `${id} profile`,
  extends: extendsIds,
  filter,
  gates: [],
});

const profiles = [
  profile('pci', { kind: ['component'], tags: ['pci'] }),
  profile('service', { kind: ['component'], type: ['service'] }),
  profile('strict', { kind: ['component'], type: ['nothing'] }, ['service']),
  profile('any', {}),
];

const policy = (
  id: string,
  filter: ApprovalPolicy['filter'],
  environments?: string[],
): ApprovalPolicy => ({
  id,
  title: `${id} policy`,
  filter,
  ...(environments && { environments }),
  stages: [
    { name: 'Team', rules: [{ group: 'owner', minApprovals: 1 }] },
    {
      name: 'Security',
      rules: [{ group: 'group:default/security', minApprovals: 2 }],
    },
  ],
  requesterCannotApprove: true,
  rejectReasonRequired: false,
  requireReadiness: true,
});

const policies = [
  policy('prod-services', { type: ['service'] }, ['production', 'Prod-EU']),
  policy('shop', { system: ['system:default/shop'] }, ['staging']),
  policy('catch-all', {}),
];

describe('explainProfileChoice', () => {
  it('names the first profile whose filter matches, and says why each other one does not apply', () => {
    const { profile: chosen, candidates } = explainProfileChoice(
      entity('Component', { type: 'service' }),
      profiles,
    );
    expect(chosen).toEqual({
      id: 'service',
      title: 'service profile',
      selectedBy: 'filter',
    });
    expect(candidates).toEqual([
      {
        id: 'pci',
        title: 'pci profile',
        outcome: 'no-match',
        why: 'Tags is not set; the filter takes pci',
      },
      {
        id: 'service',
        title: 'service profile',
        outcome: 'applies',
        why: 'The first profile whose filter matches',
      },
      {
        id: 'strict',
        title: 'strict profile',
        outcome: 'no-match',
        why: 'Type is service; the filter takes nothing',
      },
      {
        id: 'any',
        title: 'any profile',
        outcome: 'shadowed',
        why: "Its filter matches too, but 'service' comes first",
      },
    ]);
  });

  it('follows an annotation that asks for a stricter profile, and says the matched one was overridden', () => {
    const { profile: chosen, candidates } = explainProfileChoice(
      entity(
        'Component',
        { type: 'service' },
        { 'lockstep.io/readiness-profile': 'strict' },
      ),
      profiles,
    );
    expect(chosen?.selectedBy).toBe('annotation');
    expect(candidates.find(c => c.id === 'strict')).toMatchObject({
      outcome: 'applies',
      why: "The entity asks for it with lockstep.io/readiness-profile, and it extends 'service'",
    });
    expect(candidates.find(c => c.id === 'service')).toMatchObject({
      outcome: 'shadowed',
      why: "Its filter matches, but the entity asks for the stricter 'strict'",
    });
  });

  it('keeps the note of an annotation that would loosen the profile', () => {
    const { profile: chosen } = explainProfileChoice(
      entity(
        'Component',
        { type: 'service' },
        { 'lockstep.io/readiness-profile': 'any' },
      ),
      profiles,
    );
    expect(chosen).toMatchObject({ id: 'service', selectedBy: 'filter' });
    expect(chosen?.note).toMatch(/does not extend 'service'/);
  });

  it('agrees with selectProfile and the filter on every combination', () => {
    const kinds = ['Component', 'API'];
    const types = ['service', 'website', 'nothing'];
    const asks = [undefined, 'strict', 'any', 'missing'];
    for (const kind of kinds)
      for (const type of types)
        for (const tags of [[], ['PCI']])
          for (const asked of asks) {
            const e = entity(
              kind,
              { type },
              asked ? { 'lockstep.io/readiness-profile': asked } : {},
              tags,
            );
            const { profile: chosen, candidates } = explainProfileChoice(
              e,
              profiles,
            );
            expect(chosen).toEqual(selectProfile(e, profiles)?.ref);
            const applying = candidates.filter(c => c.outcome === 'applies');
            expect(applying.map(c => c.id)).toEqual(chosen ? [chosen.id] : []);
            // an asked-for profile applies whether or not its filter matches
            candidates.forEach((c, i) =>
              expect(c.outcome === 'no-match').toBe(
                c.id !== chosen?.id &&
                  !matchesEntityFilter(e, profiles[i].filter),
              ),
            );
          }
  });
});

describe('explainPolicyChoice', () => {
  it('names the policy for the environment, case-insensitively, and why the others do not decide', () => {
    const { policy: chosen, candidates } = explainPolicyChoice(
      entity('Component', { type: 'website' }),
      'prod-eu',
      policies,
    );
    expect(chosen?.id).toBe('catch-all');
    expect(candidates.map(c => [c.outcome, c.why])).toEqual([
      ['no-match', 'Type is website; the filter takes service'],
      ['no-match', 'It covers staging, not prod-eu'],
      [
        'applies',
        'The first policy that covers prod-eu and whose filter matches',
      ],
    ]);
  });

  it('agrees with selectApprovalPolicy on every environment', () => {
    for (const type of ['service', 'website'])
      for (const env of ['production', 'PROD-EU', 'staging', 'dev']) {
        const e = entity('Component', { type });
        const { policy: chosen, candidates } = explainPolicyChoice(
          e,
          env,
          policies,
        );
        expect(chosen).toBe(selectApprovalPolicy(e, env, policies));
        expect(
          candidates.filter(c => c.outcome === 'applies').map(c => c.id),
        ).toEqual(chosen ? [chosen.id] : []);
      }
  });

  it('lists every environment the policies name once, in configured order', () => {
    expect(
      policyEnvironments([
        ...policies,
        policy('again', {}, ['PRODUCTION', 'qa']),
      ]),
    ).toEqual(['production', 'Prod-EU', 'staging', 'qa']);
  });
});

describe('dryRunRequest', () => {
  const members: Record<string, string[]> = {
    'group:default/payments': ['user:default/rita', 'user:default/pat'],
    'group:default/security': ['user:default/sam', 'group:default/nested'],
  };
  const dryRun = (requester: string, annotation?: string) =>
    dryRunRequest(
      snapshotPolicy(
        policies[0],
        entity(
          'Component',
          { type: 'service' },
          annotation ? { 'lockstep.io/approvers': annotation } : {},
        ),
        'group:default/payments',
      ),
      group => members[group] ?? [],
      requester,
    );

  it('lists who could approve each stage, without the requester, and says why nobody could', () => {
    const run = dryRun('user:default/rita');
    expect(run.stages).toEqual([
      {
        name: 'Team',
        rules: [
          {
            group: 'group:default/payments',
            minApprovals: 1,
            members: ['user:default/pat'],
          },
        ],
      },
      {
        name: 'Security',
        rules: [
          {
            group: 'group:default/security',
            minApprovals: 2,
            members: ['user:default/sam'],
          },
        ],
      },
    ]);
    expect(run.problems).toEqual([
      'Stage "Security": group:default/security needs 2 approvals but only 1 member other than the requester can approve',
    ]);
    expect(run).toMatchObject({
      requesterCannotApprove: true,
      requireReadiness: true,
    });
  });

  it('shows what the approvers annotation added', () => {
    const run = dryRun('user:default/rita', 'group:default/payments=2');
    expect(run.additions).toEqual([
      expect.stringContaining('group:default/payments'),
    ]);
    expect(run.stages[0].rules[0].minApprovals).toBe(2);
  });
});
