/**
 * Lockstep for the Backstage catalog. The default export of `./alpha` is the plugin for the new
 * frontend system; this entry point serves apps on the legacy frontend system.
 *
 * @packageDocumentation
 */
export {
  lockstepPlugin,
  EntityDependencyGraphCard,
  EntityDependenciesContent,
  EntityReadinessCard,
  ReadinessBoardPage,
  EntityApprovalsContent,
  MyApprovalsPage,
  PoliciesPage,
  EntityPoliciesCard,
} from './plugin';
export { lockstepApiRef } from './api';
export {
  myApprovalsRouteRef,
  policiesRouteRef,
  readinessBoardRouteRef,
} from './routes';
export { PendingApprovalsIcon } from './approvals/PendingApprovalsIcon';
