import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import request from 'supertest';
import { startSampleCatalogBackend } from '../__testUtils__/sampleCatalog';
import { bearerFor } from '../__testUtils__/testTokens';
import {
  catalogReadExcept,
  testPolicy,
  withRealPermissions,
} from '../__testUtils__/testPolicy';
import { expectedGraph } from '../__testUtils__/expectedGraph';

const TOM = 'user:default/tom.nguyen'; // may not read what the Payments team owns
const EVE = 'user:default/eve.outsider'; // may not read the catalog at all

/** A real policy through the real permission backend: the catalog enforces it, and so must Lockstep. */
const policyModule = testPolicy('lockstep-test-policy', (query, who) => {
  if (!isPermission(query.permission, catalogEntityReadPermission))
    return undefined;
  if (who === EVE) return { result: AuthorizeResult.DENY };
  if (who === TOM)
    return catalogReadExcept(query, { ownedBy: 'group:default/payments' });
  return undefined;
});

describe('GET /api/lockstep/graph with a real permission policy', () => {
  let server: Awaited<ReturnType<typeof startSampleCatalogBackend>>['server'];
  let entities: Entity[];

  beforeAll(async () => {
    ({ server, entities } = await startSampleCatalogBackend({
      permissions: true,
      // Real tokens and real permission checks end to end: the catalog, the permission backend and
      // Lockstep all see the same on-behalf-of credentials as in production.
      features: [...withRealPermissions(policyModule)],
      authorization: s => bearerFor(s, 'user:default/grace.kim'),
    }));
  }, 300_000);

  const graphAs = async (user: string, query: string) =>
    request(server)
      .get(`/api/lockstep/graph?${query}`)
      .set('Authorization', await bearerFor(server, user));

  const ownedByPayments = (ref: string) =>
    entities.some(
      e =>
        stringifyEntityRef(e) === ref &&
        e.relations?.some(
          r => r.type === 'ownedBy' && r.targetRef === 'group:default/payments',
        ),
    );

  it('leaves out what the caller may not read, and what is reachable only through it', async () => {
    const root = 'component:default/checkout-service';
    const response = await graphAs(
      TOM,
      `entityRef=${root}&direction=upstream&depth=0`,
    );
    expect(response.status).toBe(200);
    const refs = response.body.nodes
      .map((n: { entityRef: string }) => n.entityRef)
      .sort();

    expect(refs).toEqual(
      expectedGraph(entities, root, 'upstream', ownedByPayments).nodes,
    );
    expect(refs).not.toContain('component:default/payment-gateway');
    // Readable in itself, but reachable from checkout only through the payment gateway:
    expect(refs).not.toContain('component:default/feature-store');
    expect(
      (await graphAs(TOM, 'entityRef=component:default/feature-store')).status,
    ).toBe(200);
    // ...whereas a reader without the restriction sees it.
    const unrestricted = await graphAs(
      'user:default/grace.kim',
      `entityRef=${root}&direction=upstream&depth=0`,
    );
    expect(
      unrestricted.body.nodes.map((n: { entityRef: string }) => n.entityRef),
    ).toContain('component:default/feature-store');
  });

  it('answers 404, not 403, for a root the caller may not read', async () => {
    const hidden = await graphAs(
      TOM,
      'entityRef=component:default/payment-gateway',
    );
    expect(hidden.status).toBe(404);
    const denied = await graphAs(
      EVE,
      'entityRef=component:default/checkout-service',
    );
    expect(denied.status).toBe(404);
  });

  it('does not hand an answer kept for a reader of everything to a restricted or denied caller', async () => {
    const query =
      'entityRef=component:default/checkout-service&direction=upstream&depth=0&maxNodes=400';
    const everything = await graphAs('user:default/grace.kim', query);
    const again = await graphAs('user:default/grace.kim', query);
    expect(again.body).toEqual(everything.body);
    expect(
      everything.body.nodes.map((n: { entityRef: string }) => n.entityRef),
    ).toContain('component:default/payment-gateway');

    const restricted = await graphAs(TOM, query);
    expect(restricted.status).toBe(200);
    expect(
      restricted.body.nodes.map((n: { entityRef: string }) => n.entityRef),
    ).not.toContain('component:default/payment-gateway');
    expect((await graphAs(EVE, query)).status).toBe(404);
  });
});
