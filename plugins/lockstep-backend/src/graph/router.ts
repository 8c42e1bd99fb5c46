import type { LockstepApiRouter } from '../schema';
import type { Callers } from '../http/requestParts';
import { GraphService } from './GraphService';
import { parseGraphRequest } from './parseGraphRequest';
import { sendJson } from './sendJson';

/** `GET /graph`: the dependency graph around an entity, as the caller may read it. */
export function graphRoutes(
  api: LockstepApiRouter,
  deps: { callers: Callers; graph: GraphService; maxNodesLimit: number },
) {
  const { callers, graph, maxNodesLimit } = deps;
  api.get('/graph', async (req, res) => {
    const credentials = await callers.anyone(req);
    const request = parseGraphRequest(req.query, maxNodesLimit);
    await sendJson(req, res, await graph.getGraph(request, credentials));
  });
}
