import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityReadiness } from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApiRef } from '../../api';
import { mockSignals } from '../../approvals/__testUtils__/render';
import { EntityReadinessCard } from './EntityReadinessCard';
import {
  ago,
  cartReadiness,
  cartService,
  mockLockstepApi,
} from '../__testUtils__/fixtures';
import {
  gateRow,
  renderCard,
  renderCardOnly,
  sleep,
} from '../__testUtils__/renderCard';

// Typing into dialogs takes a few seconds on a busy 2-core CI machine.
jest.setTimeout(20_000);

describe('EntityReadinessCard', () => {
  it('shows the status, the reason, gates by team, waits, blockers and the profile', async () => {
    const api = mockLockstepApi({
      getReadiness: jest.fn(async () => cartReadiness()),
    });
    await renderCard(api, []);

    expect(api.getReadiness).toHaveBeenCalledWith(
      'component:default/cart-service',
    );
    expect(
      screen.getByTestId('readiness-reason').previousSibling,
    ).toHaveTextContent('Not ready');
    expect(screen.getByText(/Production service/)).toBeInTheDocument();
    // gates are grouped under their team
    const security = screen.getByRole('region', {
      name: 'Gates of team security',
    });
    expect(within(security).getByText('Security review')).toBeInTheDocument();
    expect(within(security).getByText('waiting 3 days')).toBeInTheDocument();
    // who signed, the version and when it expires
    expect(
      within(gateRow('sre-review')).getByText(/version 2.4.0/),
    ).toBeInTheDocument();
    expect(
      within(gateRow('sre-review')).getByText(/expires in 7\d days/),
    ).toBeInTheDocument();
    expect(
      within(gateRow('data-retention')).getByText('optional'),
    ).toBeInTheDocument();
    // what blocks it, with the owner to talk to and the path
    expect(
      screen.getByText('Blocked by 1 upstream entity'),
    ).toBeInTheDocument();
    expect(screen.getByText(/path:/)).toHaveTextContent(
      'cart-service → payments-service → payments-db',
    );
  });

  it('refreshes and lists the history newest first', async () => {
    const refreshed = cartReadiness();
    refreshed.reason = 'Refreshed reason';
    const api = mockLockstepApi({
      getReadiness: jest.fn(async () => cartReadiness()),
      refreshReadiness: jest.fn(async () => refreshed),
      getReadinessHistory: jest.fn(async () => ({
        entityRef: 'component:default/cart-service',
        events: [
          {
            id: 2,
            entityRef: 'component:default/cart-service',
            gateId: 'sre-review',
            kind: 'signed-off' as const,
            status: 'passed' as const,
            actor: 'user:default/omar.haddad',
            version: '2.4.0',
            at: ago(2),
          },
          {
            id: 1,
            entityRef: 'component:default/cart-service',
            gateId: 'security-review',
            kind: 'evaluated' as const,
            status: 'pending' as const,
            at: ago(3),
          },
        ],
        waits: [
          {
            gateId: 'security-review',
            from: ago(3),
            durationMs: 3 * 86_400_000,
          },
        ],
      })),
    });
    await renderCard(api, []);

    await userEvent.click(
      screen.getByRole('button', { name: 'Refresh readiness' }),
    );
    expect(await screen.findByText('Refreshed reason')).toBeInTheDocument();
    expect(api.refreshReadiness).toHaveBeenCalledTimes(1);

    await userEvent.click(screen.getByRole('button', { name: /History/ }));
    const events = await screen.findByRole('table', { name: 'Events' });
    const rows = within(events).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('SRE readiness review');
    expect(rows[0]).toHaveTextContent('Signed off (version 2.4.0)');
    expect(rows[1]).toHaveTextContent('Security review');
    const waits = screen.getByRole('table', { name: 'Waits' });
    expect(waits).toHaveTextContent('still waiting');
    expect(waits).toHaveTextContent('3 days');
  });

  it('folds a long list of blockers', async () => {
    const many = cartReadiness();
    many.status = 'blocked';
    many.blockedBy = ['a', 'b', 'c', 'd', 'e'].map(name => ({
      entityRef: `component:default/${name}-service`,
      status: 'not-ready' as const,
      owner: 'group:default/payments',
      path: [
        'component:default/cart-service',
        `component:default/${name}-service`,
      ],
    }));
    const api = mockLockstepApi({ getReadiness: async () => many });
    await renderCard(api, []);

    expect(
      screen.getByText('Blocked by 5 upstream entities'),
    ).toBeInTheDocument();
    expect(screen.getByText('c-service')).toBeInTheDocument();
    expect(screen.queryByText('d-service')).toBeNull();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show all 5 blockers' }),
    );
    expect(screen.getByText('e-service')).toBeInTheDocument();
  });

  it('says a hidden dependency blocks, without naming or counting it', async () => {
    const hidden = cartReadiness();
    hidden.status = 'blocked';
    hidden.reason = 'Blocked by a dependency you cannot see';
    hidden.hiddenBlockers = true;
    hidden.blockedBy = [];
    const api = mockLockstepApi({ getReadiness: async () => hidden });
    const first = await renderCardOnly(api, []);
    expect(
      await screen.findByText(
        'Blocked by a dependency you cannot see',
        // the reason, and the heading over the blockers
        { selector: 'h6' },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('You may not read it, so Lockstep does not name it.'),
    ).toBeInTheDocument();

    hidden.blockedBy = [
      {
        entityRef: 'component:default/ledger-service',
        status: 'not-ready',
        path: [
          'component:default/cart-service',
          'component:default/ledger-service',
        ],
      },
    ];
    first.unmount();
    await renderCardOnly(api, []);
    expect(
      await screen.findByText(
        'Blocked by 1 upstream entity, and by a dependency you cannot see',
      ),
    ).toBeInTheDocument();
  });

  it('shows an error panel when readiness cannot be loaded', async () => {
    const api = mockLockstepApi({
      getReadiness: jest.fn(async () => {
        throw new Error('backend down');
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[lockstepApiRef, api]]}>
        <EntityProvider entity={cartService}>
          <EntityReadinessCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });

  it('reloads quietly, once for a burst, when the backend signals a readiness change', async () => {
    const signals = mockSignals();
    const signedOff: EntityReadiness = {
      ...cartReadiness(),
      status: 'ready',
      reason: 'All 3 required gates pass and nothing upstream blocks it',
    };
    let answer: (readiness: EntityReadiness) => void = () => {};
    const getReadiness = jest
      .fn()
      .mockResolvedValueOnce(cartReadiness())
      .mockImplementationOnce(
        () => new Promise<EntityReadiness>(resolve => (answer = resolve)),
      );
    const api = mockLockstepApi({ getReadiness });
    await renderCard(api, [], signals);

    const at = new Date().toISOString();
    for (let i = 0; i < 3; i++) {
      act(() => signals.publish('lockstep-readiness', { at }));
      await sleep(100);
    }
    await waitFor(() => expect(getReadiness).toHaveBeenCalledTimes(2));
    // while it reloads, the card keeps what it shows, with no progress bar
    await sleep(400);
    expect(screen.getByTestId('readiness-reason')).toHaveTextContent(
      cartReadiness().reason,
    );
    expect(screen.queryByRole('progressbar')).toBeNull();

    await act(async () => answer(signedOff));
    expect(screen.getByTestId('readiness-reason')).toHaveTextContent(
      signedOff.reason,
    );
    // the burst made one reload
    await sleep(700);
    expect(getReadiness).toHaveBeenCalledTimes(2);
  });

  it('shows a sign-off by a service principal without a link', async () => {
    const readiness = cartReadiness();
    const gate = readiness.gates.find(g => g.id === 'sre-review')!;
    gate.signedBy = 'external:release-bot';
    const api = mockLockstepApi({
      getReadiness: jest.fn(async () => readiness),
    });
    await renderCard(api, []);
    expect(gateRow('sre-review')).toHaveTextContent(
      'Signed by release-bot (service)',
    );
  });
});
