import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MyApprovals } from './MyApprovals';
import {
  hoursAgo,
  mockLockstepApi,
  page,
  productionRequest,
  readinessNow,
  responseError,
} from './__testUtils__/fixtures';
import {
  mockPhoneScreen,
  mockSignals,
  renderApprovals,
  restoreScreen,
} from './__testUtils__/render';

jest.setTimeout(30_000);

const waiting = () => [
  productionRequest({
    id: 'newest',
    title: 'Release search 1.2.0',
    entityRef: 'component:default/search-service',
    createdAt: hoursAgo(1),
  }),
  productionRequest({
    id: 'oldest',
    title: 'Release cart 2.5.0',
    createdAt: hoursAgo(75),
  }),
  productionRequest({
    id: 'middle',
    title: 'Release ledger 4.0.1',
    entityRef: 'component:default/ledger-service',
    createdAt: hoursAgo(5),
  }),
];

describe('MyApprovals', () => {
  it('lists what waits for me, oldest first, with entity links and how long it has waited', async () => {
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () => page(waiting())),
    });
    await renderApprovals(<MyApprovals />, { api });

    const rows = await screen.findAllByTestId('inbox-row');
    expect(api.listApprovalRequests).toHaveBeenCalledWith({
      pendingFor: 'me',
      limit: 20,
    });
    expect(rows.map(row => row.textContent)).toEqual([
      expect.stringContaining('Release cart 2.5.0'),
      expect.stringContaining('Release ledger 4.0.1'),
      expect.stringContaining('Release search 1.2.0'),
    ]);
    expect(rows[0]).toHaveTextContent(/^3 days/);
    expect(rows[2]).toHaveTextContent(/^1 hour/);
    expect(
      within(rows[1]).getByRole('link', { name: /ledger-service/ }),
    ).toHaveAttribute('href', '/catalog/default/component/ledger-service');
  });

  it('says so when nothing waits', async () => {
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () => page([])),
    });
    await renderApprovals(<MyApprovals />, { api });
    expect(
      await screen.findByText('Nothing is waiting for your approval.'),
    ).toBeInTheDocument();
  });

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

  it('shows requests made by a pipeline, naming the service in plain text', async () => {
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () =>
        page([
          productionRequest({
            id: 'from-pipeline',
            title: 'Release cart 2.6.0',
            requester: 'external:demo-pipeline',
          }),
          // what the backend records for a principal without a subject
          productionRequest({
            id: 'from-service',
            title: 'Release cart 2.6.1',
            requester: 'service',
          }),
        ]),
      ),
    });
    await renderApprovals(<MyApprovals />, { api });

    const rows = await screen.findAllByTestId('inbox-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('demo-pipeline (service)');
    expect(
      within(rows[0]).queryByRole('link', { name: /pipeline/ }),
    ).toBeNull();
    expect(rows[1]).toHaveTextContent('Release cart 2.6.1');
  });

  it('keeps the list when one request cannot be shown', async () => {
    const broken = productionRequest({
      id: 'broken',
      title: 'Broken',
      createdAt: hoursAgo(100),
    });
    (broken as { progress?: unknown }).progress = undefined;
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () => page([broken, ...waiting()])),
    });
    await renderApprovals(<MyApprovals />, { api });

    const rows = await screen.findAllByTestId('inbox-row');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toHaveTextContent('Could not show request broken');
    expect(rows[1]).toHaveTextContent('Release cart 2.5.0');
    expect(
      within(rows[1]).getByRole('button', {
        name: 'Approve Release cart 2.5.0',
      }),
    ).toBeInTheDocument();
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

  it('pages through the inbox with cursors, and says how many wait in all', async () => {
    const [newest, oldest, middle] = waiting();
    const list = jest.fn(async (query?: { cursor?: string }) =>
      query?.cursor === 'page-2'
        ? page([newest], { total: 21 })
        : page([oldest, middle], { nextCursor: 'page-2', total: 21 }),
    );
    const api = mockLockstepApi({ listApprovalRequests: list });
    await renderApprovals(<MyApprovals />, { api });

    expect(await screen.findAllByTestId('inbox-row')).toHaveLength(2);
    expect(
      screen.getByRole('tab', { name: 'Waiting for me (21)' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('21 requests')).toBeInTheDocument();
    expect(
      screen.getByText('1–20 of 21', { selector: 'span' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    await waitFor(() =>
      expect(screen.getAllByTestId('inbox-row')).toHaveLength(1),
    );
    expect(list).toHaveBeenLastCalledWith({
      pendingFor: 'me',
      cursor: 'page-2',
      limit: 20,
    });
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
  });

  it('reloads the page shown, not page 1, when the backend signals a change', async () => {
    const signals = mockSignals();
    const [newest, oldest, middle] = waiting();
    const list = jest.fn(async (query?: { cursor?: string }) =>
      query?.cursor === 'page-2'
        ? page([newest], { total: 21 })
        : page([oldest, middle], { nextCursor: 'page-2', total: 21 }),
    );
    const api = mockLockstepApi({ listApprovalRequests: list });
    await renderApprovals(<MyApprovals />, { api, signals });
    await screen.findAllByTestId('inbox-row');
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('inbox-row')).toHaveLength(1),
    );

    act(() => signals.publish('lockstep-approvals', { id: 'middle' }));
    await waitFor(() => expect(list).toHaveBeenCalledTimes(3));
    // the reload asked for page 2 again, with the cursor that ended page 1
    expect(list.mock.calls[2]).toEqual([
      { pendingFor: 'me', cursor: 'page-2', limit: 20 },
    ]);
    expect(screen.getAllByTestId('inbox-row')).toHaveLength(1);
    expect(screen.getAllByTestId('inbox-row')[0]).toHaveTextContent(
      'Release search 1.2.0',
    );
  });

  it('lists my own requests in every state on their tab, with filters, keeping the inbox count', async () => {
    const list = jest.fn(async (query?: { requester?: string }) =>
      query?.requester === 'me'
        ? page([
            productionRequest({ id: 'mine-open', title: 'Release cart 2.7.0' }),
            productionRequest({
              id: 'mine-rejected',
              title: 'Release cart 2.6.0',
              state: 'rejected',
            }),
          ])
        : page(waiting()),
    );
    const api = mockLockstepApi({ listApprovalRequests: list });
    await renderApprovals(<MyApprovals />, { api });
    await screen.findAllByTestId('inbox-row');

    await userEvent.click(screen.getByRole('tab', { name: 'My requests' }));
    expect(
      await screen.findByTestId('my-request-row-mine-open'),
    ).toHaveTextContent('Pending');
    expect(list).toHaveBeenCalledWith({ requester: 'me', limit: 20 });
    const table = screen.getByRole('table', {
      name: 'Requests you asked for',
    });
    expect(
      within(table).getByTestId('my-request-row-mine-rejected'),
    ).toHaveTextContent('Rejected');
    // the inbox is counted while its tab is not shown
    expect(list).toHaveBeenCalledWith({ pendingFor: 'me', limit: 1 });
    expect(
      screen.getByRole('tab', { name: 'Waiting for me (3)' }),
    ).toBeInTheDocument();

    const filters = screen.getByRole('search', { name: 'Filter the requests' });
    expect(
      within(filters).queryByRole('textbox', { name: 'Requester' }),
    ).toBeNull();
    await userEvent.click(
      within(filters).getByRole('button', { name: /State/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Rejected' }),
    );
    await userEvent.keyboard('{Escape}');
    await userEvent.type(
      within(filters).getByRole('textbox', { name: 'Environment' }),
      'production{Enter}',
    );
    await waitFor(() =>
      expect(list).toHaveBeenLastCalledWith({
        requester: 'me',
        state: ['rejected'],
        environment: 'production',
        limit: 20,
      }),
    );

    // a row opens the request
    await userEvent.click(screen.getByTestId('my-request-row-mine-open'));
    expect(
      await screen.findByRole('region', { name: 'Approval request' }),
    ).toBeInTheDocument();
  });

  it('opens on My requests, filtered, from a link', async () => {
    const list = jest.fn(async () => page([]));
    const api = mockLockstepApi({ listApprovalRequests: list });
    await renderApprovals(<MyApprovals />, {
      api,
      route: '/?tab=mine&state=approved',
    });
    expect(
      await screen.findByText('No requests match these filters.'),
    ).toBeInTheDocument();
    expect(list).toHaveBeenCalledWith({
      requester: 'me',
      state: ['approved'],
      limit: 20,
    });
    expect(screen.getByRole('tab', { name: 'My requests' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  describe('on a phone', () => {
    beforeEach(() => mockPhoneScreen());
    afterEach(() => restoreScreen());

    it('shows what waits as cards, with Approve and Reject on each', async () => {
      const api = mockLockstepApi({
        listApprovalRequests: jest.fn(async () => page(waiting())),
        getReadiness: jest.fn(async () => readinessNow()),
      });
      await renderApprovals(<MyApprovals />, { api });

      const table = await screen.findByRole('table', {
        name: 'Waiting for your approval',
      });
      await waitFor(() =>
        expect(within(table).queryAllByRole('columnheader')).toHaveLength(0),
      );
      const cards = screen.getAllByTestId('inbox-row');
      expect(cards[0]).toHaveTextContent('Release cart 2.5.0');
      expect(cards[0]).toHaveTextContent('Pending');
      expect(cards[0]).toHaveTextContent('2.5.0 → production');
      expect(cards[0]).toHaveTextContent('3 days');
      await userEvent.click(
        within(cards[0]).getByRole('button', {
          name: 'Approve Release cart 2.5.0',
        }),
      );
      expect(await screen.findByRole('dialog')).toHaveTextContent(
        'Approve: Release cart 2.5.0',
      );
    });
  });
});
