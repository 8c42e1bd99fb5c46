import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityPolicies } from '@lockstep/backstage-plugin-lockstep-common';
import { RequestApprovalDialog } from './RequestApprovalDialog';
import { mockLockstepApi, productionRequest } from './__testUtils__/fixtures';
import { renderApprovals } from './__testUtils__/render';
import { cartPolicies, REFUSAL } from '../policies/__testUtils__/fixtures';

// Typing into dialogs takes a few seconds on a busy 2-core CI machine.
jest.setTimeout(30_000);

/** The backend: production is named by a policy; any other environment asked about is added. */
const answer = async (_ref: string, environment?: string) =>
  cartPolicies(
    environment && environment.toLowerCase() !== 'production'
      ? environment
      : undefined,
  );

async function renderDialog(
  getEntityPolicies: (ref: string, env?: string) => Promise<EntityPolicies>,
) {
  const api = mockLockstepApi({
    getEntityPolicies: jest.fn(getEntityPolicies),
    createApprovalRequest: jest.fn(async () => productionRequest()),
  });
  const onCreated = jest.fn();
  await renderApprovals(
    <RequestApprovalDialog
      entityRef="component:default/cart-service"
      entityName="Cart"
      open={[]}
      onClose={() => {}}
      onCreated={onCreated}
    />,
    { api },
  );
  const dialog = await screen.findByRole('dialog');
  return { api, dialog, onCreated };
}

const fill = async (dialog: HTMLElement, environment: string) => {
  await userEvent.type(
    within(dialog).getByRole('textbox', { name: /Title/ }),
    'Release cart 2.6.0',
  );
  await userEvent.type(
    within(dialog).getByRole('textbox', { name: /Version/ }),
    '2.6.0',
  );
  await userEvent.type(
    within(dialog).getByRole('textbox', { name: /Environment/ }),
    environment,
  );
};

describe('RequestApprovalDialog dry run', () => {
  it('offers the environments the policies name, with the policy of each', async () => {
    const { dialog } = await renderDialog(answer);
    expect(
      within(dialog).getByText(/Choose an environment to see which policy/),
    ).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Open' }));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'productionProduction release · you cannot request',
    ]);
  });

  it('shows the policy and who would approve in which order for a typed environment, asked once typing stops', async () => {
    const { api, dialog, onCreated } = await renderDialog(answer);
    await fill(dialog, 'qa');

    const dryRun = await within(dialog).findByTestId(
      'request-dry-run',
      {},
      { timeout: 5000 },
    );
    await waitFor(() =>
      expect(dryRun).toHaveTextContent('Decided by Any change'),
    );
    expect(api.getEntityPolicies).toHaveBeenCalledWith(
      'component:default/cart-service',
      'qa',
    );
    // the first question without an environment, then one for "qa", none for "q"
    expect(api.getEntityPolicies).toHaveBeenCalledTimes(2);
    const stage = within(dryRun).getByRole('listitem', {
      name: 'Stage 1: Owning team',
    });
    expect(stage).toHaveTextContent('1 approval from Checkout');
    expect(stage).toHaveTextContent('Who can approve: sofia.martinez, tom.lee');
    expect(dryRun).toHaveTextContent('Readiness does not stop an approval.');
    expect(dryRun).toHaveTextContent('Requests do not expire.');

    const submit = within(dialog).getByRole('button', {
      name: 'Request approval',
    });
    expect(submit).toBeEnabled();
    await userEvent.click(submit);
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(api.createApprovalRequest).toHaveBeenCalledWith({
      entityRef: 'component:default/cart-service',
      title: 'Release cart 2.6.0',
      environment: 'qa',
      version: '2.6.0',
    });
  });

  it('shows the stages and the refusal for an environment the viewer cannot ask for, and does not send', async () => {
    const { api, dialog } = await renderDialog(answer);
    await fill(dialog, 'Production');

    const refusal = await within(dialog).findByRole('alert');
    expect(refusal).toHaveTextContent(
      'You cannot request approval for production',
    );
    expect(refusal).toHaveTextContent(REFUSAL);
    const dryRun = within(dialog).getByTestId('request-dry-run');
    expect(dryRun).toHaveTextContent('Decided by Production release');
    expect(
      within(dryRun)
        .getAllByRole('listitem', { name: /^Stage/ })
        .map(s => s.getAttribute('aria-label')),
    ).toEqual(['Stage 1: Owning team', 'Stage 2: Security and operations']);
    expect(dryRun).toHaveTextContent('Only a ready entity can be approved.');
    expect(dryRun).toHaveTextContent(
      'A request expires 3 days after it is made.',
    );
    expect(dryRun).toHaveTextContent(
      'You are not listed: this policy does not let you approve your own request.',
    );
    // production is in the first answer: nothing more is asked
    expect(api.getEntityPolicies).toHaveBeenCalledTimes(1);

    const submit = within(dialog).getByRole('button', {
      name: 'Request approval',
    });
    expect(submit).toBeDisabled();
    expect(api.createApprovalRequest).not.toHaveBeenCalled();
  });

  it('lets the backend decide when the dry run fails', async () => {
    const { dialog } = await renderDialog(async (_ref, environment) => {
      if (environment) throw new Error('backend down');
      return cartPolicies();
    });
    await fill(dialog, 'qa');
    expect(
      await within(dialog).findByText(
        /Could not check which policy would decide \(backend down\)/,
        {},
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Request approval' }),
    ).toBeEnabled();
  });
});
