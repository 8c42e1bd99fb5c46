import {
  ApiBlueprint,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import { lockstepApiFactory } from './api';

/** The backend client, for every Lockstep extension. */
export const lockstepApi = ApiBlueprint.make({
  params: defineParams => defineParams(lockstepApiFactory),
});

/**
 * Lockstep for apps on the new frontend system.
 *
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'lockstep',
  info: { packageJson: () => import('../package.json') },
  extensions: [lockstepApi],
});
