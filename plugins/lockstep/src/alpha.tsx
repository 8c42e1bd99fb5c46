import {
  ApiBlueprint,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { compatWrapper } from '@backstage/core-compat-api';
import { lockstepApiFactory } from './api';

/** The backend client, for every Lockstep extension. */
export const lockstepApi = ApiBlueprint.make({
  params: defineParams => defineParams(lockstepApiFactory),
});

const hasDependencies = 'kind:component,api,resource,system';

/** Overview card: direct dependencies and dependents. */
export const dependencyGraphCard = EntityCardBlueprint.make({
  name: 'dependency-graph',
  params: {
    type: 'content',
    filter: hasDependencies,
    loader: () =>
      import('./graph').then(m =>
        compatWrapper(<m.EntityDependencyGraphCard />),
      ),
  },
});

/** The Dependencies tab. */
export const dependenciesContent = EntityContentBlueprint.make({
  name: 'dependencies',
  params: {
    path: '/dependencies',
    title: 'Dependencies',
    filter: hasDependencies,
    loader: () =>
      import('./graph').then(m =>
        compatWrapper(<m.EntityDependenciesContent />),
      ),
  },
});

/**
 * Lockstep for apps on the new frontend system.
 *
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'lockstep',
  info: { packageJson: () => import('../package.json') },
  extensions: [lockstepApi, dependencyGraphCard, dependenciesContent],
});
