import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MyApprovals } from './MyApprovals';
import {
  hoursAgo,
  mockLockstepApi,
  productionRequest,
} from './__testUtils__/fixtures';
import { renderApprovals } from './__testUtils__/render';

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
      listApprovalRequests: jest.fn(async () => waiting()),
    });
    await renderApprovals(<MyApprovals />, { api });

    const rows = await screen.findAllByTestId('inbox-row');
    expect(api.listApprovalRequests).toHaveBeenCalledWith({ pendingFor: 'me' });
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
      listApprovalRequests: jest.fn(async () => []),
    });
    await renderApprovals(<MyApprovals />, { api });
    expect(
      await screen.findByText('Nothing is waiting for your approval.'),
    ).toBeInTheDocument();
  });

  it('approves from the list with a comment and reloads it', async () => {
    const list = jest
      .fn()
      .mockResolvedValueOnce(waiting())
      .mockResolvedValue(waiting().filter(r => r.id !== 'oldest'));
    const api = mockLockstepApi({
      listApprovalRequests: list,
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
      }),
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('inbox-row')).toHaveLength(2),
    );
  });

  it('asks for a reason before rejecting from the list', async () => {
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () => waiting()),
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
});
