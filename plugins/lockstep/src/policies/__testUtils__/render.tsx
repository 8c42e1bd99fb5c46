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
import { lockstepApiRef } from '../../api';
import { cartService } from '../../approvals/__testUtils__/fixtures';
import { policiesRouteRef } from '../../routes';

/**
 * Renders `element` in a test app as rachel.cohen with the given Lockstep API, on cart-service's
 * page when `entity` is set, with the Policies page mounted unless `policiesPage` is false.
 */
export function renderPolicies(
  element: ReactElement,
  options: { api: LockstepApi; entity?: boolean; policiesPage?: boolean },
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
  return renderInTestApp(
    <TestApiProvider apis={apis}>
      {options.entity ? (
        <EntityProvider entity={cartService}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(options.policiesPage !== false && {
          '/lockstep/policies': policiesRouteRef,
        }),
      },
    },
  );
}
