import { Entity } from '@backstage/catalog-model';
import {
  EntityReadiness,
  LockstepApi,
  ReadinessBoard,
} from '@lockstep/backstage-plugin-lockstep-common';

const day = 86_400_000;
export const ago = (days: number) =>
  new Date(Date.now() - days * day).toISOString();
export const fromNow = (days: number) =>
  new Date(Date.now() + days * day).toISOString();

export const cartService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart-service', namespace: 'default', title: 'Cart' },
  spec: { type: 'service', owner: 'group:default/checkout' },
};

/** cart-service: security waits for a sign-off, SRE signed, a data check fails (optional). */
export const cartReadiness = (): EntityReadiness => ({
  entityRef: 'component:default/cart-service',
  owner: 'group:default/checkout',
  system: 'system:default/shop',
  profile: {
    id: 'production-service',
    title: 'Production service',
    selectedBy: 'filter',
  },
  status: 'not-ready',
  reason: 'Waiting for sign-off: Security review, owned by team Security',
  evaluatedAt: ago(0.01),
  blockedBy: [
    {
      entityRef: 'resource:default/payments-db',
      status: 'not-ready',
      owner: 'group:default/data',
      ownerTitle: 'Data Platform',
      path: [
        'component:default/cart-service',
        'component:default/payments-service',
        'resource:default/payments-db',
      ],
    },
  ],
  gates: [
    {
      id: 'runbook',
      title: 'Runbook linked',
      team: 'group:default/checkout',
      type: 'check',
      check: 'has-link',
      required: true,
      status: 'passed',
      detail: 'Runbook link present',
    },
    {
      id: 'security-review',
      title: 'Security review',
      team: 'group:default/security',
      type: 'signoff',
      required: true,
      status: 'pending',
      detail: 'No sign-off yet',
      since: ago(3),
    },
    {
      id: 'sre-review',
      title: 'SRE readiness review',
      team: 'group:default/platform-sre',
      type: 'signoff',
      required: true,
      status: 'passed',
      detail: 'Signed off for 2.4.0',
      signedBy: 'user:default/omar.haddad',
      signedAt: ago(2),
      expiresAt: fromNow(80),
      version: '2.4.0',
      comment: 'Dashboards and alerts look good',
    },
    {
      id: 'data-retention',
      title: 'Data retention documented',
      team: 'group:default/data',
      type: 'check',
      required: false,
      status: 'failed',
      detail: 'No retention annotation',
      since: ago(10),
    },
  ],
});

export const board = (): ReadinessBoard => ({
  total: 3,
  teams: [
    { entityRef: 'group:default/security', title: 'Security' },
    { entityRef: 'group:default/platform-sre', title: 'Platform & SRE' },
  ],
  items: [
    {
      entityRef: 'component:default/cart-service',
      title: 'Cart',
      owner: 'group:default/checkout',
      system: 'system:default/shop',
      profile: 'Production service',
      status: 'not-ready',
      reason: 'Waiting for sign-off: Security review, owned by team Security',
      waitingSince: ago(3),
      blockedBy: [],
      gates: [
        {
          id: 'security-review',
          title: 'Security review',
          team: 'group:default/security',
          type: 'signoff',
          required: true,
          status: 'pending',
          since: ago(3),
        },
        {
          id: 'sre-review',
          title: 'SRE readiness review',
          team: 'group:default/platform-sre',
          type: 'signoff',
          required: true,
          status: 'passed',
        },
      ],
    },
    {
      entityRef: 'component:default/payments-service',
      owner: 'group:default/payments',
      system: 'system:default/shop',
      profile: 'Production service',
      status: 'blocked',
      reason: 'Blocked by payments-db, owned by team Data Platform',
      blockedBy: [],
      gates: [
        {
          id: 'sre-review',
          title: 'SRE readiness review',
          team: 'group:default/platform-sre',
          type: 'signoff',
          required: true,
          status: 'expiring',
        },
      ],
    },
    {
      entityRef: 'component:default/search-service',
      owner: 'group:default/storefront',
      system: 'system:default/storefront',
      profile: 'Production service',
      status: 'ready',
      reason: 'All 2 required gates pass and nothing upstream blocks it',
      blockedBy: [],
      gates: [
        {
          id: 'security-review',
          title: 'Security review',
          team: 'group:default/security',
          type: 'signoff',
          required: true,
          status: 'passed',
        },
      ],
    },
  ],
});

/** A LockstepApi whose methods are all jest mocks: the given implementations, failing otherwise. */
export function mockLockstepApi(
  implementations: Partial<LockstepApi> = {},
): jest.Mocked<LockstepApi> {
  const names: Array<keyof LockstepApi> = [
    'getHealth',
    'getGraph',
    'getReadiness',
    'signOff',
    'revokeSignOff',
    'refreshReadiness',
    'getReadinessHistory',
    'getReadinessBoard',
    'getReadinessStatuses',
  ];
  return Object.fromEntries(
    names.map(name => [
      name,
      jest.fn(
        (implementations[name] as (...args: any[]) => Promise<unknown>) ??
          (async () => {
            throw new Error(`unexpected call of ${name}`);
          }),
      ),
    ]),
  ) as unknown as jest.Mocked<LockstepApi>;
}
