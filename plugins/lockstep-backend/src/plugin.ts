import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { lockstepReadinessChecksExtensionPoint } from '@lockstep/backstage-plugin-lockstep-node';
import { migrateDatabase } from './database';
import { ReadinessCheckRegistry } from './readiness/ReadinessCheckRegistry';
import { createRouter } from './router';

/**
 * The Lockstep backend plugin. Wiring only: services in, routers and tasks out.
 *
 * @public
 */
export const lockstepPlugin = createBackendPlugin({
  pluginId: 'lockstep',
  register(env) {
    const readinessChecks = new ReadinessCheckRegistry();
    env.registerExtensionPoint(lockstepReadinessChecksExtensionPoint, {
      addChecks: (...checks) => readinessChecks.add(...checks),
    });

    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ database, httpRouter, logger }) {
        await migrateDatabase(database);
        httpRouter.use(await createRouter({ readinessChecks }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info(
          `Lockstep is ready with ${
            readinessChecks.list().length
          } readiness check types`,
        );
      },
    });
  },
});
