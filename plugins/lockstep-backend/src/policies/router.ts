import type { LockstepApiRouter } from '../schema';
import { Callers, entityRefOf, text } from '../http/requestParts';
import { PolicyService } from './PolicyService';

/**
 * `/policies…`: the readiness profiles and approval policies in force, and which apply to an
 * entity, with a dry run of a request. Read-only; any caller, answered as that caller may read.
 */
export function policyRoutes(
  api: LockstepApiRouter,
  deps: { callers: Callers; policies: PolicyService },
) {
  const { callers, policies } = deps;

  api.get('/policies', async (req, res) => {
    res.json(await policies.overview(await callers.anyone(req)));
  });

  api.get('/policies/:kind/:namespace/:name', async (req, res) => {
    const credentials = await callers.anyone(req);
    res.json(
      await policies.forEntity(
        entityRefOf(req.params),
        text(req.query.environment),
        credentials,
      ),
    );
  });
}
