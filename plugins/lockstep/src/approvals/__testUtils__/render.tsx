import { ReactElement } from 'react';
import { identityApiRef } from '@backstage/core-plugin-api';
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
import { cartService } from './fixtures';

/** A signal API whose subscribers the test can call, as the backend would. */
export function mockSignals() {
  const listeners = new Map<string, Array<(message: any) => void>>();
  return {
    api: {
      subscribe: (channel: string, onMessage: (message: any) => void) => {
        listeners.set(channel, [...(listeners.get(channel) ?? []), onMessage]);
        return {
          unsubscribe: () =>
            listeners.set(
              channel,
              (listeners.get(channel) ?? []).filter(l => l !== onMessage),
            ),
        };
      },
    },
    publish: (channel: string, message: unknown) =>
      (listeners.get(channel) ?? []).forEach(listener => listener(message)),
  };
}

/**
 * Renders `element` in a test app as rachel.cohen (security) with the given Lockstep API, inside
 * cart-service's entity page when `entity` is set. Signals only when `signals` is given, so that the
 * other tests show that everything works without them.
 */
export async function renderApprovals(
  element: ReactElement,
  options: {
    api: LockstepApi;
    route?: string;
    entity?: boolean;
    signals?: ReturnType<typeof mockSignals>;
  },
) {
  const user = 'user:default/rachel.cohen';
  const apis: Array<readonly [any, any]> = [
    [lockstepApiRef, options.api],
    [
      identityApiRef,
      mockApis.identity({
        userEntityRef: user,
        ownershipEntityRefs: [user, 'group:default/security'],
      }),
    ],
  ];
  if (options.signals) apis.push([signalApiRef, options.signals.api]);
  return renderInTestApp(
    <TestApiProvider apis={apis as any}>
      {options.entity ? (
        <EntityProvider entity={cartService}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    {
      routeEntries: [options.route ?? '/'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
