import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityApprovalsContent } from './EntityApprovalsContent';
import {
  mockLockstepApi,
  page,
  productionRequest,
  responseError,
  verifiedAudit,
} from './__testUtils__/fixtures';
import { renderApprovals } from './__testUtils__/render';

// Requesting approval from the entity's tab: what the dialog sends, checks and warns of.
// The tab's list is in EntityApprovalsContent.list.test.tsx.

// Typing into dialogs takes a few seconds on a busy 2-core CI machine.
jest.setTimeout(30_000);

const POLICY_MESSAGE =
  'Policy \'production-release\' cannot be satisfied for this request: Stage "Security and operations": group:default/security needs 3 approvals but only 2 members other than the requester can approve';

describe('EntityApprovalsContent', () => {
  it('sends what the dialog asks for and shows the 400 message of a policy that cannot be satisfied', async () => {
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () => page([])),
      createApprovalRequest: jest.fn(async () => {
        throw await responseError(400, 'InputError', POLICY_MESSAGE);
      }),
    });
    await renderApprovals(<EntityApprovalsContent />, { api, entity: true });

    await userEvent.click(
      await screen.findByRole('button', { name: /Request approval/ }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Release cart 2.6.0',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Environment/ }),
      'production',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Version/ }),
      '2.6.0',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Description/ }),
      'Faster cart',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request approval' }),
    );

    await waitFor(() =>
      expect(api.createApprovalRequest).toHaveBeenCalledWith({
        entityRef: 'component:default/cart-service',
        title: 'Release cart 2.6.0',
        environment: 'production',
        version: '2.6.0',
        description: 'Faster cart',
      }),
    );
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The request cannot be created');
    expect(alert).toHaveTextContent(POLICY_MESSAGE);
    // the dialog stays open with what was typed
    expect(
      within(dialog).getByRole('textbox', { name: /Version/ }),
    ).toHaveValue('2.6.0');
  });

  it('does not send an incomplete request', async () => {
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () => page([])),
    });
    await renderApprovals(<EntityApprovalsContent />, { api, entity: true });

    await userEvent.click(
      await screen.findByRole('button', { name: /Request approval/ }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Release',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request approval' }),
    );
    expect(api.createApprovalRequest).not.toHaveBeenCalled();
    expect(
      within(dialog).getByRole('textbox', { name: /Version/ }),
    ).toHaveAttribute('aria-invalid', 'true');
  });

  it('warns that a new request for an environment replaces the open one, then opens the new one', async () => {
    const created = productionRequest({
      id: 'req-new',
      title: 'Release cart 2.6.0',
      version: '2.6.0',
    });
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () => page([productionRequest()])),
      createApprovalRequest: jest.fn(async () => created),
      getApprovalRequest: jest.fn(async () => created),
      getApprovalAudit: jest.fn(async () => verifiedAudit()),
      getReadiness: jest.fn(async () => {
        throw new Error('readiness down');
      }),
    });
    await renderApprovals(<EntityApprovalsContent />, { api, entity: true });

    await userEvent.click(
      await screen.findByRole('button', { name: /Request approval/ }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Environment/ }),
      'Production',
    );
    expect(dialog).toHaveTextContent(
      '“Release cart 2.5.0” (2.5.0) is still open for production',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Release cart 2.6.0',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Version/ }),
      '2.6.0',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request approval' }),
    );

    const drawer = await screen.findByRole('region', {
      name: 'Approval request',
    });
    await waitFor(() =>
      expect(api.getApprovalRequest).toHaveBeenCalledWith('req-new'),
    );
    expect(
      await within(drawer).findByRole('heading', {
        name: 'Release cart 2.6.0',
      }),
    ).toBeInTheDocument();
    // a readiness that cannot be loaded is named, the rest still shows
    expect(
      await within(
        within(drawer).getByRole('region', { name: 'Readiness' }),
      ).findByText(/Could not load the readiness now/),
    ).toBeInTheDocument();
  });
});
