import { createPlugin } from '@backstage/core-plugin-api';
import { lockstepApiFactory } from './api';

/**
 * Lockstep for apps on the legacy frontend system.
 *
 * @public
 */
export const lockstepPlugin = createPlugin({
  id: 'lockstep',
  apis: [lockstepApiFactory],
});
