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
import PolicyIcon from '@material-ui/icons/Policy';
import { lockstepApiFactory } from './api';
import { PendingApprovalsIcon } from './approvals/PendingApprovalsIcon';
import {
  myApprovalsRouteRef,
  policiesRouteRef,
  readinessBoardRouteRef,
} from './routes';

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
 * Overview card "Rules that apply": the readiness profile and why, and per environment the policy
 * that would decide a request and who would approve in which order. Links to the Policies page.
 */
export const policiesCard = EntityCardBlueprint.make({
  name: 'policies',
  params: {
    type: 'content',
    filter: { kind: { $in: ['component', 'api', 'resource', 'system'] } },
    loader: () =>
      import('./policies').then(m => compatWrapper(<m.EntityPoliciesCard />)),
  },
});

/**
 * The readiness profiles and approval policies in force, in the order they are tried; its title
 * and icon put it in the sidebar.
 */
export const policiesPage = PageBlueprint.make({
  name: 'policies',
  params: {
    path: '/lockstep/policies',
    routeRef: convertLegacyRouteRef(policiesRouteRef),
    title: 'Policies',
    icon: <PolicyIcon />,
    loader: () =>
      import('./policies').then(m => compatWrapper(<m.PoliciesContent />)),
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
    policies: convertLegacyRouteRef(policiesRouteRef),
  },
  extensions: [
    lockstepApi,
    readinessCard,
    dependencyGraphCard,
    dependenciesContent,
    readinessBoardPage,
    approvalsContent,
    myApprovalsPage,
    policiesCard,
    policiesPage,
  ],
});
