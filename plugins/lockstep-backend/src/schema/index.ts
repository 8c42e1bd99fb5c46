import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express, { type Router } from 'express';
import fs from 'node:fs';
import { parse } from 'yaml';

/**
 * The plugin's HTTP contract, `openapi.yaml` beside this file. The router built from it rejects
 * requests that break the contract (unknown query parameters, wrong types, out-of-range numbers)
 * with a 400 naming the parameter, and serves the spec at /openapi.json.
 */
export function createOpenApiRouter(): Router {
  const specPath = resolvePackagePath(
    '@lockstep/backstage-plugin-lockstep-backend',
    'src/schema/openapi.yaml',
  );
  // Loaded at run time, the spec gives no static route types; the handlers are plain Express.
  return createValidatedOpenApiRouter(
    parse(fs.readFileSync(specPath, 'utf8')),
    {
      // Room for the readiness statuses of a large graph (up to 10,000 entity refs); express's
      // default of 100 KB holds about 3,000.
      middleware: [express.json({ limit: '1mb' })],
    },
  ) as unknown as Router;
}
