import { act, screen } from '@testing-library/react';
import { ApiRef, identityApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { LockstepApi } from '@lockstep/backstage-plugin-lockstep-common';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { lockstepApiRef } from '../../api';
import { mockSignals } from '../../approvals/__testUtils__/render';
import { EntityReadinessCard } from '../EntityReadinessCard';
import { cartReadiness, cartService } from './fixtures';

export const sleep = (ms: number) =>
  act(() => new Promise<void>(resolve => setTimeout(resolve, ms)));

/**
 * Renders the card on cart-service's page in a test app, as rachel.cohen in `groups`, with signals
 * only when `signals` is given.
 */
export function renderCardOnly(
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

/** Renders the card and waits until it shows cart-service's readiness. */
export async function renderCard(
  api: LockstepApi,
  groups: string[],
  signals?: ReturnType<typeof mockSignals>,
) {
  await renderCardOnly(api, groups, signals);
  await screen.findByText(cartReadiness().reason);
}

/** The row of one gate on the card. */
export const gateRow = (gateId: string) => screen.getByTestId(`gate-${gateId}`);
