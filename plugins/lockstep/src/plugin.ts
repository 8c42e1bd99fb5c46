import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { lockstepApiFactory } from './api';
import {
  myApprovalsRouteRef,
  policiesRouteRef,
  readinessBoardRouteRef,
} from './routes';

/**
 * Lockstep for apps on the legacy frontend system.
 *
 * @public
 */
export const lockstepPlugin = createPlugin({
  id: 'lockstep',
  apis: [lockstepApiFactory],
  routes: {
    readinessBoard: readinessBoardRouteRef,
    myApprovals: myApprovalsRouteRef,
    policies: policiesRouteRef,
  },
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

/**
 * Overview card: the entity's readiness status and why, its gates by owning team with sign-off and
 * revocation for team members, what blocks it upstream, a refresh and the history.
 *
 * @public
 */
export const EntityReadinessCard = lockstepPlugin.provide(
  createComponentExtension({
    name: 'EntityReadinessCard',
    component: {
      lazy: () => import('./readiness').then(m => m.EntityReadinessCard),
    },
  }),
);

/**
 * The readiness board: entities by team or system, a matrix of their gates by owning team, oldest
 * wait first. Mount it as `<Route path="/lockstep/readiness" element={<ReadinessBoardPage />} />`.
 *
 * @public
 */
export const ReadinessBoardPage = lockstepPlugin.provide(
  createRoutableExtension({
    name: 'ReadinessBoardPage',
    component: () => import('./readiness').then(m => m.ReadinessBoardPage),
    mountPoint: readinessBoardRouteRef,
  }),
);

/**
 * The Approvals tab: the entity's release and change requests, open first, with a Request approval
 * dialog and a drawer for one request (`?request=<id>`, where notifications link). Mount it as
 * `<EntityLayout.Route path="/approvals" title="Approvals">`.
 *
 * @public
 */
export const EntityApprovalsContent = lockstepPlugin.provide(
  createComponentExtension({
    name: 'EntityApprovalsContent',
    component: {
      lazy: () => import('./approvals').then(m => m.EntityApprovalsContent),
    },
  }),
);

/**
 * The requests waiting for the signed-in user's decision, the longest wait first, with Approve and
 * Reject. Mount it as `<Route path="/lockstep/approvals" element={<MyApprovalsPage />} />`; for the
 * sidebar, `PendingApprovalsIcon` shows the number waiting as a badge.
 *
 * @public
 */
export const MyApprovalsPage = lockstepPlugin.provide(
  createRoutableExtension({
    name: 'MyApprovalsPage',
    component: () => import('./approvals').then(m => m.MyApprovalsPage),
    mountPoint: myApprovalsRouteRef,
  }),
);

/**
 * The readiness profiles and approval policies in force, in the order they are tried: what each
 * applies to now, its gates or its stages of approvers. Mount it as
 * `<Route path="/lockstep/policies" element={<PoliciesPage />} />`.
 *
 * @public
 */
export const PoliciesPage = lockstepPlugin.provide(
  createRoutableExtension({
    name: 'PoliciesPage',
    component: () => import('./policies').then(m => m.PoliciesPage),
    mountPoint: policiesRouteRef,
  }),
);

/**
 * Overview card "Rules that apply": the entity's readiness profile and why, and for every
 * environment a policy names, the policy that would decide a request by the viewer, who would
 * approve in which order and what the entity's annotation added. Links to `PoliciesPage` where the
 * app mounts it.
 *
 * @public
 */
export const EntityPoliciesCard = lockstepPlugin.provide(
  createComponentExtension({
    name: 'EntityPoliciesCard',
    component: {
      lazy: () => import('./policies').then(m => m.EntityPoliciesCard),
    },
  }),
);
