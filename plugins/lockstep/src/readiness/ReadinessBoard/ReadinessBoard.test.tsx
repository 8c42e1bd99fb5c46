import { ApiRef } from '@backstage/core-plugin-api';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  LockstepApi,
  ReadinessBoard as Board,
} from '@lockstep/backstage-plugin-lockstep-common';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { lockstepApiRef } from '../../api';
import { mockSignals } from '../../approvals/__testUtils__/render';
import { ReadinessBoard } from './ReadinessBoard';
import { board, mockLockstepApi } from '../__testUtils__/fixtures';

// MUI selects and tables render slowly on a busy 2-core CI machine.
jest.setTimeout(20_000);

async function renderBoard(
  api: LockstepApi,
  route = '/',
  signals?: ReturnType<typeof mockSignals>,
) {
  const apis: Array<readonly [ApiRef<unknown>, Partial<unknown>]> = [
    [lockstepApiRef, api],
  ];
  if (signals) apis.push([signalApiRef, signals.api]);
  await renderInTestApp(
    <TestApiProvider apis={apis}>
      <ReadinessBoard />
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return screen.findByRole('table', { name: 'Readiness board' });
}

/** Entity rows (not group headers), as the text of their first cell. */
const entityRows = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .filter(row => row.querySelectorAll('td').length > 1)
    .map(row => row.querySelector('td')!.textContent);

describe('ReadinessBoard', () => {
  it('lists entities by team, oldest wait first, with status, reason, wait and gate matrix', async () => {
    const api = mockLockstepApi({
      getReadinessBoard: jest.fn(async () => board()),
    });
    const table = await renderBoard(api);

    expect(api.getReadinessBoard).toHaveBeenCalledWith();
    expect(entityRows(table)).toEqual([
      expect.stringContaining('Cart'),
      expect.stringContaining('payments-service'),
      expect.stringContaining('search-service'),
    ]);
    // a header per owning team
    expect(within(table).getByText('checkout')).toBeInTheDocument();
    expect(within(table).getByText('payments')).toBeInTheDocument();
    // columns of the gate-owning teams, with their titles
    expect(
      within(table).getByRole('columnheader', { name: 'Security' }),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('columnheader', { name: 'Platform & SRE' }),
    ).toBeInTheDocument();

    const cart = within(table).getByText('Cart').closest('tr')!;
    expect(cart).toHaveTextContent('Not ready');
    expect(cart).toHaveTextContent(
      'Waiting for sign-off: Security review, owned by team Security',
    );
    expect(cart).toHaveTextContent('3 days');
    expect(
      within(cart).getByRole('img', {
        name: 'Security: Security review: Awaiting sign-off, waiting 3 days',
      }),
    ).toBeInTheDocument();
    expect(
      within(cart).getByRole('img', {
        name: 'Platform & SRE: SRE readiness review: Passed',
      }),
    ).toBeInTheDocument();
    // entities link to their catalog pages
    expect(within(cart).getByRole('link', { name: /Cart/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/cart-service',
    );
  });

  it('groups by system on the toggle', async () => {
    const api = mockLockstepApi({
      getReadinessBoard: jest.fn(async () => board()),
    });
    const table = await renderBoard(api);
    await userEvent.click(screen.getByRole('button', { name: 'By system' }));

    await waitFor(() =>
      expect(within(table).getByText('shop')).toBeInTheDocument(),
    );
    expect(within(table).getByText('storefront')).toBeInTheDocument();
    expect(within(table).getByText('shop').closest('td')).toHaveTextContent(
      '1 not ready, 1 blocked',
    );
  });

  it('asks the backend for the filtered board', async () => {
    const notReady = board();
    notReady.items = notReady.items.filter(i => i.status === 'not-ready');
    notReady.total = 1;
    const api = mockLockstepApi({
      getReadinessBoard: jest.fn(async query =>
        query?.status ? notReady : board(),
      ),
    });
    const table = await renderBoard(api);
    expect(entityRows(table)).toHaveLength(3);

    fireEvent.mouseDown(screen.getByRole('button', { name: /Status/ }));
    await userEvent.click(
      within(await screen.findByRole('listbox')).getByText('Not ready'),
    );
    // a multiple select stays open: close it as a person would
    await userEvent.keyboard('{Escape}');

    await waitFor(() =>
      expect(api.getReadinessBoard).toHaveBeenLastCalledWith({
        owner: undefined,
        system: undefined,
        status: ['not-ready'],
      }),
    );
    await waitFor(() =>
      expect(
        entityRows(screen.getByRole('table', { name: 'Readiness board' })),
      ).toEqual([expect.stringContaining('Cart')]),
    );
  });

  it('takes filters from the URL and says when nothing matches', async () => {
    const api = mockLockstepApi({
      getReadinessBoard: jest.fn(async query =>
        query?.owner ? { items: [], total: 0, teams: [] } : board(),
      ),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[lockstepApiRef, api]]}>
        <ReadinessBoard />
      </TestApiProvider>,
      {
        routeEntries: ['/?owner=group:default/nobody'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByText('No entity matches these filters.'),
    ).toBeInTheDocument();
    expect(api.getReadinessBoard).toHaveBeenCalledWith({
      owner: 'group:default/nobody',
      system: undefined,
      status: undefined,
    });
  });

  it('loads the next page when there are more entries than one answer holds', async () => {
    const first = board();
    first.items = first.items.slice(0, 2);
    const second = board();
    second.items = second.items.slice(2);
    const api = mockLockstepApi({
      getReadinessBoard: jest.fn(async query =>
        query?.offset ? second : first,
      ),
    });
    const table = await renderBoard(api);
    expect(entityRows(table)).toHaveLength(2);
    expect(
      screen.getByText('Showing 2 of 3 entities, oldest waits first.'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));

    await waitFor(() => expect(entityRows(table)).toHaveLength(3));
    expect(api.getReadinessBoard).toHaveBeenLastCalledWith({
      owner: undefined,
      system: undefined,
      status: undefined,
      offset: 2,
    });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('reloads quietly, keeping the table, when the backend signals a readiness change', async () => {
    const signals = mockSignals();
    const later = board();
    later.items = later.items.map(item =>
      item.title === 'Cart'
        ? { ...item, status: 'ready', reason: 'Every required gate passes' }
        : item,
    );
    let answer: (next: Board) => void = () => {};
    const getReadinessBoard = jest
      .fn()
      .mockResolvedValueOnce(board())
      .mockImplementationOnce(
        () => new Promise<Board>(resolve => (answer = resolve)),
      );
    const api = mockLockstepApi({ getReadinessBoard });
    const table = await renderBoard(api, '/', signals);

    act(() =>
      signals.publish('lockstep-readiness', { at: new Date().toISOString() }),
    );
    act(() =>
      signals.publish('lockstep-readiness', { at: new Date().toISOString() }),
    );
    await waitFor(() => expect(getReadinessBoard).toHaveBeenCalledTimes(2));
    await act(() => new Promise(resolve => setTimeout(resolve, 400)));
    expect(table).toBeInTheDocument();
    expect(entityRows(table)).toHaveLength(3);
    expect(screen.queryByRole('progressbar')).toBeNull();

    await act(async () => answer(later));
    const cart = within(table).getByText('Cart').closest('tr')!;
    expect(cart).toHaveTextContent('Every required gate passes');
    expect(getReadinessBoard).toHaveBeenCalledTimes(2);
  });
});
