import { ReactElement } from 'react';
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
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { JsonObject } from '@backstage/types';
import { lockstepApiRef } from '../../api';
import { cartService } from './fixtures';

/** A signal API whose subscribers the test can call, as the backend would. */
export function mockSignals() {
  const listeners = new Map<string, Array<(message: JsonObject) => void>>();
  const api: SignalApi = {
    subscribe: <TMessage extends JsonObject>(
      channel: string,
      onMessage: (message: TMessage) => void,
    ) => {
      const listener = (message: JsonObject) => onMessage(message as TMessage);
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return {
        unsubscribe: () =>
          listeners.set(
            channel,
            (listeners.get(channel) ?? []).filter(l => l !== listener),
          ),
      };
    },
  };
  return {
    api,
    publish: (channel: string, message: JsonObject) =>
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
  const apis: Array<readonly [ApiRef<unknown>, Partial<unknown>]> = [
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
    <TestApiProvider apis={apis}>
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
