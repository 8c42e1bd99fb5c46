import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
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

const GRACE = 'user:default/grace.kim';
const PRIYA = 'user:default/priya.sharma'; // payments
const TOM = 'user:default/tom.nguyen'; // may read no user
const GATEWAY = 'component:default/payment-gateway';

/** Tom may read every entity but users: people he cannot read are neither named nor counted. */
const policy = testPolicy('lockstep-test-policies', (query, user) =>
  user === TOM ? catalogReadExcept(query, { kind: 'user' }) : undefined,
);

/**
 * The policies in sight, on the real catalog and the real permission backend: what the platform team
 * configured (the demo's app-config.yaml), what each applies to now, and a dry run that agrees with
 * what creating the request does. The answers read no Lockstep table, so one database is enough.
 */
const databases = createTestDatabases();
jest.setTimeout(300_000);

describe('the policies routes', () => {
  let knex: Knex;
  let server: Server;
  let stop: () => Promise<void>;
  const as = (who: string) => bearerFor(server, who);
  const get = async (path: string, who = GRACE) =>
    request(server)
      .get(`/api/lockstep${path}`)
      .set('Authorization', await as(who));
  /** The catalog's own answer, to check Lockstep's against. */
  const catalog = async (filter: string): Promise<Entity[]> =>
    (
      await request(server)
        .get(`/api/catalog/entities?filter=${encodeURIComponent(filter)}`)
        .set('Authorization', await as(GRACE))
    ).body;
  const refs = (entities: Entity[]) =>
    new Set(entities.map(e => stringifyEntityRef(e)));

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    const started = await startSampleCatalogBackend({
      lockstepDatabase: knex,
      permissions: true,
      features: [...withRealPermissions(policy)],
      authorization: s => bearerFor(s, GRACE),
    });
    server = started.server;
    stop = () => started.backend.stop();
  });
  afterAll(async () => {
    await stop();
    await knex.destroy();
  });

  it('lists every profile and policy with what each selects now, counted as the catalog counts', async () => {
    const answered = await get('/policies');
    expect(answered.status).toBe(200);
    const { profiles, policies, environments } = answered.body;
    expect(profiles.map((p: { id: string }) => p.id)).toEqual([
      'critical-service',
      'production-service',
    ]);
    expect(policies.map((p: { id: string }) => p.id)).toEqual([
      'production-release',
      'staging-change',
    ]);
    expect(environments).toEqual(['production', 'staging']);

    // critical-service comes first, or is asked for (it extends production-service, so an entity
    // may ask for it); production-service takes the production services it leaves
    const critical = refs([
      ...(await catalog('kind=component,metadata.tags=pci')),
      ...(await catalog('kind=component,metadata.tags=customer-facing')),
      ...(await catalog(
        'metadata.annotations.lockstep.io/readiness-profile=critical-service',
      )),
    ]);
    const production = [
      ...refs([
        ...(await catalog(
          'kind=component,spec.type=service,spec.lifecycle=production',
        )),
        ...(await catalog(
          'kind=component,spec.type=website,spec.lifecycle=production',
        )),
      ]),
    ].filter(ref => !critical.has(ref));
    expect(profiles[0].selected.count).toBe(critical.size);
    expect(profiles[1].selected.count).toBe(production.length);
    expect(profiles[0].selected.entities).toContainEqual({
      entityRef: GATEWAY,
      title: 'Payment Gateway',
    });
    expect(policies[0].selected.count).toBe(
      (await catalog('kind=component,spec.lifecycle=production')).length,
    );
    expect(policies[1].selected.count).toBe(
      (await catalog('kind=component')).length,
    );

    const security = policies[0].stages[1].rules[0];
    expect(security).toMatchObject({
      group: 'group:default/security',
      groupTitle: 'Security',
      minApprovals: 1,
    });
    expect(new Set(security.members)).toEqual(
      refs(
        await catalog('kind=user,relations.memberof=group:default/security'),
      ),
    );
    expect(policies[0].stages[0].rules[0]).toEqual({
      group: 'owner',
      minApprovals: 1,
      members: [],
    });
    expect(profiles[0].gates).toContainEqual(
      expect.objectContaining({
        id: 'security-review',
        team: 'group:default/security',
        teamTitle: 'Security',
        type: 'signoff',
        validForMs: 90 * 86_400_000,
      }),
    );
  });

  it('says which profile and policies apply to a service, and who would approve it, in order', async () => {
    const answered = await get(
      '/policies/component/default/payment-gateway?environment=dev',
      PRIYA,
    );
    expect(answered.status).toBe(200);
    const { profile, profileCandidates, environments } = answered.body;
    expect(profile).toEqual({
      id: 'critical-service',
      title: 'Critical service',
      selectedBy: 'filter',
    });
    expect(profileCandidates[1]).toMatchObject({
      id: 'production-service',
      outcome: 'shadowed',
    });
    expect(
      environments.map((e: { environment: string }) => e.environment),
    ).toEqual(['production', 'staging', 'dev']);

    const [production, , dev] = environments;
    expect(production).toMatchObject({
      policy: { id: 'production-release', title: 'Production release' },
      requestable: true,
      requesterCannotApprove: true,
    });
    const owners = production.stages[0].rules[0];
    expect(owners.group).toBe('group:default/payments');
    // the requester is not among those who could approve
    expect(owners.members.length).toBeGreaterThan(0);
    expect(owners.members).not.toContain(PRIYA);
    expect(
      production.stages[1].rules.map((r: { group: string }) => r.group),
    ).toEqual(['group:default/security', 'group:default/platform-sre']);

    expect(dev).toMatchObject({ requestable: false, stages: [] });
    const refused = await request(server)
      .post('/api/lockstep/approvals')
      .set('Authorization', await as(PRIYA))
      .send({
        entityRef: GATEWAY,
        title: 'Release 5.1',
        environment: 'dev',
        version: '5.1.0',
      });
    // the dry run says exactly what creating the request answers
    expect([refused.status, refused.body.error.message]).toEqual([
      400,
      dev.refusal,
    ]);
    expect(await knex('approval_requests').count({ n: '*' })).toEqual([
      { n: 0 },
    ]);
  });

  it('refuses every environment of an entity no policy covers, saying why', async () => {
    const answered = await get('/policies/api/default/payments-api');
    expect(answered.status).toBe(200);
    expect(answered.body.profile).toBeUndefined();
    for (const environment of answered.body.environments) {
      expect(environment.requestable).toBe(false);
      expect(environment.refusal).toMatch(/^No approval policy applies to/);
      expect(environment.candidates[0].why).toMatch(
        /kind is API; the filter takes Component$/i,
      );
    }
  });

  it('names and counts only what the caller may read', async () => {
    const overview = await get('/policies', TOM);
    expect(overview.status).toBe(200);
    const security = overview.body.policies[0].stages[1].rules[0];
    expect(security.members).toEqual([]);
    expect(security.groupTitle).toBe('Security');

    const entity = await get(
      '/policies/component/default/payment-gateway',
      TOM,
    );
    expect(entity.body.environments[0].stages[0].rules[0].members).toEqual([]);
    expect((await get('/policies/user/default/priya.sharma', TOM)).status).toBe(
      404,
    );
    expect(
      (await get('/policies/component/default/no-such', GRACE)).status,
    ).toBe(404);
  });
});
