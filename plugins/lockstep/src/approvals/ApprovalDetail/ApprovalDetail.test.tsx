import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApprovalRequestView } from '@lockstep/backstage-plugin-lockstep-common';
import { EntityApprovalsContent } from '../EntityApprovalsContent';
import {
  mockLockstepApi,
  page,
  productionRequest,
  readinessNow as readiness,
  responseError,
  verifiedAudit,
} from '../__testUtils__/fixtures';
import { mockSignals, renderApprovals } from '../__testUtils__/render';

jest.setTimeout(30_000);

const readinessNow = readiness();

/** The entity tab opened at `?request=req-prod`, as a notification link does. */
async function openDetail(
  request: ApprovalRequestView,
  more: Parameters<typeof mockLockstepApi>[0] = {},
  signals?: ReturnType<typeof mockSignals>,
) {
  const api = mockLockstepApi({
    listApprovalRequests: jest.fn(async () => page([request])),
    getApprovalRequest: jest.fn(async () => request),
    getApprovalAudit: jest.fn(async () => verifiedAudit()),
    getReadiness: jest.fn(async () => readinessNow),
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
    const readinessSection = within(drawer).getByRole('region', {
      name: 'Readiness',
    });
    expect(
      await within(readinessSection).findByText(readinessNow.reason),
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
        stage: 1,
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
        stage: 1,
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

  it('reloads when the backend signals that some request changed', async () => {
    const signals = mockSignals();
    const first = productionRequest();
    const approved = productionRequest({ state: 'approved' });
    const getApprovalRequest = jest
      .fn()
      .mockResolvedValueOnce(first)
      .mockResolvedValue(approved);
    const { drawer } = await openDetail(first, { getApprovalRequest }, signals);
    const calls = getApprovalRequest.mock.calls.length;

    // the signal names no request, so that nobody learns of one they may not read
    act(() =>
      signals.publish('lockstep-approvals', { at: '2026-12-02T10:00:00Z' }),
    );
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

  it('shows a request made by a pipeline: requester and audit actor as a named service', async () => {
    const audit = verifiedAudit();
    audit.entries[0].actor = 'external:demo-pipeline';
    const { drawer } = await openDetail(
      productionRequest({ requester: 'external:demo-pipeline' }),
      { getApprovalAudit: jest.fn(async () => audit) },
    );

    expect(drawer).toHaveTextContent('Requested by demo-pipeline (service)');
    const trail = await within(drawer).findByRole('list', {
      name: 'Audit trail',
    });
    expect(trail).toHaveTextContent(
      'Requested by demo-pipeline (service): 2.5.0 → production',
    );
  });

  it('keeps the rest of the request when one section cannot be shown', async () => {
    const audit = verifiedAudit();
    (audit.entries[1] as { hash?: string }).hash = undefined;
    const { drawer } = await openDetail(productionRequest(), {
      getApprovalAudit: jest.fn(async () => audit),
    });

    const trail = within(drawer).getByRole('region', { name: 'Audit trail' });
    expect(await within(trail).findByRole('alert')).toHaveTextContent(
      'Could not show the audit trail',
    );
    expect(
      within(drawer).getByRole('region', { name: 'Stage 1: Owning team' }),
    ).toBeInTheDocument();
    expect(drawer).toHaveTextContent('“Reviewed the diff”');
    expect(
      within(drawer).getByRole('button', { name: /Approve/ }),
    ).toBeInTheDocument();
  });

  it('shows what is decided on beside the buttons, with a warning when the entity is not ready now', async () => {
    const { drawer } = await openDetail(productionRequest(), {
      getReadiness: jest.fn(async () =>
        readiness({
          status: 'not-ready',
          reason: 'Waiting for sign-off: Security review',
        }),
      ),
    });
    const subject = within(drawer).getByRole('region', {
      name: 'What you decide on',
    });
    expect(subject).toHaveTextContent('version 2.5.0 → production');
    expect(subject).toHaveTextContent('Policy Production release');
    expect(within(subject).getByTestId('decision-stage')).toHaveTextContent(
      'Stage 2 of 2 · Security and operations',
    );
    expect(
      await within(subject).findByText('Not ready now'),
    ).toBeInTheDocument();
    expect(subject).toHaveTextContent(
      'When requestedAt riskSRE readiness review expires in 5 days',
    );
  });

  it('shows the request as it is now when its stage passed before the decision arrived, and then decides on the new stage', async () => {
    const message =
      'Stage 1 (Owning team) of request req-prod has passed since you loaded it; nothing was recorded';
    const atStage1 = productionRequest();
    atStage1.currentStage = 0;
    atStage1.decisions = [];
    atStage1.progress = {
      ...atStage1.progress,
      currentStage: 0,
      stages: [
        {
          ...atStage1.progress.stages[0],
          passed: false,
          rules: [
            {
              ...atStage1.progress.stages[0].rules[0],
              approvedBy: [],
              missing: 1,
            },
          ],
        },
        {
          ...atStage1.progress.stages[1],
          rules: atStage1.progress.stages[1].rules.map(rule => ({
            ...rule,
            approvedBy: [],
            missing: 1,
          })),
        },
      ],
    };
    const getApprovalRequest = jest
      .fn()
      .mockResolvedValueOnce(atStage1)
      .mockResolvedValue(productionRequest());
    const decideApprovalRequest = jest
      .fn()
      .mockImplementationOnce(async () => {
        throw await responseError(409, 'ConflictError', message);
      })
      .mockResolvedValue(productionRequest({ state: 'approved' }));
    const { drawer } = await openDetail(atStage1, {
      getApprovalRequest,
      decideApprovalRequest,
    });
    const stageShown = () =>
      within(
        within(drawer).getByRole('region', { name: 'What you decide on' }),
      ).getByTestId('decision-stage');
    expect(stageShown()).toHaveTextContent('Stage 1 of 2 · Owning team');

    await userEvent.click(
      within(drawer).getByRole('button', { name: /Approve/ }),
    );
    expect(decideApprovalRequest).toHaveBeenLastCalledWith('req-prod', {
      decision: 'approve',
      stage: 0,
    });
    expect(await within(drawer).findByRole('alert')).toHaveTextContent(
      `Could not approve this request: ${message}`,
    );
    await waitFor(() =>
      expect(stageShown()).toHaveTextContent(
        'Stage 2 of 2 · Security and operations',
      ),
    );

    await userEvent.click(
      within(drawer).getByRole('button', { name: /Approve/ }),
    );
    expect(decideApprovalRequest).toHaveBeenLastCalledWith('req-prod', {
      decision: 'approve',
      stage: 1,
    });
  });
});
