import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RequestApprovalButton } from './RequestApprovalButton';
import { mockLockstepApi, productionRequest } from './__testUtils__/fixtures';
import { renderApprovals } from './__testUtils__/render';
import {
  cartPolicies,
  catchAllRun,
  productionRun,
  REFUSAL,
} from '../policies/__testUtils__/fixtures';

jest.setTimeout(30_000);

describe('RequestApprovalButton', () => {
  it('is disabled, with the reason in a tooltip, when no environment can be requested', async () => {
    const api = mockLockstepApi({
      getEntityPolicies: jest.fn(async () => ({
        ...cartPolicies(),
        environments: [
          productionRun(),
          productionRun({ environment: 'prod-eu' }),
        ],
      })),
    });
    await renderApprovals(
      <RequestApprovalButton
        entityRef="component:default/cart-service"
        onCreated={() => {}}
      />,
      { api },
    );

    const button = screen.getByRole('button', { name: /Request approval/ });
    await waitFor(() => expect(button).toBeDisabled());
    expect(button).toHaveAccessibleDescription(
      `You cannot request approval for any environment now. ${REFUSAL}`,
    );
    await userEvent.hover(button.parentElement!);
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(
      'You cannot request approval for any environment now.',
    );
    expect(tooltip).toHaveTextContent(REFUSAL);
  });

  it('names each environment with its reason when they differ', async () => {
    const api = mockLockstepApi({
      getEntityPolicies: jest.fn(async () => ({
        ...cartPolicies(),
        environments: [
          productionRun(),
          {
            ...catchAllRun('staging'),
            requestable: false,
            refusal:
              'The permission policy does not allow you to create approval requests',
          },
        ],
      })),
    });
    await renderApprovals(
      <RequestApprovalButton
        entityRef="component:default/cart-service"
        onCreated={() => {}}
      />,
      { api },
    );
    const button = screen.getByRole('button', { name: /Request approval/ });
    await waitFor(() => expect(button).toBeDisabled());
    await userEvent.hover(button.parentElement!);
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(`production: ${REFUSAL}`);
    expect(tooltip).toHaveTextContent(
      'staging: The permission policy does not allow you to create approval requests',
    );
  });

  it('opens the dialog where an environment can be requested, and hands over the new request', async () => {
    const created = productionRequest({ id: 'req-new' });
    const api = mockLockstepApi({
      getEntityPolicies: jest.fn(async () => cartPolicies('staging')),
      createApprovalRequest: jest.fn(async () => created),
    });
    const onCreated = jest.fn();
    await renderApprovals(
      <RequestApprovalButton
        entityRef="component:default/cart-service"
        onCreated={onCreated}
      />,
      { api },
    );
    await waitFor(() => expect(api.getEntityPolicies).toHaveBeenCalled());
    const button = screen.getByRole('button', { name: /Request approval/ });
    expect(button).toBeEnabled();
    await userEvent.click(button);

    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Try it',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Version/ }),
      '2.6.0',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Environment/ }),
      'staging',
    );
    expect(await within(dialog).findByText(/Decided by/)).toHaveTextContent(
      'Decided by Any change',
    );
    // the dialog's dry run comes from the answer the button already had
    expect(api.getEntityPolicies).toHaveBeenCalledTimes(1);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request approval' }),
    );
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
