import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { identityApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { LockstepApi } from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApiRef } from '../../api';
import {
  board,
  cartReadiness,
  mockLockstepApi,
} from '../__testUtils__/fixtures';
import { mockPhoneScreen, restoreScreen } from '../../__testUtils__/screen';
import { ReadinessBoard } from './ReadinessBoard';

jest.setTimeout(20_000);

const RACHEL = 'user:default/rachel.cohen';

/** The board as Rachel, a member of `groups`. */
async function renderBoardAs(api: LockstepApi, groups: string[], route = '/') {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [lockstepApiRef, api],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: RACHEL,
            ownershipEntityRefs: [RACHEL, ...groups],
          }),
        ],
      ]}
    >
      <ReadinessBoard />
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return screen.findByRole('table', { name: 'Readiness board' });
}

describe("ReadinessBoard: a team's gates", () => {
  it('asks the backend for the gates of the team in the URL, and offers your teams first', async () => {
    const api = mockLockstepApi({
      getReadinessBoard: jest.fn(async () => board()),
    });
    await renderBoardAs(
      api,
      ['group:default/platform-sre'],
      '/?team=group:default/security',
    );
    expect(api.getReadinessBoard).toHaveBeenCalledWith({
      owner: undefined,
      system: undefined,
      team: 'group:default/security',
      status: undefined,
    });

    await userEvent.click(screen.getByLabelText("Team's gates"));
    const options = within(screen.getByRole('listbox'));
    expect(
      options.getAllByRole('option').map(option => option.textContent),
    ).toEqual([
      'All teams',
      'Your teams',
      'Platform & SRE',
      'Other teams',
      'Security',
    ]);
  });

  it('lets a member of the team sign off a waiting gate from its cell, and reloads the board', async () => {
    const api = mockLockstepApi({
      getReadinessBoard: jest.fn(async () => board()),
      signOff: jest.fn(async () => cartReadiness()),
    });
    const table = await renderBoardAs(api, ['group:default/security']);
    const cell = within(table).getByRole('button', {
      name: /^Security: Security review: .*Sign off as a member of Security$/,
    });
    await userEvent.click(cell);
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Sign off: Security review'),
    ).toBeInTheDocument();
    const calls = api.getReadinessBoard.mock.calls.length;
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Sign off' }),
    );

    await waitFor(() =>
      expect(api.signOff).toHaveBeenCalledWith(
        'component:default/cart-service',
        expect.objectContaining({ gateId: 'security-review' }),
      ),
    );
    expect(
      await screen.findByText(/^Signed off Security review of/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(api.getReadinessBoard.mock.calls.length).toBeGreaterThan(calls),
    );
  });

  it('offers sign-off only on the teams of the user, and only for gates that did not pass', async () => {
    const api = mockLockstepApi({
      getReadinessBoard: jest.fn(async () => board()),
    });
    const table = await renderBoardAs(api, ['group:default/platform-sre']);
    const rowOf = (name: string) =>
      within(within(table).getByText(name).closest('tr')!);
    // cart-service: Security's gate waits, but Rachel is not on Security; SRE's passed
    expect(rowOf('Cart').queryAllByRole('button')).toEqual([]);
    expect(
      rowOf('Cart').getByRole('img', { name: /^Platform & SRE: / }),
    ).toBeInTheDocument();
    // payments-service: SRE's sign-off is expiring, so her team may renew it
    expect(
      rowOf('payments-service').getByRole('button', {
        name: /Sign off as a member of Platform & SRE$/,
      }),
    ).toBeInTheDocument();
  });

  describe('on a phone', () => {
    beforeEach(() => mockPhoneScreen());
    afterEach(() => restoreScreen());

    it('shows each entity as a card of one column, with its teams and sign-off still in reach', async () => {
      const api = mockLockstepApi({
        getReadinessBoard: jest.fn(async () => board()),
      });
      const table = await renderBoardAs(api, ['group:default/security']);
      await waitFor(() =>
        expect(within(table).getAllByRole('columnheader')).toHaveLength(1),
      );
      const card = within(within(table).getByText('Cart').closest('tr')!);
      expect(card.getAllByRole('cell')).toHaveLength(1);
      expect(card.getByText('Security')).toBeInTheDocument();
      expect(
        card.getByRole('button', {
          name: /^Security: Security review: .*Sign off as a member of Security$/,
        }),
      ).toBeInTheDocument();
    });
  });
});
