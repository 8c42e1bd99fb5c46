import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  ApprovalAudit,
  ApprovalList,
  ApprovalRequestView,
  EntityReadiness,
  LockstepApi,
} from '@lockstep/backstage-plugin-lockstep-common';

const hour = 3_600_000;
export const hoursAgo = (hours: number) =>
  new Date(Date.now() - hours * hour).toISOString();
export const hoursFromNow = (hours: number) =>
  new Date(Date.now() + hours * hour).toISOString();

export const cartService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart-service', namespace: 'default', title: 'Cart' },
  spec: { type: 'service', owner: 'group:default/checkout' },
};

/**
 * cart-service 2.5.0 to production: the owning team approved, security approved, platform-sre still
 * needs one approval. The viewer may decide unless `viewer` says otherwise.
 */
export function productionRequest(
  overrides: Partial<ApprovalRequestView> = {},
): ApprovalRequestView {
  return {
    id: 'req-prod',
    entityRef: 'component:default/cart-service',
    title: 'Release cart 2.5.0',
    description: 'New checkout flow',
    environment: 'production',
    version: '2.5.0',
    requester: 'user:default/daniel.okafor',
    state: 'pending',
    createdAt: hoursAgo(30),
    updatedAt: hoursAgo(2),
    expiresAt: hoursFromNow(42),
    policy: {
      policyId: 'production-release',
      policyTitle: 'Production release',
      stages: [
        {
          name: 'Owning team',
          rules: [{ group: 'group:default/checkout', minApprovals: 1 }],
        },
        {
          name: 'Security and operations',
          rules: [
            { group: 'group:default/security', minApprovals: 1 },
            { group: 'group:default/platform-sre', minApprovals: 1 },
          ],
        },
      ],
      requesterCannotApprove: true,
      rejectReasonRequired: true,
      expiresAfterMs: 72 * hour,
      requireReadiness: false,
      additions: [],
      ignored: [],
    },
    readinessAtCreation: {
      status: 'at-risk',
      reason: 'SRE readiness review expires in 5 days',
    },
    decisions: [
      {
        id: 1,
        actor: 'user:default/sofia.martinez',
        decision: 'approve',
        stage: 0,
        at: hoursAgo(20),
        groups: ['group:default/checkout'],
        comment: 'Reviewed the diff',
      },
      {
        id: 2,
        actor: 'user:default/rachel.cohen',
        decision: 'approve',
        stage: 1,
        at: hoursAgo(2),
        groups: ['group:default/security'],
      },
    ],
    currentStage: 1,
    progress: {
      state: 'pending',
      currentStage: 1,
      decidedBy: {
        'user:default/sofia.martinez': 'approve',
        'user:default/rachel.cohen': 'approve',
      },
      stages: [
        {
          name: 'Owning team',
          passed: true,
          rules: [
            {
              group: 'group:default/checkout',
              minApprovals: 1,
              approvedBy: ['user:default/sofia.martinez'],
              missing: 0,
            },
          ],
        },
        {
          name: 'Security and operations',
          passed: false,
          rules: [
            {
              group: 'group:default/security',
              minApprovals: 1,
              approvedBy: ['user:default/rachel.cohen'],
              missing: 0,
            },
            {
              group: 'group:default/platform-sre',
              minApprovals: 1,
              approvedBy: [],
              missing: 1,
            },
          ],
        },
      ],
    },
    viewer: { canDecide: true, canCancel: false },
    ...overrides,
  };
}

/**
 * One page of `GET /approvals`: the given items, the last page unless `more` says otherwise, and
 * as many in all as on the page unless `more` gives the total.
 */
export const page = (
  items: ApprovalRequestView[],
  more: Partial<Omit<ApprovalList, 'items'>> = {},
): ApprovalList => ({ items, total: items.length, ...more });

/** cart-service's readiness now: ready unless the overrides say otherwise. */
export const readinessNow = (
  overrides: Partial<EntityReadiness> = {},
): EntityReadiness => ({
  entityRef: 'component:default/cart-service',
  status: 'ready',
  reason: 'All 3 required gates pass and nothing upstream blocks it',
  gates: [],
  blockedBy: [],
  ...overrides,
});

/** A staging request, approved a day ago. */
export function approvedStagingRequest(): ApprovalRequestView {
  const base = productionRequest();
  return {
    ...base,
    id: 'req-staging',
    title: 'Try cart 2.5.0 on staging',
    environment: 'staging',
    state: 'approved',
    createdAt: hoursAgo(50),
    decidedAt: hoursAgo(26),
    expiresAt: undefined,
    policy: {
      ...base.policy,
      policyId: 'staging-change',
      policyTitle: 'Staging change',
      stages: [base.policy.stages[0]],
    },
    decisions: [base.decisions[0]],
    currentStage: 1,
    progress: {
      state: 'approved',
      currentStage: 1,
      decidedBy: { 'user:default/sofia.martinez': 'approve' },
      stages: [base.progress.stages[0]],
    },
    viewer: {
      canDecide: false,
      reason: 'This request is already approved',
      canCancel: false,
    },
  };
}

export const verifiedAudit = (): ApprovalAudit => ({
  entries: [
    {
      seq: 1,
      requestId: 'req-prod',
      at: hoursAgo(30),
      actor: 'user:default/daniel.okafor',
      action: 'created',
      data: {
        entityRef: 'component:default/cart-service',
        environment: 'production',
        version: '2.5.0',
        policy: 'production-release',
      },
      prevHash: '0'.repeat(64),
      hash: 'a'.repeat(64),
    },
    {
      seq: 2,
      requestId: 'req-prod',
      at: hoursAgo(20),
      actor: 'user:default/sofia.martinez',
      action: 'approved-by',
      data: { stage: 0, comment: 'Reviewed the diff' },
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    },
    {
      seq: 3,
      requestId: 'req-prod',
      at: hoursAgo(20),
      action: 'stage-passed',
      data: { stage: 0, name: 'Owning team' },
      prevHash: 'b'.repeat(64),
      hash: 'c'.repeat(64),
    },
  ],
  verification: { valid: true },
});

/**
 * What the API answers unless a test says otherwise: for `getEntityPolicies`, no policy names an
 * environment and nothing is known of the one asked about (so the request dialog blocks nothing).
 */
const DEFAULTS: Partial<LockstepApi> = {
  getEntityPolicies: async entityRef => ({
    entityRef,
    profileCandidates: [],
    environments: [],
  }),
};

/**
 * A LockstepApi whose methods are all jest mocks: the given implementations, the defaults above, and
 * failing otherwise.
 */
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
    'createApprovalRequest',
    'listApprovalRequests',
    'getApprovalRequest',
    'decideApprovalRequest',
    'cancelApprovalRequest',
    'getApprovalAudit',
    'waitForApprovalRequest',
    'getPolicies',
    'getEntityPolicies',
  ];
  return Object.fromEntries(
    names.map(name => [
      name,
      jest.fn(
        ((implementations[name] ?? DEFAULTS[name]) as (
          ...args: any[]
        ) => Promise<unknown>) ??
          (async () => {
            throw new Error(`unexpected call of ${name}`);
          }),
      ),
    ]),
  ) as unknown as jest.Mocked<LockstepApi>;
}

/** The error the client throws for a backend answer `{ error: { name, message } }`. */
export function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/api/lockstep/approvals' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: status === 400 ? 'Bad Request' : 'Forbidden',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}
