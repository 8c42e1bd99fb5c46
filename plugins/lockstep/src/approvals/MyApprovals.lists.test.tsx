import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MyApprovals } from './MyApprovals';
import {
  hoursAgo,
  mockLockstepApi,
  page,
  productionRequest,
  readinessNow,
} from './__testUtils__/fixtures';
import { waiting } from './__testUtils__/inbox';
import { mockSignals, renderApprovals } from './__testUtils__/render';
import { mockPhoneScreen, restoreScreen } from '../__testUtils__/screen';

// What the two tabs list: the inbox and My requests, paged, filtered, reloaded, and on a phone.
// Deciding from the inbox is in MyApprovals.decide.test.tsx.

jest.setTimeout(30_000);

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
