import {
  createApiFactory,
  createApiRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  LockstepApi,
  LockstepClient,
} from '@lockstep/backstage-plugin-lockstep-common';

/**
 * The Lockstep backend client, available to components through `useApi(lockstepApiRef)`.
 *
 * @public
 */
export const lockstepApiRef = createApiRef<LockstepApi>({
  id: 'plugin.lockstep.client',
});

/** One factory for both frontend systems: the backend client with the signed-in user's token. */
export const lockstepApiFactory = createApiFactory({
  api: lockstepApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    new LockstepClient({ discoveryApi, fetchApi }),
});
