import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApprovalRequestView } from '@lockstep/backstage-plugin-lockstep-common';
import { EntityApprovalsContent } from './EntityApprovalsContent';
import {
  mockLockstepApi,
  productionRequest,
  responseError,
  verifiedAudit,
} from './__testUtils__/fixtures';
import { mockSignals, renderApprovals } from './__testUtils__/render';

jest.setTimeout(30_000);

const readinessNow = {
  entityRef: 'component:default/cart-service',
  status: 'ready' as const,
  reason: 'All 3 required gates pass and nothing upstream blocks it',
  gates: [],
  blockedBy: [],
};

/** The entity tab opened at `?request=req-prod`, as a notification link does. */
async function openDetail(
  request: ApprovalRequestView,
  more: Parameters<typeof mockLockstepApi>[0] = {},
  signals?: ReturnType<typeof mockSignals>,
) {
  const api = mockLockstepApi({
    listApprovalRequests: jest.fn(async () => [request]),
    getApprovalRequest: jest.fn(async () => request),
    getApprovalAudit: jest.fn(async () => verifiedAudit()),
    getReadiness: jest.fn(async () => readinessNow as any),
    ...more,
  });
  await renderApprovals(<EntityApprovalsContent />, {
    api,
    entity: true,
    route: `/?request=${request.id}`,
    signals,
  });
  const drawer = await screen.findByRole('region', {
    name: 'Approval request',
  });
  await within(drawer).findByRole('heading', { name: request.title });
  return { api, drawer };
}

describe('approval request detail', () => {
  it('opens from ?request= with stages, who approved for which group, what is missing, decisions, readiness and a verified audit', async () => {
    const { drawer } = await openDetail(productionRequest());

    const stage1 = within(drawer).getByRole('region', {
      name: 'Stage 1: Owning team',
    });
    expect(stage1).toHaveTextContent('Passed');
    expect(stage1).toHaveTextContent('checkout');
    expect(stage1).toHaveTextContent('1 of 1 approval: sofia.martinez');
    const stage2 = within(drawer).getByRole('region', {
      name: 'Stage 2: Security and operations',
    });
    expect(stage2).toHaveTextContent('Waiting');
    expect(stage2).toHaveTextContent('1 of 1 approval: rachel.cohen');
    expect(stage2).toHaveTextContent(
      'needs 1 more from a member of platform-sre',
    );

    expect(drawer).toHaveTextContent('“Reviewed the diff”');
    expect(drawer).toHaveTextContent(
      'When requestedAt riskSRE readiness review expires in 5 days',
    );
    expect(
      await within(drawer).findByText(readinessNow.reason),
    ).toBeInTheDocument();
    expect(
      await within(drawer).findByText('Chain verified'),
    ).toBeInTheDocument();
    const audit = within(drawer).getByRole('list', { name: 'Audit trail' });
    expect(audit).toHaveTextContent(
      'Requested by daniel.okafor: 2.5.0 → production',
    );
    expect(audit).toHaveTextContent('Stage 1 (Owning team) passed');
  });

  it('says where the audit chain breaks', async () => {
    const broken = verifiedAudit();
    const { drawer } = await openDetail(productionRequest(), {
      getApprovalAudit: jest.fn(async () => ({
        ...broken,
        verification: {
          valid: false as const,
          seq: 2,
          problem: 'hash does not match the entry',
        },
      })),
    });
    expect(
      await within(drawer).findByText('Chain broken at #2'),
    ).toBeInTheDocument();
    expect(drawer).toHaveTextContent(
      'The audit trail does not verify at entry #2: hash does not match the entry',
    );
  });

  it('hides Approve and Reject when the viewer cannot decide, and says why', async () => {
    const reason =
      'You requested this release; this policy does not let requesters approve their own';
    const { drawer } = await openDetail(
      productionRequest({
        viewer: { canDecide: false, reason, canCancel: true },
      }),
    );

    expect(within(drawer).getByTestId('decision-hint')).toHaveTextContent(
      reason,
    );
    expect(
      within(drawer).queryByRole('button', { name: /Approve/ }),
    ).toBeNull();
    expect(within(drawer).queryByRole('button', { name: /Reject/ })).toBeNull();
    // the requester may cancel
    expect(
      within(drawer).getByRole('button', { name: 'Cancel request' }),
    ).toBeInTheDocument();
  });

  it('requires a reason to reject when the policy says so', async () => {
    const rejected = productionRequest({ state: 'rejected' });
    const { api, drawer } = await openDetail(productionRequest(), {
      decideApprovalRequest: jest.fn(async () => rejected),
    });

    await userEvent.click(
      within(drawer).getByRole('button', { name: /Reject/ }),
    );
    expect(api.decideApprovalRequest).not.toHaveBeenCalled();
    expect(drawer).toHaveTextContent(
      'Say why you reject: this policy requires a reason',
    );

    await userEvent.type(
      within(drawer).getByRole('textbox', { name: 'Comment' }),
      'No rollback plan',
    );
    await userEvent.click(
      within(drawer).getByRole('button', { name: /Reject/ }),
    );
    await waitFor(() =>
      expect(api.decideApprovalRequest).toHaveBeenCalledWith('req-prod', {
        decision: 'reject',
        comment: 'No rollback plan',
      }),
    );
  });

  it('rejects without a comment when the policy does not ask for one', async () => {
    const request = productionRequest();
    request.policy = { ...request.policy, rejectReasonRequired: false };
    const { api, drawer } = await openDetail(request, {
      decideApprovalRequest: jest.fn(async () => request),
    });
    await userEvent.click(
      within(drawer).getByRole('button', { name: /Reject/ }),
    );
    await waitFor(() =>
      expect(api.decideApprovalRequest).toHaveBeenCalledWith('req-prod', {
        decision: 'reject',
      }),
    );
  });

  it('shows the backend refusal of a decision in its own words', async () => {
    const { drawer } = await openDetail(productionRequest(), {
      decideApprovalRequest: jest.fn(async () => {
        throw await responseError(
          409,
          'ConflictError',
          'You already decided on request req-prod; one decision per person',
        );
      }),
    });
    await userEvent.click(
      within(drawer).getByRole('button', { name: /Approve/ }),
    );
    expect(
      await within(drawer).findByText(
        'Could not approve this request: You already decided on request req-prod; one decision per person',
      ),
    ).toBeInTheDocument();
  });

  it('reloads when the backend signals a change of this request', async () => {
    const signals = mockSignals();
    const first = productionRequest();
    const approved = productionRequest({ state: 'approved' });
    const getApprovalRequest = jest
      .fn()
      .mockResolvedValueOnce(first)
      .mockResolvedValue(approved);
    const { drawer } = await openDetail(first, { getApprovalRequest }, signals);
    const calls = getApprovalRequest.mock.calls.length;

    act(() => signals.publish('lockstep-approvals', { id: 'another-request' }));
    act(() => signals.publish('lockstep-approvals', { id: 'req-prod' }));
    await waitFor(() =>
      expect(getApprovalRequest.mock.calls.length).toBe(calls + 1),
    );
    // approved: nothing left to decide
    await waitFor(() =>
      expect(
        within(drawer).queryByRole('button', { name: /Approve/ }),
      ).toBeNull(),
    );
  });
});
