import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import type { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { lockstepPlugin } from '../plugin';

const examples = path.resolve(__dirname, '../../../../examples');

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
  } = {},
) {
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      lockstepPlugin,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: { baseUrl: 'http://localhost:7007' },
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
            locations: [
              'org',
              'systems',
              'components',
              'apis',
              'resources',
            ].map(name => ({
              type: 'file',
              target: path.join(examples, `${name}.yaml`),
            })),
          },
          lockstep: {
            graph: {
              refresh: { frequency: { seconds: 1 }, timeout: { seconds: 30 } },
            },
          },
        },
      }),
      ...(options.features ?? []),
    ],
  });
  const server = backend.server;
  const admin = options.authorization
    ? await options.authorization(server)
    : mockCredentials.service.header();

  // The catalog has processed everything once every entity carries its relations.
  let entities: Entity[] = [];
  for (let attempt = 0; attempt < 120; attempt++) {
    const response = await request(server)
      .get('/api/catalog/entities')
      .set('Authorization', admin);
    entities = response.body;
    if (
      entities.filter(e => e.kind === 'Component').length >= 30 &&
      entities.every(e => e.relations)
    )
      break;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  // The graph index has caught up once it has read the catalog after that.
  const caughtUp = Date.now();
  for (let attempt = 0; attempt < 120; attempt++) {
    const response = await request(server)
      .get('/api/lockstep/graph?entityRef=component:default/web-storefront')
      .set('Authorization', admin);
    if (
      response.status === 200 &&
      Date.parse(response.body.indexedAt) >= caughtUp
    )
      break;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  return { backend, server, entities };
}
