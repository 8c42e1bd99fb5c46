import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MyApprovals } from './MyApprovals';
import {
  mockLockstepApi,
  page,
  productionRequest,
  readinessNow,
  responseError,
} from './__testUtils__/fixtures';
import { waiting } from './__testUtils__/inbox';
import { renderApprovals } from './__testUtils__/render';

// Deciding from the inbox: the decision dialog, what it shows, focus, and a stage that moved on.
// What the tabs list is in MyApprovals.lists.test.tsx.

jest.setTimeout(30_000);

describe('MyApprovals', () => {
  it('approves from the list with a comment and reloads it', async () => {
    const list = jest
      .fn()
      .mockResolvedValueOnce(page(waiting()))
      .mockResolvedValue(page(waiting().filter(r => r.id !== 'oldest')));
    const api = mockLockstepApi({
      listApprovalRequests: list,
      getReadiness: jest.fn(async () => readinessNow()),
      decideApprovalRequest: jest.fn(async () =>
        productionRequest({ id: 'oldest' }),
      ),
    });
    await renderApprovals(<MyApprovals />, { api });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve Release cart 2.5.0' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Approve: Release cart 2.5.0');
    expect(within(dialog).queryByRole('button', { name: /Reject/ })).toBeNull();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'Looks good',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Approve/ }),
    );

    await waitFor(() =>
      expect(api.decideApprovalRequest).toHaveBeenCalledWith('oldest', {
        decision: 'approve',
        comment: 'Looks good',
        stage: 1,
      }),
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('inbox-row')).toHaveLength(2),
    );
    // the row that opened the dialog is gone: focus stays in the list, not at the top of the page
    expect(
      screen.getByRole('region', { name: 'Requests waiting for you' }),
    ).toHaveFocus();
  });

  it('asks for a reason before rejecting from the list', async () => {
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () => page(waiting())),
    });
    await renderApprovals(<MyApprovals />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject Release cart 2.5.0' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Reject/ }),
    );
    expect(api.decideApprovalRequest).not.toHaveBeenCalled();
    expect(
      within(dialog).getByRole('textbox', { name: 'Reason (required)' }),
    ).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows in the dialog what is decided on: entity, version, environment, open stage, policy and readiness now and then', async () => {
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () => page(waiting())),
      getReadiness: jest.fn(async () =>
        readinessNow({
          status: 'blocked',
          reason: 'Blocked by ledger-service, owned by team Payments',
        }),
      ),
    });
    await renderApprovals(<MyApprovals />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve Release cart 2.5.0' }),
    );
    const dialog = await screen.findByRole('dialog');
    const subject = within(dialog).getByRole('region', {
      name: 'What you decide on',
    });

    expect(
      within(subject).getByRole('link', { name: /cart-service/ }),
    ).toHaveAttribute('href', '/catalog/default/component/cart-service');
    expect(subject).toHaveTextContent('version 2.5.0 → production');
    expect(subject).toHaveTextContent('Policy Production release');
    const stage = within(subject).getByTestId('decision-stage');
    expect(stage).toHaveTextContent('Stage 2 of 2 · Security and operations');
    expect(stage).toHaveTextContent('security: 1 of 1 approval · met');
    expect(stage).toHaveTextContent(
      'platform-sre: 0 of 1 approval · needs 1 more',
    );

    expect(api.getReadiness).toHaveBeenCalledWith(
      'component:default/cart-service',
    );
    const readiness = within(subject).getByTestId('decision-readiness');
    await waitFor(() =>
      expect(readiness).toHaveTextContent(
        'Readiness nowBlockedBlocked by ledger-service, owned by team Payments',
      ),
    );
    expect(readiness).toHaveTextContent(
      'When requestedAt riskSRE readiness review expires in 5 days',
    );
    expect(subject).toHaveTextContent(
      'Blocked nowBlocked by ledger-service, owned by team Payments.',
    );
  });

  it('puts what is typed into the comment at once and gives focus back to the button that opened the dialog', async () => {
    const user = userEvent.setup();
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () => page(waiting())),
      getReadiness: jest.fn(async () => readinessNow()),
      decideApprovalRequest: jest.fn(async () =>
        productionRequest({ id: 'oldest' }),
      ),
    });
    await renderApprovals(<MyApprovals />, { api });

    // cancelled
    const reject = await screen.findByRole('button', {
      name: 'Reject Release cart 2.5.0',
    });
    await user.click(reject);
    let dialog = await screen.findByRole('dialog');
    const reason = within(dialog).getByRole('textbox', {
      name: 'Reason (required)',
    });
    await waitFor(() => expect(reason).toHaveFocus());
    await user.keyboard('Typed straight away');
    expect(reason).toHaveValue('Typed straight away');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(reject).toHaveFocus();

    // decided (the request stays in the list)
    const approve = screen.getByRole('button', {
      name: 'Approve Release cart 2.5.0',
    });
    await user.click(approve);
    dialog = await screen.findByRole('dialog');
    const comment = within(dialog).getByRole('textbox', { name: 'Comment' });
    await waitFor(() => expect(comment).toHaveFocus());
    await user.keyboard('Fine');
    await user.click(within(dialog).getByRole('button', { name: /Approve/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.decideApprovalRequest).toHaveBeenCalledWith('oldest', {
      decision: 'approve',
      comment: 'Fine',
      stage: 1,
    });
    expect(approve).toHaveFocus();
  });

  it('says when the stage moved on before the decision arrived, and shows the request as it is now', async () => {
    const message =
      'Stage 2 (Security and operations) of request oldest has passed since you loaded it; nothing was recorded';
    const list = jest.fn(async () => page(waiting()));
    const api = mockLockstepApi({
      listApprovalRequests: list,
      getReadiness: jest.fn(async () => readinessNow()),
      decideApprovalRequest: jest.fn(async () => {
        throw await responseError(409, 'ConflictError', message);
      }),
      getApprovalRequest: jest.fn(async () =>
        productionRequest({
          id: 'oldest',
          state: 'approved',
          viewer: {
            canDecide: false,
            reason: 'This request is already approved',
            canCancel: false,
          },
        }),
      ),
    });
    await renderApprovals(<MyApprovals />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve Release cart 2.5.0' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Approve/ }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      `Could not approve this request: ${message}`,
    );
    expect(api.decideApprovalRequest).toHaveBeenCalledWith('oldest', {
      decision: 'approve',
      stage: 1,
    });
    expect(api.getApprovalRequest).toHaveBeenCalledWith('oldest');
    expect(
      await within(dialog).findByText('This request is already approved'),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByRole('button', { name: /Approve/ }),
    ).toBeNull();
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
  });
});
