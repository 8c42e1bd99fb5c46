import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type express from 'express';
import { approvalRoutes } from './approvals/router';
import { ApprovalService } from './approvals/ApprovalService';
import { graphRoutes } from './graph/router';
import { GraphService } from './graph/GraphService';
import { errorResponses, unknownRoute } from './http/errorResponses';
import { callersOf } from './http/requestParts';
import { readinessRoutes } from './readiness/router';
import { ReadinessCheckRegistry } from './readiness/ReadinessCheckRegistry';
import { ReadinessService } from './readiness/ReadinessService';
import { policyRoutes } from './policies/router';
import { PolicyService } from './policies/PolicyService';
import { createOpenApiRouter } from './schema';

/**
 * The HTTP routes of the plugin, mounted at /api/lockstep: one router per capability on the
 * contract of `schema/openapi.yaml`, then one answer for unknown routes and one shape for errors.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  logger: LoggerService;
  graph: GraphService;
  maxNodesLimit: number;
  readinessChecks: ReadinessCheckRegistry;
  readiness: ReadinessService;
  approvals: ApprovalService;
  policies: PolicyService;
}): Promise<express.Router> {
  const { router, api } = createOpenApiRouter();
  const callers = callersOf(options.httpAuth);

  api.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  graphRoutes(api, { ...options, callers });
  readinessRoutes(api, { ...options, callers });
  approvalRoutes(api, { ...options, callers });
  policyRoutes(api, { ...options, callers });

  router.use(unknownRoute);
  router.use(errorResponses(options.logger));
  return router;
}
