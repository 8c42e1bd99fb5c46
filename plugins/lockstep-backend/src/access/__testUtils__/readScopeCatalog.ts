import { Entity } from '@backstage/catalog-model';
import {
  sampleLockstepConfig,
  sampleReadinessConfig,
} from '../../__testUtils__/sampleCatalog';
import { catalogReadExcept, testPolicy } from '../../__testUtils__/testPolicy';

/**
 * Who reads what in the read-scope tests: the people, the policy that hides part of the sample
 * catalog from three of them, and the entities and policies that make them meet what is hidden.
 */

const user = (name: string) => `user:default/${name}`;
export const NINA = user('nina.petrova'); // Data: may read everything but what team Payments owns
export const CARLOS = user('carlos.mendes'); // Data, same policy; never calls Lockstep before he is notified
export const TOM = user('tom.nguyen'); // Storefront: may read no Resource
export const GRACE = user('grace.kim'); // reads everything: the unrestricted answer
export const HANNAH = user('hannah.berg'); // Storefront, reads everything: a co-approver who may be told
export const DANIEL = user('daniel.okafor'); // Checkout
export const SOFIA = user('sofia.martinez'); // Checkout
export const PRIYA = user('priya.sharma'); // Payments
export const MARCUS = user('marcus.chen'); // Payments
export const RESTRICTED = [NINA, CARLOS, TOM];

const ownedByPayments = (entity: Entity) =>
  (entity.relations ?? []).some(
    r => r.type === 'ownedBy' && r.targetRef === 'group:default/payments',
  );
/** What each restricted user may not read, as the policy below decides it. */
export const hiddenFrom: Record<string, (entity: Entity) => boolean> = {
  [NINA]: ownedByPayments,
  [CARLOS]: ownedByPayments,
  [TOM]: entity => entity.kind === 'Resource',
};

/** A real conditional policy through the real permission backend, as an adopter would write it. */
export const policyModule = testPolicy(
  'lockstep-read-scope-policy',
  (query, who) => {
    if (who === NINA || who === CARLOS)
      return catalogReadExcept(query, { ownedBy: 'group:default/payments' });
    if (who === TOM) return catalogReadExcept(query, { kind: 'Resource' });
    return undefined;
  },
);

/**
 * Beside the sample: hidden entities that block readable ones, and co-approval across teams through
 * the documented annotation, so that people are asked to approve what they may not read.
 */
export const EXTRA_ENTITIES = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'risk-engine',
      title: 'Risk Engine',
      annotations: { 'lockstep.io/approvers': 'group:default/data=1' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'payments',
      dependsOn: ['component:fraud-service'],
    },
  },
  {
    // ready in itself; blocked only by what Payments owns
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'data-exporter',
      title: 'Data Exporter',
      annotations: { 'pagerduty.com/service-id': 'P424242' },
      links: [
        {
          url: 'https://runbooks.brightcart.example/data-exporter',
          title: 'Runbook',
          type: 'runbook',
        },
      ],
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'data',
      dependsOn: ['component:ledger-service'],
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'sessions-db',
      title: 'Sessions Database',
      annotations: { 'lockstep.io/approvers': 'group:default/storefront=1' },
    },
    spec: { type: 'database', owner: 'checkout' },
  },
];

const sampleApprovals = sampleLockstepConfig().approvals;
export const APPROVALS = {
  ...sampleApprovals,
  policies: [
    ...sampleApprovals.policies,
    {
      id: 'canary',
      title: 'Canary',
      filter: { kind: ['Component'] },
      environments: ['canary'],
      requireReadiness: true,
      stages: [
        { name: 'Owning team', rules: [{ group: 'owner', minApprovals: 1 }] },
      ],
    },
    {
      id: 'database-change',
      title: 'Database change',
      filter: { kind: ['Resource'] },
      environments: ['production'],
      stages: [
        { name: 'Owning team', rules: [{ group: 'owner', minApprovals: 1 }] },
        {
          name: 'Operations',
          rules: [{ group: 'group:default/platform-sre', minApprovals: 1 }],
        },
      ],
    },
  ],
};
const sampleProfiles = sampleReadinessConfig() as { profiles: unknown[] };
export const READINESS = {
  ...sampleProfiles,
  profiles: [
    ...sampleProfiles.profiles,
    {
      id: 'database',
      title: 'Database',
      filter: { kind: ['Resource'], type: ['database'] },
      gates: [
        {
          id: 'restore-drill',
          title: 'Restore drill done',
          team: 'group:default/platform-sre',
          type: 'signoff',
        },
      ],
    },
  ],
};
