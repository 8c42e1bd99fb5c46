import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import demoSignIn from './demoSignIn';

// The demo backend as `npm start` runs it: the real catalog loading examples/, the real auth backend
// with the demo sign-in, and real token verification (no mock credentials anywhere).
const repoRoot = path.resolve(__dirname, '../../..');
const sampleFiles = ['org', 'systems', 'components', 'apis', 'resources'].map(
  name => path.join(repoRoot, 'examples', `${name}.yaml`),
);

async function startDemoBackend(providers: Record<string, object | null>) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      demoSignIn,
      catalogPlugin,
      authServiceFactory,
      httpAuthServiceFactory,
      userInfoServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: { baseUrl: 'http://localhost:7007' },
          auth: { providers },
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
            locations: sampleFiles.map(target => ({ type: 'file', target })),
          },
        },
      }),
    ],
  });
  return server;
}

async function signIn(
  server: Awaited<ReturnType<typeof startDemoBackend>>,
  user?: string,
) {
  const url =
    user === undefined
      ? '/api/auth/demo/refresh'
      : `/api/auth/demo/refresh?user=${encodeURIComponent(user)}`;
  return request(server).get(url).set('X-Requested-With', 'XMLHttpRequest');
}

/** Waits for the catalog to finish processing the sample files, then returns every entity. */
async function loadedCatalog(
  server: Awaited<ReturnType<typeof startDemoBackend>>,
): Promise<Entity[]> {
  const token = (await signIn(server, 'user:default/grace.kim')).body
    .backstageIdentity?.token;
  let entities: Entity[] = [];
  for (let attempt = 0; attempt < 60; attempt++) {
    if (token) {
      const response = await request(server)
        .get('/api/catalog/entities')
        .set('Authorization', `Bearer ${token}`);
      entities = response.body;
      const components = entities.filter(e => e.kind === 'Component');
      if (components.length >= 30 && entities.every(e => e.relations))
        return entities;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
    if (!token) return loadedCatalog(server);
  }
  return entities;
}

function refsOf(entities: Entity[], kind: string) {
  return entities.filter(e => e.kind === kind).map(e => stringifyEntityRef(e));
}

function dependsOn(entities: Entity[]): Map<string, string[]> {
  return new Map(
    entities.map(e => [
      stringifyEntityRef(e),
      (e.relations ?? [])
        .filter(r => r.type === 'dependsOn')
        .map(r => r.targetRef),
    ]),
  );
}

function longestChain(
  graph: Map<string, string[]>,
  from: string,
  seen = new Set<string>(),
): number {
  if (seen.has(from)) return 0;
  const next = graph.get(from) ?? [];
  const nextSeen = new Set(seen).add(from);
  return 1 + Math.max(0, ...next.map(n => longestChain(graph, n, nextSeen)));
}

describe('demo backend', () => {
  let server: Awaited<ReturnType<typeof startDemoBackend>>;
  let entities: Entity[];

  beforeAll(async () => {
    server = await startDemoBackend({ guest: {}, demo: {} });
    entities = await loadedCatalog(server);
  }, 60_000);

  it('loads the Brightcart sample catalog completely', () => {
    expect(refsOf(entities, 'Component').length).toBeGreaterThanOrEqual(25);
    expect(refsOf(entities, 'API').length).toBeGreaterThanOrEqual(10);
    expect(refsOf(entities, 'System').length).toBeGreaterThanOrEqual(3);
    expect(refsOf(entities, 'Domain').length).toBeGreaterThanOrEqual(1);
    expect(refsOf(entities, 'Resource').length).toBeGreaterThan(0);
    expect(refsOf(entities, 'User').length).toBeGreaterThanOrEqual(15);
    const teams = entities.filter(
      e => e.kind === 'Group' && e.spec?.type === 'team',
    );
    expect(teams.map(t => t.metadata.name).sort()).toEqual([
      'checkout',
      'data',
      'payments',
      'platform-sre',
      'product',
      'security',
      'storefront',
    ]);
    const lifecycles = new Set(
      entities.filter(e => e.kind === 'Component').map(e => e.spec?.lifecycle),
    );
    expect(lifecycles).toEqual(new Set(['production', 'experimental']));
  });

  it('has the dependency shapes Lockstep must handle: a deep chain, a diamond, a cycle and a missing entity', () => {
    const graph = dependsOn(entities);
    expect(
      longestChain(graph, 'component:default/web-storefront'),
    ).toBeGreaterThanOrEqual(5);

    // diamond: storefront-bff reaches event-bus through two different services
    const bff = graph.get('component:default/storefront-bff')!;
    const viaEventBus = bff.filter(ref =>
      graph.get(ref)?.includes('resource:default/event-bus'),
    );
    expect(viaEventBus.length).toBeGreaterThanOrEqual(2);

    // cycle
    expect(graph.get('component:default/payment-gateway')).toContain(
      'component:default/fraud-service',
    );
    expect(graph.get('component:default/fraud-service')).toContain(
      'component:default/payment-gateway',
    );

    // a dependency on an entity the catalog does not have
    const known = new Set(entities.map(e => stringifyEntityRef(e)));
    const dangling = [...graph.values()].flat().filter(ref => !known.has(ref));
    expect(dangling).toEqual(['component:default/bank-connector']);
  });

  it('wires APIs both ways', () => {
    const checkout = entities.find(
      e => e.metadata.name === 'checkout-service',
    )!;
    const consumed = checkout
      .relations!.filter(r => r.type === 'consumesApi')
      .map(r => r.targetRef);
    expect(consumed).toContain('api:default/payments-api');
    const paymentsApi = entities.find(
      e => e.kind === 'API' && e.metadata.name === 'payments-api',
    )!;
    expect(paymentsApi.relations).toContainEqual({
      type: 'apiProvidedBy',
      targetRef: 'component:default/payment-gateway',
    });
  });

  it('signs in as a catalog user with memberships resolved, and the catalog accepts the token', async () => {
    const response = await signIn(server, 'user:default/aisha.khan');
    expect(response.status).toBe(200);
    const { token, identity } = response.body.backstageIdentity;
    expect(identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/aisha.khan',
      ownershipEntityRefs: expect.arrayContaining([
        'user:default/aisha.khan',
        'group:default/platform-sre',
        'group:default/security',
      ]),
    });
    expect(response.body.profile.displayName).toBe('Aisha Khan');

    const catalogAnswer = await request(server)
      .get('/api/catalog/entities/by-name/component/default/cart-service')
      .set('Authorization', `Bearer ${token}`);
    expect(catalogAnswer.status).toBe(200);
    const forged = await request(server)
      .get('/api/catalog/entities/by-name/component/default/cart-service')
      .set('Authorization', `Bearer ${token.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);
  });

  it('refuses unknown users and malformed requests clearly', async () => {
    const unknown = await signIn(server, 'user:default/nobody');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(
      /No User 'user:default\/nobody' in the catalog/,
    );

    const missing = await signIn(server);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(
      /needs a 'user' query parameter/,
    );

    const group = await signIn(server, 'group:default/payments');
    expect(group.status).toBe(400);
  });
});

describe('demo sign-in outside development', () => {
  const readConfig = (file: string) => ({
    context: file,
    data: parseYaml(fs.readFileSync(path.join(repoRoot, file), 'utf8')),
  });

  it('is enabled by app-config.yaml and removed by app-config.production.yaml', () => {
    const local = ConfigReader.fromConfigs([readConfig('app-config.yaml')]);
    const production = ConfigReader.fromConfigs([
      readConfig('app-config.yaml'),
      readConfig('app-config.production.yaml'),
    ]);
    expect(local.has('auth.providers.demo')).toBe(true);
    expect(production.has('auth.providers.demo')).toBe(false);
  });

  it('answers 404 when it is not configured', async () => {
    const server = await startDemoBackend({ guest: {}, demo: null });
    const response = await signIn(server, 'user:default/aisha.khan');
    expect(response.status).toBe(404);
    expect(response.body.error.message).toMatch(/'demo'/);
  });
});
