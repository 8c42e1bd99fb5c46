import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { expectedGraph } from '../__testUtils__/expectedGraph';
import { startSampleCatalogBackend } from '../__testUtils__/sampleCatalog';

type Server = Awaited<ReturnType<typeof startSampleCatalogBackend>>['server'];

async function graph(
  server: Server,
  query: string,
  auth = mockCredentials.user.header('user:default/tom.nguyen'),
) {
  return request(server)
    .get(`/api/lockstep/graph?${query}`)
    .set('Authorization', auth);
}

describe('GET /api/lockstep/graph on the sample catalog', () => {
  let server: Server;
  let entities: Entity[];

  beforeAll(async () => {
    ({ server, entities } = await startSampleCatalogBackend());
  }, 300_000);

  it.each([
    ['component:default/web-storefront', 'upstream'],
    ['component:default/payment-gateway', 'upstream'],
    ['component:default/payouts-service', 'upstream'],
    ['resource:default/event-bus', 'downstream'],
    ['component:default/ledger-service', 'downstream'],
    ['api:default/identity-api', 'downstream'],
  ] as const)(
    'matches the catalog exactly for %s %s at unlimited depth',
    async (root, direction) => {
      const response = await graph(
        server,
        `entityRef=${root}&direction=${direction}&depth=0`,
      );
      expect(response.status).toBe(200);
      const expected = expectedGraph(entities, root, direction);
      expect(
        response.body.nodes
          .map((n: { entityRef: string }) => n.entityRef)
          .sort(),
      ).toEqual(expected.nodes);
      expect(
        response.body.edges
          .map(
            (e: { source: string; target: string }) =>
              `${e.source} ${e.target}`,
          )
          .sort(),
      ).toEqual(expected.edges);
      expect(response.body.truncated).toBe(false);
      expect(response.body.root).toBe(root);
    },
  );

  it('reports the cycle through payment-gateway and fraud-service', async () => {
    const response = await graph(
      server,
      'entityRef=component:default/payment-gateway&depth=0',
    );
    // gateway consumes fraud-api, provided by fraud-service, which depends on gateway again
    expect(response.body.cycles.map((c: string[]) => [...c].sort())).toEqual([
      [
        'api:default/fraud-api',
        'component:default/fraud-service',
        'component:default/payment-gateway',
      ],
    ]);
  });

  it('shows the dependency on an entity the catalog does not have as a missing node', async () => {
    const response = await graph(
      server,
      'entityRef=component:default/payouts-service&direction=upstream',
    );
    const missing = response.body.nodes.filter(
      (n: { missing?: boolean }) => n.missing,
    );
    expect(missing).toEqual([
      {
        entityRef: 'component:default/bank-connector',
        kind: 'Component',
        namespace: 'default',
        name: 'bank-connector',
        missing: true,
      },
    ]);
  });

  it('describes nodes with owner, system, type, lifecycle and says what lies beyond the depth', async () => {
    const response = await graph(
      server,
      'entityRef=component:default/checkout-service&direction=upstream&depth=1',
    );
    const gateway = response.body.nodes.find(
      (n: { name: string }) => n.name === 'payment-gateway',
    );
    expect(gateway).toMatchObject({
      entityRef: 'component:default/payment-gateway',
      kind: 'Component',
      title: 'Payment Gateway',
      owner: 'group:default/payments',
      system: 'system:default/payments-platform',
      type: 'service',
      lifecycle: 'production',
    });
    expect(gateway.more).toBeGreaterThan(0);
    expect(Date.parse(response.body.indexedAt)).not.toBeNaN();
  });

  it('hides kinds on request and joins what remains with indirect edges', async () => {
    const response = await graph(
      server,
      'entityRef=component:default/checkout-service&direction=upstream&depth=2&kinds=component',
    );
    expect(
      response.body.nodes.every(
        (n: { kind: string }) => n.kind === 'Component',
      ),
    ).toBe(true);
    expect(response.body.edges).toContainEqual({
      source: 'component:default/checkout-service',
      target: 'component:default/cart-service',
      relation: 'indirect',
      via: ['api:default/cart-api'],
    });
  });

  it('caps the answer at maxNodes and says so', async () => {
    const response = await graph(
      server,
      'entityRef=resource:default/event-bus&direction=downstream&depth=0&maxNodes=5',
    );
    expect(response.body.nodes).toHaveLength(5);
    expect(response.body.truncated).toBe(true);
  });

  it.each([
    ['entityRef=checkout-service', /entityRef/],
    [
      'entityRef=component:default/checkout-service&direction=sideways',
      /direction/,
    ],
    ['entityRef=component:default/checkout-service&depth=-1', /depth/],
    ['entityRef=component:default/checkout-service&depth=two', /depth/],
    ['entityRef=component:default/checkout-service&maxNodes=0', /maxNodes/],
    [
      'entityRef=component:default/checkout-service&maxNodes=100000',
      /maxNodes/,
    ],
    [
      'entityRef=component:default/checkout-service&relations=ownedBy',
      /relations/,
    ],
    ['direction=upstream', /entityRef/],
  ])('answers 400 naming the parameter for %s', async (query, parameter) => {
    const response = await graph(server, query);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(parameter);
  });

  it('answers 404 for an unknown root and for a root that exists only as a dangling relation', async () => {
    for (const ref of [
      'component:default/nope',
      'component:default/bank-connector',
    ]) {
      const response = await graph(server, `entityRef=${ref}`);
      expect(response.status).toBe(404);
      expect(response.body.error.message).toContain(ref);
    }
  });

  it('needs credentials', async () => {
    const response = await graph(
      server,
      'entityRef=component:default/checkout-service',
      mockCredentials.none.header(),
    );
    expect(response.status).toBe(401);
  });
});
