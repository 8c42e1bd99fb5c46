import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiRef, identityApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  EntityReadiness,
  LockstepApi,
} from '@lockstep/backstage-plugin-lockstep-common';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { lockstepApiRef } from '../../api';
import { mockSignals } from '../../approvals/__testUtils__/render';
import { EntityReadinessCard } from './EntityReadinessCard';
import {
  ago,
  cartReadiness,
  cartService,
  mockLockstepApi,
} from '../__testUtils__/fixtures';

// Typing into dialogs takes a few seconds on a busy 2-core CI machine.
jest.setTimeout(20_000);

const sleep = (ms: number) =>
  act(() => new Promise<void>(resolve => setTimeout(resolve, ms)));

function renderCardOnly(
  api: LockstepApi,
  groups: string[],
  signals?: ReturnType<typeof mockSignals>,
) {
  const user = 'user:default/rachel.cohen';
  const apis: Array<readonly [ApiRef<unknown>, Partial<unknown>]> = [
    [lockstepApiRef, api],
    [
      identityApiRef,
      mockApis.identity({
        userEntityRef: user,
        ownershipEntityRefs: [user, ...groups],
      }),
    ],
  ];
  if (signals) apis.push([signalApiRef, signals.api]);
  return renderInTestApp(
    <TestApiProvider apis={apis}>
      <EntityProvider entity={cartService}>
        <EntityReadinessCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

async function renderCard(
  api: LockstepApi,
  groups: string[],
  signals?: ReturnType<typeof mockSignals>,
) {
  await renderCardOnly(api, groups, signals);
  await screen.findByText(cartReadiness().reason);
}

const gateRow = (gateId: string) => screen.getByTestId(`gate-${gateId}`);

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

  it('offers Sign off only to members of the gate team', async () => {
    const api = mockLockstepApi({
      getReadiness: jest.fn(async () => cartReadiness()),
    });
    await renderCard(api, ['group:default/security']);

    expect(
      within(gateRow('security-review')).getByRole('button', {
        name: /Sign off/,
      }),
    ).toBeInTheDocument();
    // SRE's gate: not a member, so neither sign-off nor revoke
    expect(
      within(gateRow('sre-review')).queryByRole('button'),
    ).not.toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /Sign off/ })).toHaveLength(1);
    expect(screen.queryByRole('button', { name: /Revoke/ })).toBeNull();
  });

  it('shows no sign-off actions to someone outside every gate team', async () => {
    const api = mockLockstepApi({
      getReadiness: jest.fn(async () => cartReadiness()),
    });
    await renderCard(api, ['group:default/storefront']);

    expect(screen.queryByRole('button', { name: /Sign off/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Revoke/ })).toBeNull();
    expect(
      within(gateRow('security-review')).getByText(
        /Needs a sign-off from a member of team/,
      ),
    ).toBeInTheDocument();
  });

  it('signs off with a version and comment and shows the readiness that comes back', async () => {
    const signed = cartReadiness();
    signed.status = 'blocked';
    signed.reason = 'Blocked by payments-db, owned by team Data Platform';
    signed.gates[1] = {
      ...signed.gates[1],
      status: 'passed',
      signedBy: 'user:default/rachel.cohen',
      signedAt: ago(0),
      detail: 'Signed off for 2.5.0',
    };
    const api = mockLockstepApi({
      getReadiness: jest.fn(async () => cartReadiness()),
      signOff: jest.fn(async () => signed),
    });
    await renderCard(api, ['group:default/security']);

    await userEvent.click(screen.getByRole('button', { name: /Sign off/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Version (optional)'),
      '2.5.0',
    );
    await userEvent.type(
      within(dialog).getByLabelText('Comment (optional)'),
      'Pen test done',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Sign off' }),
    );

    expect(api.signOff).toHaveBeenCalledWith('component:default/cart-service', {
      gateId: 'security-review',
      version: '2.5.0',
      comment: 'Pen test done',
    });
    expect(
      await screen.findByText(
        'Blocked by payments-db, owned by team Data Platform',
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('requires a comment to revoke a sign-off', async () => {
    const revoked = cartReadiness();
    revoked.reason = 'Waiting for sign-off: SRE readiness review';
    const api = mockLockstepApi({
      getReadiness: jest.fn(async () => cartReadiness()),
      revokeSignOff: jest.fn(async () => revoked),
    });
    await renderCard(api, ['group:default/platform-sre']);

    await userEvent.click(
      within(gateRow('sre-review')).getByRole('button', { name: /Revoke/ }),
    );
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Revoke' });
    expect(confirm).toBeDisabled();
    expect(
      within(dialog).getByText(/A comment is required/),
    ).toBeInTheDocument();

    await userEvent.type(within(dialog).getByRole('textbox'), '   ');
    expect(confirm).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox'),
      'Alerting was removed',
    );
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);

    expect(api.revokeSignOff).toHaveBeenCalledWith(
      'component:default/cart-service',
      'sre-review',
      'Alerting was removed',
    );
    expect(
      await screen.findByText('Waiting for sign-off: SRE readiness review'),
    ).toBeInTheDocument();
  });

  it('explains a 403 from the backend in the dialog', async () => {
    const forbidden = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message:
              'user:default/rachel.cohen is not a member of group:default/security',
          },
          request: {
            method: 'POST',
            url: '/api/lockstep/readiness/component/default/cart-service/signoffs',
          },
          response: { statusCode: 403 },
        }),
        {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'content-type': 'application/json' },
        },
      ),
    );
    const api = mockLockstepApi({
      getReadiness: jest.fn(async () => cartReadiness()),
      signOff: jest.fn(async () => {
        throw forbidden;
      }),
    });
    // the frontend believes the user is a member (a stale group), the backend says no
    await renderCard(api, ['group:default/security']);

    await userEvent.click(screen.getByRole('button', { name: /Sign off/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Sign off' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      'You cannot sign off this gate: only members of team security can.',
    );
    expect(alert).toHaveTextContent(
      'user:default/rachel.cohen is not a member of group:default/security',
    );
    // the dialog stays open so the user sees why
    expect(screen.getByRole('dialog')).toBeInTheDocument();
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
