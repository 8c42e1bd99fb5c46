import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import authPlugin from '@backstage/plugin-auth-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PolicyQuery } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { testTokensModule } from './testTokens';

/**
 * Real tokens and real permission checks end to end, under `policy`: the catalog, the permission
 * backend and Lockstep all see the same on-behalf-of credentials as in production.
 */
export function withRealPermissions(policy: BackendFeature): BackendFeature[] {
  return [
    authPlugin,
    testTokensModule,
    authServiceFactory,
    httpAuthServiceFactory,
    userInfoServiceFactory,
    permissionPlugin,
    policy,
    permissionsServiceFactory,
  ];
}

/**
 * A real permission policy for the real permission backend, written as an adopter would:
 * `decide` answers for the user ref it is given, and everything it leaves undecided is allowed.
 */
export function testPolicy(
  moduleId: string,
  decide: (query: PolicyQuery, user?: string) => PolicyDecision | undefined,
) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy }) {
          policy.setPolicy({
            async handle(query, user) {
              return (
                decide(query, user?.info.userEntityRef) ?? {
                  result: AuthorizeResult.ALLOW,
                }
              );
            },
          });
        },
      });
    },
  });
}

/** The catalog decision of someone who may read `catalog.entity.read` except where `not` holds. */
export function catalogReadExcept(
  query: PolicyQuery,
  not:
    | { ownedBy: string }
    | {
        kind: string;
      },
): PolicyDecision | undefined {
  if (!isPermission(query.permission, catalogEntityReadPermission))
    return undefined;
  return createCatalogConditionalDecision(query.permission, {
    not:
      'ownedBy' in not
        ? catalogConditions.isEntityOwner({ claims: [not.ownedBy] })
        : catalogConditions.isEntityKind({ kinds: [not.kind] }),
  });
}
