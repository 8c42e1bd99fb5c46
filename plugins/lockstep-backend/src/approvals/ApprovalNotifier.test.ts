import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { ApprovalRequest } from '@lockstep/backstage-plugin-lockstep-common';
import { mockMethods } from '../__testUtils__/mockMethods';
import { serviceEntity } from '../__testUtils__/unitFixtures';
import type { CatalogDirectory } from '../access/CatalogDirectory';
import type { RecipientAccess } from '../access/RecipientAccess';
import { ApprovalNotifier } from './ApprovalNotifier';
import { ApprovalWaiter } from './ApprovalWaiter';

/** What people are told, in words they know: titles and display names, never raw refs. */

const PAYMENTS = 'group:default/payments';
const PRIYA = 'user:default/priya.sharma';
const MARCUS = 'user:default/marcus.chen';

const request = (overrides: Partial<ApprovalRequest> = {}): ApprovalRequest =>
  ({
    id: 'r-1',
    entityRef: 'component:default/payment-gateway',
    title: 'Release 5.1',
    environment: 'production',
    version: '5.1.0',
    requester: PRIYA,
    state: 'pending',
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    expiresAt: '2026-12-04T10:00:00.000Z',
    decisions: [],
    currentStage: 0,
    policy: {
      policyId: 'production-release',
      policyTitle: 'Production release',
      stages: [
        { name: 'Owning team', rules: [{ group: PAYMENTS, minApprovals: 1 }] },
      ],
      requesterCannotApprove: true,
      rejectReasonRequired: true,
      requireReadiness: false,
      additions: [],
      ignored: [],
    },
    ...overrides,
  } as ApprovalRequest);

function setUp(titled = true) {
  const gateway = {
    ...serviceEntity('payment-gateway', PAYMENTS),
    metadata: {
      name: 'payment-gateway',
      namespace: 'default',
      ...(titled && { title: 'Payment Gateway' }),
    },
  };
  const person = (name: string, displayName: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { displayName } },
  });
  const entities: Record<string, object> = {
    'component:default/payment-gateway': gateway,
    [PRIYA]: person('priya.sharma', 'Priya Sharma'),
    [MARCUS]: person('marcus.chen', 'Marcus Chen'),
  };
  const directory = mockMethods<CatalogDirectory>(['entity', 'membersOf']);
  directory.entity.mockImplementation(async ref =>
    titled ? (entities[ref] as never) : undefined,
  );
  directory.membersOf.mockImplementation(
    async groups =>
      new Map(groups.map(g => [g, g === PAYMENTS ? [MARCUS, PRIYA] : [g]])),
  );
  const recipients = mockMethods<RecipientAccess>(['sort']);
  recipients.sort.mockImplementation(async users => ({
    readers: users,
    unknown: [],
  }));
  const notifications = mockMethods<NotificationService>(['send']);
  const logger = mockServices.logger.mock();
  const notifier = new ApprovalNotifier({
    waiter: new ApprovalWaiter({ states: async () => new Map(), logger }),
    directory,
    recipients,
    notifications,
    logger,
  });
  const sent = () => notifications.send.mock.calls.map(([n]) => n);
  return { notifier, sent };
}

describe('ApprovalNotifier', () => {
  it("tells a stage's approvers, never the requester, who asks for what by name", async () => {
    const { notifier, sent } = setUp();
    await notifier.stageWaits(request(), 0);
    expect(sent()).toEqual([
      {
        recipients: { type: 'entity', entityRef: [MARCUS] },
        payload: expect.objectContaining({
          title: 'Approval needed: Release 5.1',
          description:
            'Priya Sharma asks to release Payment Gateway 5.1.0 to production; stage "Owning team" waits for your group (expires 2026-12-04 10:00 UTC)',
          link: '/catalog/default/component/payment-gateway/approvals?request=r-1',
        }),
      },
    ]);
  });

  it('tells the requester the outcome, by whom, quoting a rejection', async () => {
    const { notifier, sent } = setUp();
    await notifier.decided(
      request({ state: 'rejected' }),
      MARCUS,
      'reject',
      ' not during the freeze ',
    );
    expect(sent()[0].payload.description).toBe(
      'Payment Gateway 5.1.0 to production: rejected by Marcus Chen: not during the freeze',
    );
    expect(sent()[0].recipients).toEqual({
      type: 'entity',
      entityRef: [PRIYA],
    });
  });

  it('falls back to refs where the catalog has no names, and names a pipeline by its subject', async () => {
    const { notifier, sent } = setUp(false);
    await notifier.stageWaits(
      request({ requester: 'release-pipeline', expiresAt: undefined }),
      0,
    );
    expect(sent()[0].payload.description).toBe(
      'release-pipeline asks to release component:default/payment-gateway 5.1.0 to production; stage "Owning team" waits for your group',
    );
  });
});
