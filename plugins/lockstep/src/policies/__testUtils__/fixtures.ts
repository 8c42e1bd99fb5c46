import type {
  EntityPolicies,
  EnvironmentPolicy,
  PoliciesOverview,
} from '@lockstep/backstage-plugin-lockstep-common';

const day = 86_400_000;

/** Two profiles (the first extends nothing and takes PCI services) and two policies. */
export function policiesOverview(): PoliciesOverview {
  return {
    profiles: [
      {
        id: 'pci-service',
        title: 'PCI services',
        extends: ['service'],
        filter: {
          kind: ['component'],
          type: ['service'],
          tags: ['pci'],
          system: ['system:default/payments'],
        },
        gates: [
          {
            id: 'security-review',
            title: 'Security review',
            team: 'group:default/security',
            teamTitle: 'Security',
            type: 'signoff',
            required: true,
            validForMs: 30 * day,
          },
          {
            id: 'docs',
            title: 'Docs published',
            team: 'group:default/platform',
            type: 'check',
            check: 'techdocs',
            required: false,
          },
        ],
        selected: {
          count: 27,
          entities: [
            {
              entityRef: 'component:default/cart-service',
              title: 'Cart',
            },
            { entityRef: 'component:default/payments-api' },
          ],
        },
      },
      {
        id: 'service',
        title: 'Services',
        extends: [],
        filter: {},
        gates: [],
        selected: { count: 0, entities: [] },
      },
    ],
    policies: [
      {
        id: 'production-release',
        title: 'Production release',
        filter: { kind: ['component', 'api', 'resource'] },
        environments: ['production', 'prod-eu'],
        stages: [
          {
            name: 'Owning team',
            rules: [{ group: 'owner', minApprovals: 1, members: [] }],
          },
          {
            name: 'Security and operations',
            rules: [
              {
                group: 'group:default/security',
                groupTitle: 'Security',
                minApprovals: 2,
                members: [
                  'user:default/rachel.cohen',
                  'user:default/omar.haddad',
                ],
              },
            ],
          },
        ],
        requesterCannotApprove: true,
        rejectReasonRequired: true,
        requireReadiness: true,
        expiresAfterMs: 3 * day,
        selected: {
          count: 1,
          entities: [{ entityRef: 'component:default/cart-service' }],
        },
      },
      {
        id: 'catch-all',
        title: 'Any change',
        filter: {},
        environments: [],
        stages: [
          {
            name: 'Owning team',
            rules: [{ group: 'owner', minApprovals: 1, members: [] }],
          },
        ],
        requesterCannotApprove: false,
        rejectReasonRequired: false,
        requireReadiness: false,
        selected: { count: 0, entities: [] },
      },
    ],
    environments: ['production', 'prod-eu'],
  };
}

export const REFUSAL =
  'Policy \'production-release\' cannot be satisfied for this request: Stage "Security and operations": group:default/security needs 2 approvals but only 1 member other than the requester can approve';

/** The dry run for production: two stages, the second one short of people, so refused. */
export function productionRun(
  overrides: Partial<EnvironmentPolicy> = {},
): EnvironmentPolicy {
  return {
    environment: 'production',
    policy: { id: 'production-release', title: 'Production release' },
    candidates: [
      {
        id: 'production-release',
        title: 'Production release',
        outcome: 'applies',
        why: 'The first policy that covers production and whose filter matches',
      },
      {
        id: 'catch-all',
        title: 'Any change',
        outcome: 'shadowed',
        why: "It covers production too, but 'production-release' comes first",
      },
    ],
    stages: [
      {
        name: 'Owning team',
        rules: [
          {
            group: 'group:default/checkout',
            groupTitle: 'Checkout',
            minApprovals: 1,
            members: ['user:default/sofia.martinez'],
          },
        ],
      },
      {
        name: 'Security and operations',
        rules: [
          {
            group: 'group:default/security',
            groupTitle: 'Security',
            minApprovals: 2,
            members: ['user:default/omar.haddad'],
          },
        ],
      },
    ],
    additions: ['group:default/data needs 1 approval (added by annotation)'],
    ignored: [],
    requesterCannotApprove: true,
    requireReadiness: true,
    expiresAfterMs: 3 * day,
    requestable: false,
    refusal: REFUSAL,
    ...overrides,
  };
}

/** The dry run for an environment only the catch-all policy covers: the owners approve. */
export function catchAllRun(environment: string): EnvironmentPolicy {
  return {
    environment,
    policy: { id: 'catch-all', title: 'Any change' },
    candidates: [
      {
        id: 'production-release',
        title: 'Production release',
        outcome: 'no-match',
        why: `It covers production and prod-eu, not ${environment}`,
      },
      {
        id: 'catch-all',
        title: 'Any change',
        outcome: 'applies',
        why: `The first policy that covers ${environment} and whose filter matches`,
      },
    ],
    stages: [
      {
        name: 'Owning team',
        rules: [
          {
            group: 'group:default/checkout',
            groupTitle: 'Checkout',
            minApprovals: 1,
            members: ['user:default/sofia.martinez', 'user:default/tom.lee'],
          },
        ],
      },
    ],
    additions: [],
    ignored: [],
    requesterCannotApprove: false,
    requireReadiness: false,
    requestable: true,
  };
}

/** What applies to cart-service: the PCI profile, production (refused) and, when asked, `extra`. */
export function cartPolicies(extra?: string): EntityPolicies {
  return {
    entityRef: 'component:default/cart-service',
    title: 'Cart',
    profile: { id: 'pci-service', title: 'PCI services', selectedBy: 'filter' },
    profileCandidates: [
      {
        id: 'pci-service',
        title: 'PCI services',
        outcome: 'applies',
        why: 'The first profile whose filter matches',
      },
      {
        id: 'service',
        title: 'Services',
        outcome: 'shadowed',
        why: "Its filter matches too, but 'pci-service' comes first",
      },
    ],
    environments: [productionRun(), ...(extra ? [catchAllRun(extra)] : [])],
  };
}
