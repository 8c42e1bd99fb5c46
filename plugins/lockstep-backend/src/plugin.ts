import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { lockstepPermissions } from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepReadinessChecksExtensionPoint } from '@lockstep/backstage-plugin-lockstep-node';
import { CatalogReadAccess } from './access/catalogAccess';
import { CatalogDirectory } from './access/CatalogDirectory';
import { DatabaseReadDecisionStore } from './access/ReadDecisionStore';
import { RecipientAccess } from './access/RecipientAccess';
import { migrateDatabase } from './database';
import { GraphIndex } from './graph/GraphIndex';
import { GraphService } from './graph/GraphService';
import { builtinReadinessChecks } from './readiness/builtinChecks';
import { readReadinessConfig } from './readiness/config';
import { ReadinessCheckRegistry } from './readiness/ReadinessCheckRegistry';
import { ReadinessService } from './readiness/ReadinessService';
import { DatabaseReadinessStore } from './readiness/DatabaseReadinessStore';
import { createRouter } from './router';
import { PolicyService } from './policies/PolicyService';
import { scheduleJobs } from './jobs/LockstepJob';
import { GraphIndexRefreshJob } from './graph/jobs/GraphIndexRefreshJob';
import {
  ReadinessEvaluationJob,
  SignOffExpiryJob,
} from './readiness/jobs/ReadinessJobs';
import { ApprovalDeadlinesJob } from './approvals/jobs/ApprovalDeadlinesJob';
import { ApprovalService } from './approvals/ApprovalService';
import { DatabaseApprovalStore } from './approvals/DatabaseApprovalStore';
import { readApprovalsConfig } from './approvals/config';
import {
  approvalPermissionRules,
  approvalRequestResourceRef,
} from './approvals/permissionRules';

/**
 * The Lockstep backend plugin. Wiring only: services in, routers and tasks out.
 *
 * @public
 */
export const lockstepPlugin = createBackendPlugin({
  pluginId: 'lockstep',
  register(env) {
    const readinessChecks = new ReadinessCheckRegistry();
    readinessChecks.add(...builtinReadinessChecks);
    env.registerExtensionPoint(lockstepReadinessChecksExtensionPoint, {
      addChecks: (...checks) => readinessChecks.add(...checks),
    });

    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        signals: signalsServiceRef,
      },
      async init(deps) {
        const { config, httpRouter, logger, scheduler } = deps;
        // Configuration mistakes stop the backend here, before anything is served.
        const readinessConfig = readReadinessConfig(config, readinessChecks);
        const approvalsConfig = readApprovalsConfig(config);
        const knex = await migrateDatabase(deps.database);
        deps.permissionsRegistry.addPermissions(lockstepPermissions);

        const readDecisions = DatabaseReadDecisionStore.create({ knex });
        const catalogAccess = new CatalogReadAccess(
          deps.catalog,
          deps.permissions,
          { store: readDecisions, logger },
        );
        const graphIndex = new GraphIndex(deps.catalog, deps.auth, logger);

        const directory = new CatalogDirectory({
          auth: deps.auth,
          catalog: deps.catalog,
        });
        const readiness = new ReadinessService({
          auth: deps.auth,
          catalog: deps.catalog,
          permissions: deps.permissions,
          access: catalogAccess,
          directory,
          graphIndex,
          store: DatabaseReadinessStore.create({ knex }),
          config: readinessConfig,
          checks: readinessChecks,
          logger,
          signals: deps.signals,
        });

        const approvalStore = DatabaseApprovalStore.create({ knex });
        deps.permissionsRegistry.addResourceType({
          resourceRef: approvalRequestResourceRef,
          rules: Object.values(approvalPermissionRules),
          getResources: ids =>
            Promise.all(ids.map(id => approvalStore.get(id))),
        });
        const approvals = new ApprovalService({
          auth: deps.auth,
          permissions: deps.permissions,
          access: catalogAccess,
          directory,
          recipients: new RecipientAccess({
            store: readDecisions,
            auth: deps.auth,
            discovery: deps.discovery,
            logger,
            permissionsEnabled:
              config.getOptionalBoolean('permission.enabled') ?? false,
          }),
          readiness,
          store: approvalStore,
          config: approvalsConfig,
          notifications: deps.notifications,
          signals: deps.signals,
          logger,
        });
        const scheduleIn = (key: string) => {
          const configured = config.getOptionalConfig(key);
          return (
            configured &&
            readSchedulerServiceTaskScheduleDefinitionFromConfig(configured)
          );
        };
        await scheduleJobs(scheduler, [
          new GraphIndexRefreshJob(
            graphIndex,
            scheduleIn('lockstep.graph.refresh'),
          ),
          new ReadinessEvaluationJob(
            readiness,
            logger,
            scheduleIn('lockstep.readiness.schedule'),
          ),
          new SignOffExpiryJob(readiness, logger),
          new ApprovalDeadlinesJob(approvals, logger),
        ]);

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            logger,
            graph: new GraphService(graphIndex, catalogAccess),
            maxNodesLimit:
              config.getOptionalNumber('lockstep.graph.maxNodesLimit') ?? 5000,
            readinessChecks,
            readiness,
            approvals,
            policies: new PolicyService({
              catalog: deps.catalog,
              permissions: deps.permissions,
              access: catalogAccess,
              directory,
              profiles: readinessConfig.profiles,
              policies: approvalsConfig.policies,
            }),
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
