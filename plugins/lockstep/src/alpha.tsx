import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { lockstepApiFactory } from './api';
import { PendingApprovalsIcon } from './approvals/PendingApprovalsIcon';
import { myApprovalsRouteRef, readinessBoardRouteRef } from './routes';

export { lockstepTranslationRef } from './translation';

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

/** Overview card: readiness status and why, gates by team, sign-off, blockers, history. */
export const readinessCard = EntityCardBlueprint.make({
  name: 'readiness',
  params: {
    type: 'content',
    filter: hasDependencies,
    loader: () =>
      import('./readiness').then(m => compatWrapper(<m.EntityReadinessCard />)),
  },
});

/** The readiness board page; its title and icon put it in the sidebar. */
export const readinessBoardPage = PageBlueprint.make({
  name: 'readiness',
  params: {
    path: '/lockstep/readiness',
    routeRef: convertLegacyRouteRef(readinessBoardRouteRef),
    title: 'Readiness',
    icon: <AssignmentTurnedInIcon />,
    loader: () =>
      import('./readiness').then(m =>
        compatWrapper(<m.ReadinessBoardContent />),
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

/** The Approvals tab: the entity's requests, asking for approval, `?request=<id>` opens one. */
export const approvalsContent = EntityContentBlueprint.make({
  name: 'approvals',
  params: {
    path: '/approvals',
    title: 'Approvals',
    filter: hasDependencies,
    loader: () =>
      import('./approvals').then(m =>
        compatWrapper(<m.EntityApprovalsContent />),
      ),
  },
});

/**
 * The requests waiting for the signed-in user. Its title and icon put it in the sidebar; the icon
 * carries a badge with the number waiting.
 */
export const myApprovalsPage = PageBlueprint.make({
  name: 'approvals',
  params: {
    path: '/lockstep/approvals',
    routeRef: convertLegacyRouteRef(myApprovalsRouteRef),
    title: 'My approvals',
    icon: <PendingApprovalsIcon />,
    loader: () =>
      import('./approvals').then(m => compatWrapper(<m.MyApprovalsContent />)),
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
  routes: {
    readinessBoard: convertLegacyRouteRef(readinessBoardRouteRef),
    myApprovals: convertLegacyRouteRef(myApprovalsRouteRef),
  },
  extensions: [
    lockstepApi,
    readinessCard,
    dependencyGraphCard,
    dependenciesContent,
    readinessBoardPage,
    approvalsContent,
    myApprovalsPage,
  ],
});
