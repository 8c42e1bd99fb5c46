import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { GraphService } from './graph/GraphService';
import { parseGraphRequest } from './graph/parseGraphRequest';
import { ReadinessCheckRegistry } from './readiness/ReadinessCheckRegistry';
import { createOpenApiRouter } from './schema';

/** The HTTP routes of the plugin, mounted at /api/lockstep; `schema/openapi.yaml` describes them. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  graph: GraphService;
  maxNodesLimit: number;
  readinessChecks: ReadinessCheckRegistry;
}): Promise<express.Router> {
  const { httpAuth, graph, maxNodesLimit, readinessChecks } = options;
  const router = createOpenApiRouter();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/graph', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const request = parseGraphRequest(req.query, maxNodesLimit);
    res.json(await graph.getGraph(request, credentials));
  });

  router.get('/readiness/check-types', (_req, res) => {
    res.json({
      items: readinessChecks
        .list()
        .map(({ type, description }) => ({ type, description })),
    });
  });

  return router;
}
