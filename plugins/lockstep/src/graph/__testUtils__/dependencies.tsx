import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityReadiness,
  GraphNode,
  GraphResponse,
  LockstepApi,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApiRef } from '../../api';
import { mockLockstepApi } from '../../readiness/__testUtils__/fixtures';
import { EntityDependenciesContent } from '../EntityDependenciesContent';

export const ref = (kind: string, name: string) => `${kind}:default/${name}`;

const node = (
  kind: string,
  name: string,
  extra: Partial<GraphNode> = {},
): GraphNode => ({
  entityRef: ref(kind.toLocaleLowerCase('en-US'), name),
  kind,
  namespace: 'default',
  name,
  ...extra,
});

export const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-service',
    namespace: 'default',
    title: 'Checkout Service',
  },
  spec: { type: 'service', owner: 'group:default/checkout' },
};

/**
 * checkout → payment-gateway ⇄ ledger-service (a cycle), checkout consumes payments-api, which
 * payment-gateway provides.
 */
export const graph = (): GraphResponse => ({
  root: ref('component', 'checkout-service'),
  nodes: [
    node('Component', 'checkout-service', { title: 'Checkout Service' }),
    node('Component', 'payment-gateway', {
      title: 'Payment Gateway',
      type: 'service',
      owner: 'group:default/payments',
      system: 'system:default/shop',
      lifecycle: 'production',
    }),
    node('Component', 'ledger-service', { title: 'Ledger' }),
    node('API', 'payments-api', { title: 'payments-api' }),
  ],
  edges: [
    {
      source: ref('component', 'checkout-service'),
      target: ref('component', 'payment-gateway'),
      relation: 'dependsOn',
    },
    {
      source: ref('component', 'payment-gateway'),
      target: ref('component', 'ledger-service'),
      relation: 'dependsOn',
    },
    {
      source: ref('component', 'ledger-service'),
      target: ref('component', 'payment-gateway'),
      relation: 'dependsOn',
    },
    {
      source: ref('component', 'checkout-service'),
      target: ref('api', 'payments-api'),
      relation: 'consumesApi',
    },
    {
      source: ref('api', 'payments-api'),
      target: ref('component', 'payment-gateway'),
      relation: 'apiProvidedBy',
    },
  ],
  truncated: false,
  cycles: [
    [ref('component', 'payment-gateway'), ref('component', 'ledger-service')],
  ],
  indexedAt: new Date().toISOString(),
});

export const statuses: Record<string, ReadinessStatus> = {
  [ref('component', 'checkout-service')]: 'blocked',
  [ref('component', 'payment-gateway')]: 'not-ready',
  [ref('component', 'ledger-service')]: 'ready',
};

/** Payment Gateway waits for Security's sign-off; Checkout is blocked by it. */
export function readinessOf(entityRef: string): EntityReadiness {
  if (entityRef === ref('component', 'payment-gateway')) {
    return {
      entityRef,
      status: 'not-ready',
      reason: 'Waiting for sign-off: Security review, owned by team Security',
      gates: [
        {
          id: 'runbook',
          title: 'Runbook linked',
          team: 'group:default/payments',
          type: 'check',
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
          since: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        },
      ],
      blockedBy: [],
    };
  }
  return {
    entityRef,
    status: 'blocked',
    reason: 'Blocked by payment-gateway, owned by team Payments',
    gates: [],
    blockedBy: [
      {
        entityRef: ref('component', 'payment-gateway'),
        status: 'not-ready',
        owner: 'group:default/payments',
        ownerTitle: 'Payments',
        path: [entityRef, ref('component', 'payment-gateway')],
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
    ],
  };
}

export function dependenciesApi(overrides: Partial<LockstepApi> = {}) {
  return mockLockstepApi({
    getGraph: async () => graph(),
    getReadinessStatuses: async () => statuses,
    getReadiness: async entityRef => readinessOf(entityRef),
    ...overrides,
  });
}

/** The Dependencies tab of checkout-service in a test app, at `route` (the view in its query). */
export function renderDependencies(api: LockstepApi, route = '/') {
  return renderInTestApp(
    <TestApiProvider apis={[[lockstepApiRef, api]]}>
      <EntityProvider entity={checkout}>
        <EntityDependenciesContent />
      </EntityProvider>
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** jsdom lays nothing out; d3-zoom reads the drawing's size. */
export function giveSvgsASize() {
  for (const side of ['width', 'height'])
    Object.defineProperty(SVGSVGElement.prototype, side, {
      configurable: true,
      get: () => ({ baseVal: { value: 1000 } }),
    });
}
