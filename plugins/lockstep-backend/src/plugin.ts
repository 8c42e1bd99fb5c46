import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { lockstepReadinessChecksExtensionPoint } from '@lockstep/backstage-plugin-lockstep-node';
import { migrateDatabase } from './database';
import { GraphIndex } from './graph/GraphIndex';
import { GraphService } from './graph/GraphService';
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
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        scheduler: coreServices.scheduler,
      },
      async init(deps) {
        const { config, httpRouter, logger, scheduler } = deps;
        await migrateDatabase(deps.database);

        const graphIndex = new GraphIndex(deps.catalog, deps.auth, logger);
        // Every replica keeps its own index in memory, so the refresh is a local task on each.
        const refreshConfig = config.getOptionalConfig(
          'lockstep.graph.refresh',
        );
        await scheduler.scheduleTask({
          id: 'lockstep-graph-index-refresh',
          scope: 'local',
          ...(refreshConfig
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                refreshConfig,
              )
            : { frequency: { seconds: 30 }, timeout: { minutes: 2 } }),
          initialDelay: { seconds: 0 },
          fn: async () => {
            await graphIndex.refresh();
          },
        });

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            graph: new GraphService(graphIndex, deps.catalog, deps.permissions),
            maxNodesLimit:
              config.getOptionalNumber('lockstep.graph.maxNodesLimit') ?? 5000,
            readinessChecks,
          }),
        );
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
