// The demo backend with a conditional read policy in place of allow-all, for bench/access/run.mjs:
// Nina Petrova (Data) may read everything but what team Payments owns, as an adopter might write it.
import { createBackend } from '@backstage/backend-defaults';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

export const RESTRICTED_USER = 'user:default/nina.petrova';

const notPaymentsPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'bench-not-payments',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(query, user) {
            if (
              user?.info.userEntityRef === RESTRICTED_USER &&
              isPermission(query.permission, catalogEntityReadPermission)
            ) {
              return createCatalogConditionalDecision(query.permission, {
                not: catalogConditions.isEntityOwner({
                  claims: ['group:default/payments'],
                }),
              });
            }
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('../../packages/backend/src/demoSignIn'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(notPaymentsPolicy);
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@lockstep/backstage-plugin-lockstep-backend'));
backend.start();
