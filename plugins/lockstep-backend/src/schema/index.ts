import {
  createValidatedOpenApiRouterFromGeneratedEndpointMap,
  type TypedRouter,
} from '@backstage/backend-openapi-utils';
import express from 'express';
import PromiseRouter from 'express-promise-router';
import { strictInput } from '../http/strictInput';
import type { LockstepEndpoints } from './endpoints';
import { spec } from './openapi.generated';

export { spec };

/** The router every capability's routes are registered on: typed by the spec, checked against it. */
export type LockstepApiRouter = TypedRouter<LockstepEndpoints>;

/**
 * Room for the readiness statuses of a large graph (up to 10,000 entity refs); express's default of
 * 100 KB holds about 3,000. A larger body is a 413.
 */
const BODY_LIMIT = '1mb';

/**
 * The plugin's HTTP contract, `openapi.yaml` beside this file (generated into `openapi.generated.ts`).
 * The router built from it parses JSON bodies (413 over the limit), refuses what no route accepts
 * (`strictInput`), then rejects requests that break the contract (unknown query parameters, wrong
 * types, out-of-range numbers) with a 400 naming the parameter, and serves the spec at /openapi.json.
 */
export function createOpenApiRouter(): {
  router: express.Router;
  api: LockstepApiRouter;
} {
  const router = PromiseRouter();
  // Parsed here, ahead of the validator, so that its errors keep their status (413) and bodies are
  // checked before validation; the validated router then finds the body parsed.
  router.use(express.json({ limit: BODY_LIMIT }));
  router.use(strictInput(spec));
  const api =
    createValidatedOpenApiRouterFromGeneratedEndpointMap<LockstepEndpoints>(
      spec,
      { middleware: [express.json({ limit: BODY_LIMIT })] },
    );
  router.use(api);
  return { router, api };
}
