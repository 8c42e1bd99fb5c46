import {
  BackendFeature,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { JsonObject } from '@backstage/types';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { lockstepPlugin } from '../plugin';

const repoRoot = path.resolve(__dirname, '../../../..');
const examples = path.join(repoRoot, 'examples');

/** Lockstep's settings in the demo app, from the repository's app-config.yaml. */
export const sampleLockstepConfig = (): Record<string, any> =>
  parse(fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'))
    .lockstep;

/** The readiness profiles the demo app ships. */
export const sampleReadinessConfig = (): Record<string, unknown> =>
  sampleLockstepConfig().readiness;

/**
 * Lockstep's database is the given one (SQLite or PostgreSQL from TestDatabases); every other plugin
 * gets a private in-memory SQLite, so that their migrations never share a table with Lockstep's.
 */
function databasesWithLockstepOn(lockstepKnex: Knex) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }) {
      const client =
        plugin.getId() === 'lockstep'
          ? lockstepKnex
          : knexFactory({
              client: 'better-sqlite3',
              connection: ':memory:',
              useNullAsDefault: true,
            });
      return { getClient: async () => client };
    },
  });
}

/**
 * Starts a test backend with the real catalog loading the Brightcart sample catalog (examples/) and
 * Lockstep refreshing its graph index every second; resolves once both have all of it. With
 * `permissions`, the permission framework is enabled (bring the permission backend and a policy).
 */
export async function startSampleCatalogBackend(
  options: {
    features?: BackendFeature[];
    permissions?: boolean;
    /** The Authorization header for the readiness polls; a mock service token by default. */
    authorization?: (server: Server) => Promise<string>;
    /** Lockstep's database; an in-memory SQLite by default. */
    lockstepDatabase?: Knex;
    /** `lockstep.readiness`; the demo app's profiles by default. */
    readiness?: Record<string, unknown>;
    /** `lockstep.approvals`; the demo app's policies by default. */
    approvals?: Record<string, unknown>;
    /** `backend.auth.externalAccess`, for static tokens (needs the real auth services). */
    externalAccess?: JsonObject[];
    /** More catalog files (YAML) to load after the sample. */
    extraLocations?: string[];
  } = {},
) {
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      lockstepPlugin,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: {
            baseUrl: 'http://localhost:7007',
            ...(options.externalAccess && {
              auth: { externalAccess: options.externalAccess },
            }),
          },
          permission: { enabled: options.permissions },
          auth: { providers: { 'test-token': {} } },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'API',
                  'Resource',
                  'Location',
                  'Domain',
                  'Group',
                  'User',
                ],
              },
            ],
            locations: ['org', 'systems', 'components', 'apis', 'resources']
              .map(name => path.join(examples, `${name}.yaml`))
              .concat(options.extraLocations ?? [])
              .map(target => ({ type: 'file', target })),
          },
          lockstep: {
            graph: {
              refresh: { frequency: { seconds: 1 }, timeout: { seconds: 30 } },
            },
            readiness: (options.readiness ??
              sampleReadinessConfig()) as JsonObject,
            approvals: (options.approvals ??
              sampleLockstepConfig().approvals) as JsonObject,
          },
        },
      }),
      ...(options.lockstepDatabase
        ? [databasesWithLockstepOn(options.lockstepDatabase)]
        : []),
      ...(options.features ?? []),
    ],
  });
  const server = backend.server;
  const admin = options.authorization
    ? await options.authorization(server)
    : mockCredentials.service.header();

  // Waits for a condition, and fails loudly rather than letting a test run on half a catalog.
  const waitUntil = async (what: string, done: () => Promise<boolean>) => {
    const deadline = Date.now() + 120_000;
    while (!(await done())) {
      if (Date.now() > deadline) {
        throw new Error(`The test backend did not get ready: ${what}`);
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  };

  // The catalog has processed everything once every entity carries its relations.
  let entities: Entity[] = [];
  await waitUntil('the catalog has not processed the sample', async () => {
    const response = await request(server)
      .get('/api/catalog/entities')
      .set('Authorization', admin);
    entities = response.body;
    return (
      entities.filter(e => e.kind === 'Component').length >= 31 &&
      entities.every(e => e.relations) &&
      // memberships are stitched from both sides; every sample person is in a team
      entities
        .filter(e => e.kind === 'User')
        .every(e => e.relations!.some(r => r.type === 'memberOf'))
    );
  });
  // The graph index has caught up once it has read the catalog after that.
  const caughtUp = Date.now();
  await waitUntil('the graph index has not read the catalog', async () => {
    const response = await request(server)
      .get('/api/lockstep/graph?entityRef=component:default/web-storefront')
      .set('Authorization', admin);
    return (
      response.status === 200 && Date.parse(response.body.indexedAt) >= caughtUp
    );
  });
  return { backend, server, entities };
}
