import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express, { type Router } from 'express';
import PromiseRouter from 'express-promise-router';
import fs from 'node:fs';
import { parse } from 'yaml';
import { strictInput } from '../http/strictInput';

/**
 * Room for the readiness statuses of a large graph (up to 10,000 entity refs); express's default of
 * 100 KB holds about 3,000. A larger body is a 413.
 */
const BODY_LIMIT = '1mb';

/**
 * The plugin's HTTP contract, `openapi.yaml` beside this file. The router built from it parses JSON
 * bodies (413 over the limit), refuses what no route accepts (`strictInput`), then rejects requests
 * that break the contract (unknown query parameters, wrong types, out-of-range numbers) with a 400
 * naming the parameter, and serves the spec at /openapi.json.
 */
export function createOpenApiRouter(): Router {
  const specPath = resolvePackagePath(
    '@lockstep/backstage-plugin-lockstep-backend',
    'src/schema/openapi.yaml',
  );
  const spec = parse(fs.readFileSync(specPath, 'utf8'));
  const router = PromiseRouter();
  // Parsed here, ahead of the validator, so that its errors keep their status (413) and bodies are
  // checked before validation; the validated router then finds the body parsed.
  router.use(express.json({ limit: BODY_LIMIT }));
  router.use(strictInput(spec));
  // Loaded at run time, the spec gives no static route types; the handlers are plain Express.
  router.use(
    createValidatedOpenApiRouter(spec, {
      middleware: [express.json({ limit: BODY_LIMIT })],
    }) as unknown as Router,
  );
  return router;
}
