import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { ago, cartReadiness, mockLockstepApi } from '../__testUtils__/fixtures';
import { gateRow, renderCard } from '../__testUtils__/renderCard';

// Typing into dialogs takes a few seconds on a busy 2-core CI machine.
jest.setTimeout(20_000);

describe('EntityReadinessCard sign-off and revocation', () => {
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
});
