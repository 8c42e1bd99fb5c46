import { act, screen, waitFor } from '@testing-library/react';
import { PendingApprovalsIcon } from './PendingApprovalsIcon';
import {
  mockLockstepApi,
  page,
  productionRequest,
} from './__testUtils__/fixtures';
import { mockSignals, renderApprovals } from './__testUtils__/render';

/** The answer to the badge's question: one item, and how many wait in all. */
const requests = (count: number) =>
  page(count ? [productionRequest({ id: 'req-0' })] : [], {
    total: count,
    ...(count > 1 && { nextCursor: 'next' }),
  });

describe('PendingApprovalsIcon', () => {
  afterEach(() => jest.useRealTimers());

  it('shows how many requests wait for the signed-in user', async () => {
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () => requests(3)),
    });
    await renderApprovals(<PendingApprovalsIcon />, { api });

    const badge = await screen.findByTestId('pending-approvals-badge');
    await waitFor(() => expect(badge).toHaveTextContent('3'));
    expect(badge).toHaveAttribute('title', '3 waiting for your approval');
    expect(api.listApprovalRequests).toHaveBeenCalledWith({
      pendingFor: 'me',
      limit: 1,
    });
  });

  it('shows no number when nothing waits or the count cannot be loaded', async () => {
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () => {
        throw new Error('backend down');
      }),
    });
    await renderApprovals(<PendingApprovalsIcon />, { api });
    const badge = await screen.findByTestId('pending-approvals-badge');
    await waitFor(() => expect(api.listApprovalRequests).toHaveBeenCalled());
    expect(badge).not.toHaveAttribute('title');
    expect(badge.textContent).toBe('');
  });

  it('recounts when the backend signals a change', async () => {
    const signals = mockSignals();
    const list = jest
      .fn()
      .mockResolvedValueOnce(requests(2))
      .mockResolvedValue(requests(1));
    const api = mockLockstepApi({ listApprovalRequests: list });
    await renderApprovals(<PendingApprovalsIcon />, { api, signals });
    const badge = await screen.findByTestId('pending-approvals-badge');
    await waitFor(() => expect(badge).toHaveTextContent('2'));

    act(() => signals.publish('lockstep-approvals', { id: 'req-0' }));
    await waitFor(() => expect(badge).toHaveTextContent('1'));
  });

  it('recounts every minute without signals', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    const list = jest
      .fn()
      .mockResolvedValueOnce(requests(2))
      .mockResolvedValue(requests(4));
    const api = mockLockstepApi({ listApprovalRequests: list });
    await renderApprovals(<PendingApprovalsIcon />, { api });
    const badge = await screen.findByTestId('pending-approvals-badge');
    await waitFor(() => expect(badge).toHaveTextContent('2'));

    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    await waitFor(() => expect(badge).toHaveTextContent('4'));
    expect(list).toHaveBeenCalledTimes(2);
  });
});
