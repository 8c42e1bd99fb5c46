import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';
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

/**
 * Overview card: the entity's direct dependencies and dependents, linking to the Dependencies tab.
 *
 * @public
 */
export const EntityDependencyGraphCard = lockstepPlugin.provide(
  createComponentExtension({
    name: 'EntityDependencyGraphCard',
    component: {
      lazy: () => import('./graph').then(m => m.EntityDependencyGraphCard),
    },
  }),
);

/**
 * The Dependencies tab: upstream, downstream, filters, search, table view and export. Mount it as
 * `<EntityLayout.Route path="/dependencies" title="Dependencies">`.
 *
 * @public
 */
export const EntityDependenciesContent = lockstepPlugin.provide(
  createComponentExtension({
    name: 'EntityDependenciesContent',
    component: {
      lazy: () => import('./graph').then(m => m.EntityDependenciesContent),
    },
  }),
);
