import { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { startSampleCatalogBackend } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  catalogReadExcept,
  testPolicy,
  withRealPermissions,
} from '../__testUtils__/testPolicy';
import { bearerFor } from '../__testUtils__/testTokens';

const PRIYA = 'user:default/priya.sharma'; // payments
const DANIEL = 'user:default/daniel.okafor'; // checkout
const TOM = 'user:default/tom.nguyen'; // may not read what payments owns
const GATEWAY = 'component:default/payment-gateway';
const LEDGER = 'component:default/ledger-service';
const CART = 'component:default/cart-service';

const policy = testPolicy('lockstep-test-lists', (query, user) =>
  user === TOM
    ? catalogReadExcept(query, { ownedBy: 'group:default/payments' })
    : undefined,
);

const databases = createTestDatabases();
jest.setTimeout(300_000);

/**
 * Lists that scale: the filters a page of requests takes (environment, requester, `me`) and the
 * total a paged table shows, counted as the caller may read, on both databases.
 */
describe.each(databases.eachSupportedId())(
  'approval lists on %s',
  databaseId => {
    let knex: Knex;
    let server: Server;
    let stop: () => Promise<void>;
    const as = (who: string) => bearerFor(server, who);
    const list = async (query: string, who = PRIYA) =>
      request(server)
        .get(`/api/lockstep/approvals?${query}`)
        .set('Authorization', await as(who));
    const ask = async (
      who: string,
      entityRef: string,
      environment: string,
      version: string,
    ) => {
      const created = await request(server)
        .post('/api/lockstep/approvals')
        .set('Authorization', await as(who))
        .send({ entityRef, environment, version, title: `Release ${version}` });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const started = await startSampleCatalogBackend({
        lockstepDatabase: knex,
        permissions: true,
        features: [...withRealPermissions(policy)],
        authorization: s => bearerFor(s, PRIYA),
      });
      server = started.server;
      stop = () => started.backend.stop();
      // one request replaces another for the same entity and environment; both stay listed
      await ask(PRIYA, GATEWAY, 'staging', '1.0.0');
      await ask(PRIYA, GATEWAY, 'staging', '1.0.1');
      await ask(PRIYA, GATEWAY, 'production', '1.0.1');
      await ask(PRIYA, LEDGER, 'staging', '2.0.0');
      await ask(DANIEL, CART, 'staging', '3.0.0');
      await ask(DANIEL, CART, 'production', '3.0.0');
    });
    afterAll(async () => {
      await stop();
      await knex.destroy();
    });

    const versions = (body: { items: Array<{ version: string }> }) =>
      body.items.map(item => item.version);

    it('counts every page of an entity, the same on each page', async () => {
      const first = await list(`entityRef=${GATEWAY}&limit=2`);
      expect(first.status).toBe(200);
      expect(first.body.total).toBe(3);
      expect(first.body.items).toHaveLength(2);
      const second = await list(
        `entityRef=${GATEWAY}&limit=2&cursor=${first.body.nextCursor}`,
      );
      expect(second.body).toMatchObject({ total: 3 });
      expect(second.body.nextCursor).toBeUndefined();
      expect(
        [...versions(first.body), ...versions(second.body)].sort(),
      ).toEqual(['1.0.0', '1.0.1', '1.0.1']);
    });

    it("lists a person's own requests across entities with requester=me", async () => {
      const mine = await list('requester=me');
      expect(mine.body.total).toBe(4);
      expect(
        new Set(mine.body.items.map((i: { requester: string }) => i.requester)),
      ).toEqual(new Set([PRIYA]));
      const daniels = await list(`requester=${DANIEL}`);
      expect(daniels.body.total).toBe(2);
      expect((await list('requester=me', DANIEL)).body.total).toBe(2);
    });

    it('filters by environment case-insensitively, with the other filters', async () => {
      const production = await list('environment=PRODUCTION');
      expect(production.body.total).toBe(2);
      expect(
        production.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual(expect.arrayContaining([GATEWAY, CART]));
      const open = await list(
        `environment=staging&state=pending&entityRef=${GATEWAY}`,
      );
      expect(versions(open.body)).toEqual(['1.0.1']);
      expect(open.body.total).toBe(1);
    });

    it('counts only what the caller may read', async () => {
      expect((await list('environment=staging', TOM)).body.total).toBe(1);
      expect((await list(`requester=${PRIYA}`, TOM)).body).toEqual({
        items: [],
        total: 0,
      });
      expect((await list(`entityRef=${GATEWAY}`, TOM)).body).toEqual({
        items: [],
        total: 0,
      });
    });

    it('refuses filters too long to be a name with a 400', async () => {
      const long = await list(`environment=${'e'.repeat(101)}`);
      expect(long.status).toBe(400);
      expect(long.body.error.message).toMatch(/environment/);
      const requester = await list(`requester=${'u'.repeat(256)}`);
      expect(requester.status).toBe(400);
    });
  },
);
