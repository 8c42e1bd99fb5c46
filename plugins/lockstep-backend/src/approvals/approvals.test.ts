import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  sampleLockstepConfig,
  startSampleCatalogBackend,
} from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const user = (name: string) => `user:default/${name}`;
const PRIYA = user('priya.sharma'); // payments
const MARCUS = user('marcus.chen'); // payments
const RACHEL = user('rachel.cohen'); // security
const AISHA = user('aisha.khan'); // security and platform-sre
const LI = user('li.wei'); // platform-sre
const OMAR = user('omar.haddad'); // security
const TOM = user('tom.nguyen'); // storefront
const DANIEL = user('daniel.okafor'); // checkout
const FELIX = user('felix.braun'); // checkout
const SOFIA = user('sofia.martinez'); // checkout
const GRACE = user('grace.kim'); // product
const TESTERS = Array.from({ length: 50 }, (_, i) =>
  user(`tester-${String(i + 1).padStart(2, '0')}`),
);

/** Test-only catalog: a team of 50 for the concurrency test, and a service whose annotation tries its luck. */
function writeExtraCatalog(dir: string, annotation: string) {
  const docs = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'load-testers' },
      spec: { type: 'team', children: [] },
    },
    ...TESTERS.map(ref => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: ref.split('/')[1] },
      spec: { memberOf: ['load-testers'] },
    })),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'load-service', tags: ['load-test'] },
      spec: {
        type: 'service',
        lifecycle: 'experimental',
        owner: 'load-testers',
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'annotated-service',
        annotations: { 'lockstep.io/approvers': annotation },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
    },
  ];
  const file = path.join(dir, 'extra.yaml');
  fs.writeFileSync(file, docs.map(d => JSON.stringify(d)).join('\n---\n'));
  return file;
}

const sample = sampleLockstepConfig().approvals;
const approvalsConfig = {
  ...sample,
  policies: [
    {
      id: 'load',
      title: 'Load test',
      filter: { tags: ['load-test'] },
      stages: [
        {
          name: 'Testers',
          rules: [{ group: 'load-testers', minApprovals: 3 }],
        },
      ],
    },
    {
      id: 'hotfix',
      title: 'Hotfix',
      filter: { kind: ['Component'] },
      environments: ['hotfix'],
      expiresAfter: 'PT1S',
      stages: [
        { name: 'Owning team', rules: [{ group: 'owner', minApprovals: 1 }] },
      ],
    },
    {
      id: 'product-heavy',
      title: 'Needs three product people',
      filter: { kind: ['Component'] },
      environments: ['launch'],
      stages: [
        { name: 'Product', rules: [{ group: 'product', minApprovals: 3 }] },
      ],
    },
    ...sample.policies,
  ],
};

const databases = createTestDatabases();
jest.setTimeout(300_000);

describe.each(databases.eachSupportedId())('approvals on %s', databaseId => {
  let knex: Knex;
  let server: Server;
  let stop: () => Promise<void>;
  let dir: string;
  let extraCatalog: string;

  const start = async () => {
    const started = await startSampleCatalogBackend({
      lockstepDatabase: knex,
      approvals: approvalsConfig,
      extraLocations: [extraCatalog],
    });
    server = started.server;
    stop = () => started.backend.stop();
  };
  const as = (who: string) => mockCredentials.user.header(who);
  const create = (who: string, body: Record<string, unknown>) =>
    request(server)
      .post('/api/lockstep/approvals')
      .set('Authorization', as(who))
      .send(body);
  const decide = (
    who: string,
    id: string,
    decision: string,
    comment?: string,
  ) =>
    request(server)
      .post(`/api/lockstep/approvals/${id}/decisions`)
      .set('Authorization', as(who))
      .send(comment === undefined ? { decision } : { decision, comment });
  const get = (who: string, p: string) =>
    request(server).get(`/api/lockstep${p}`).set('Authorization', as(who));
  const rows = async () => ({
    requests: (await knex('approval_requests').count({ n: '*' }).first())!.n,
    decisions: (await knex('approval_decisions').count({ n: '*' }).first())!.n,
    audit: (await knex('approval_audit').count({ n: '*' }).first())!.n,
  });
  const release = (
    entity: string,
    environment = 'production',
    version = '1.0.0',
  ) => ({
    entityRef: `component:default/${entity}`,
    title: `Release ${entity} ${version}`,
    environment,
    version,
  });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-approvals-'));
    extraCatalog = writeExtraCatalog(
      dir,
      'group:default/security=0, group:default/data=1, nonsense',
    );
    knex = await databases.init(databaseId);
    await start();
    // the catalog has stitched the test team once every tester is a member, seen from both sides
    for (let i = 0; i < 240; i++) {
      const [group, members] = await Promise.all([
        request(server)
          .get('/api/catalog/entities/by-name/group/default/load-testers')
          .set('Authorization', mockCredentials.service.header()),
        request(server)
          .get(
            '/api/catalog/entities/by-query?filter=kind=user,relations.memberof=group:default/load-testers&limit=100&fields=metadata.name',
          )
          .set('Authorization', mockCredentials.service.header()),
      ]);
      const hasMembers = (group.body.relations ?? []).filter(
        (r: { type: string }) => r.type === 'hasMember',
      ).length;
      if (hasMembers === 50 && members.body.items?.length === 50) break;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  });
  afterAll(async () => {
    await stop();
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  let productionRequest: string | undefined;
  /**
   * A production release of payment-gateway approved through both stages, as the first test makes
   * it; made the same way when a later test runs alone.
   */
  const approvedProductionRequest = async (): Promise<string> => {
    if (productionRequest) return productionRequest;
    const { body } = await create(PRIYA, release('payment-gateway'));
    await decide(MARCUS, body.id, 'approve', 'Looks good');
    await decide(AISHA, body.id, 'approve');
    const approved = await decide(LI, body.id, 'approve');
    expect(approved.body.state).toBe('approved');
    productionRequest = body.id as string;
    return productionRequest;
  };

  it('runs stages in order, never counts the requester, and counts a person in two groups once', async () => {
    const created = await create(PRIYA, release('payment-gateway'));
    expect([created.status, created.body.error?.message]).toEqual([
      201,
      undefined,
    ]);
    const id = created.body.id;
    productionRequest = id;
    expect(created.body).toMatchObject({
      state: 'pending',
      requester: PRIYA,
      currentStage: 0,
      policy: { policyId: 'production-release' },
      readinessAtCreation: { status: 'not-ready' },
      viewer: { canDecide: false, canCancel: true },
    });
    expect(created.body.policy.stages[0].rules).toEqual([
      { group: 'group:default/payments', minApprovals: 1 },
    ]);

    const own = await decide(PRIYA, id, 'approve');
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/requested/i);
    expect((await decide(TOM, id, 'approve')).status).toBe(403);
    const early = await decide(RACHEL, id, 'approve');
    expect(early.status).toBe(403);

    const first = await decide(MARCUS, id, 'approve', 'Looks good');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'pending', currentStage: 1 });

    // Aisha is in Security and in Platform & SRE: her one approval fills one of the two rules
    const aisha = await decide(AISHA, id, 'approve');
    expect(aisha.body.state).toBe('pending');
    expect(
      aisha.body.progress.stages[1].rules.map((r: any) => r.missing).sort(),
    ).toEqual([0, 1]);
    expect((await decide(AISHA, id, 'approve')).status).toBe(409);

    const li = await decide(LI, id, 'approve');
    expect(li.body.state).toBe('approved');
    expect(li.body.decidedAt).toBeDefined();
    const late = await decide(OMAR, id, 'approve');
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/approved/);

    const inbox = await get(RACHEL, '/approvals?pendingFor=me');
    expect(inbox.body.items.map((r: any) => r.id)).not.toContain(id);
  });

  it('audits every step in a hash chain that detects an edited or deleted row', async () => {
    const requestId = await approvedProductionRequest();
    const audit = await get(PRIYA, `/approvals/${requestId}/audit`);
    expect(audit.body.verification).toEqual({ valid: true });
    expect(
      audit.body.entries.map((e: any) => [e.action, e.actor ?? null]),
    ).toEqual([
      ['created', PRIYA],
      ['approved-by', MARCUS],
      ['stage-passed', null],
      ['approved-by', AISHA],
      ['approved-by', LI],
      ['stage-passed', null],
      ['approved', null],
    ]);

    const original = await knex('approval_audit')
      .where({ request_id: requestId, seq: 2 })
      .first();
    await knex('approval_audit')
      .where({ request_id: requestId, seq: 2 })
      .update({ data: original.data.replace('Looks good', 'Looks great') });
    const edited = await get(PRIYA, `/approvals/${requestId}/audit`);
    expect(edited.body.verification).toMatchObject({ valid: false, seq: 2 });
    await knex('approval_audit')
      .where({ request_id: requestId, seq: 2 })
      .update({ data: original.data });

    await knex('approval_audit')
      .where({ request_id: requestId, seq: 7 })
      .delete();
    const truncated = await get(PRIYA, `/approvals/${requestId}/audit`);
    expect(truncated.body.verification.valid).toBe(false);
  });

  it('lets one reject decide, with the reason the policy requires', async () => {
    const { body } = await create(DANIEL, release('cart-service', 'staging'));
    expect(body.policy.policyId).toBe('staging-change');
    const noReason = await decide(FELIX, body.id, 'reject');
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/requires a reason to reject/);
    const rejected = await decide(
      FELIX,
      body.id,
      'reject',
      'Migration not reviewed',
    );
    expect(rejected.body.state).toBe('rejected');
    expect((await decide(SOFIA, body.id, 'approve')).status).toBe(409);
  });

  it('supersedes the open request for the same entity and environment', async () => {
    const first = await create(
      DANIEL,
      release('checkout-service', 'staging', '2.0.0'),
    );
    // the same environment, spelled as someone else types it
    const second = await create(
      SOFIA,
      release('checkout-service', 'Staging', '2.0.1'),
    );
    expect(second.status).toBe(201);
    const old = await get(DANIEL, `/approvals/${first.body.id}`);
    expect(old.body.state).toBe('superseded');
    expect((await decide(FELIX, first.body.id, 'approve')).status).toBe(409);
    const trail = await get(DANIEL, `/approvals/${first.body.id}/audit`);
    expect(trail.body.entries.at(-1)).toMatchObject({
      action: 'superseded',
      data: { by: second.body.id, version: '2.0.1' },
    });
    // the requester cancels the new one; nobody else can
    expect(
      (
        await request(server)
          .post(`/api/lockstep/approvals/${second.body.id}/cancel`)
          .set('Authorization', as(DANIEL))
          .send({})
      ).status,
    ).toBe(403);
    const cancelled = await request(server)
      .post(`/api/lockstep/approvals/${second.body.id}/cancel`)
      .set('Authorization', as(SOFIA))
      .send({ comment: 'Wrong build' });
    expect(cancelled.body.state).toBe('cancelled');
    expect(
      (
        await request(server)
          .post(`/api/lockstep/approvals/${second.body.id}/cancel`)
          .set('Authorization', as(SOFIA))
          .send({})
      ).status,
    ).toBe(409);
  });

  it('decides exactly once when 50 approvers click at the same moment', async () => {
    const { body } = await create(GRACE, {
      ...release('load-service', 'production'),
      environment: 'load',
    });
    expect(body.policy.policyId).toBe('load');
    const answers = await Promise.all(
      TESTERS.map(tester => decide(tester, body.id, 'approve')),
    );
    const statuses = answers.map(a => a.status);
    const odd = answers.filter(a => a.status !== 200 && a.status !== 409);
    expect(odd.map(a => a.body.error?.message)).toEqual([]);
    expect(statuses.filter(s => s === 200)).toHaveLength(3);
    expect(statuses.filter(s => s === 409)).toHaveLength(47);
    const final = await get(GRACE, `/approvals/${body.id}`);
    expect(final.body.state).toBe('approved');
    expect(final.body.decisions).toHaveLength(3);
    const trail = await get(GRACE, `/approvals/${body.id}/audit`);
    expect(
      trail.body.entries.filter((e: any) => e.action === 'approved'),
    ).toHaveLength(1);
    expect(trail.body.verification.valid).toBe(true);
  });

  it('expires a request nobody decided in time', async () => {
    const { body } = await create(PRIYA, release('refund-service', 'hotfix'));
    expect(body.expiresAt).toBeDefined();
    await new Promise(resolve => setTimeout(resolve, 1_500));
    const expired = await get(PRIYA, `/approvals/${body.id}`);
    expect(expired.body.state).toBe('expired');
    expect((await decide(MARCUS, body.id, 'approve')).status).toBe(409);
    const trail = await get(PRIYA, `/approvals/${body.id}/audit`);
    expect(trail.body.entries.map((e: any) => e.action)).toEqual([
      'created',
      'expired',
    ]);
  });

  it('ignores an annotation that tries to relax the policy, and keeps the snapshot when the catalog changes', async () => {
    const { body } = await create(PRIYA, release('annotated-service'));
    expect(body.status).toBeUndefined();
    const stage = body.policy.stages[1];
    expect(stage.rules).toContainEqual({
      group: 'group:default/security',
      minApprovals: 1,
    });
    expect(stage.rules).toContainEqual({
      group: 'group:default/data',
      minApprovals: 1,
    });
    expect(body.policy.ignored.join(' ')).toMatch(/security/);
    expect(body.policy.ignored.join(' ')).toMatch(/nonsense/);

    // the owner edits catalog-info.yaml: the open request keeps what it was created with
    writeExtraCatalog(dir, 'group:default/product=1');
    await request(server)
      .post('/api/catalog/refresh')
      .set('Authorization', mockCredentials.service.header())
      .send({ entityRef: 'component:default/annotated-service' });
    for (let i = 0; i < 120; i++) {
      const entity = await request(server)
        .get(
          '/api/catalog/entities/by-name/component/default/annotated-service',
        )
        .set('Authorization', mockCredentials.service.header());
      if (
        entity.body.metadata.annotations['lockstep.io/approvers'] ===
        'group:default/product=1'
      )
        break;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    const again = await get(PRIYA, `/approvals/${body.id}`);
    expect(again.body.policy).toEqual(body.policy);
    const fresh = await create(
      PRIYA,
      release('annotated-service', 'production', '1.0.1'),
    );
    expect(fresh.body.policy.stages[1].rules).toContainEqual({
      group: 'group:default/product',
      minApprovals: 1,
    });
  });

  it('refuses a policy nobody can satisfy, and bad input, storing nothing', async () => {
    const decided = await approvedProductionRequest();
    const before = await rows();
    const impossible = await create(DANIEL, release('cart-service', 'launch'));
    expect(impossible.status).toBe(400);
    expect(impossible.body.error.message).toMatch(
      /group:default\/product needs 3 approvals but only 2/,
    );
    const noPolicy = await create(DANIEL, release('cart-service', 'moon'));
    expect(noPolicy.status).toBe(400);
    expect(noPolicy.body.error.message).toMatch(/No approval policy applies/);
    for (const bad of [
      {},
      { ...release('cart-service'), entityRef: 'not a ref::' },
      { ...release('cart-service'), environment: '   ' },
      { ...release('cart-service'), surprise: true },
      { ...release('cart-service'), version: 7 },
    ]) {
      const answer = await create(DANIEL, bad);
      expect([400, 404]).toContain(answer.status);
      expect(answer.body.error.message).toBeTruthy();
    }
    expect((await create(DANIEL, release('no-such-service'))).status).toBe(404);
    expect((await decide(FELIX, decided, 'maybe')).status).toBe(400);
    expect((await decide(FELIX, 'no-such-id', 'approve')).status).toBe(404);
    expect((await get(DANIEL, '/approvals?state=lost')).status).toBe(400);
    // the inbox holds pending requests only: another state is a contradiction, not a filter to drop
    const inbox = await get(DANIEL, '/approvals?pendingFor=me&state=approved');
    expect(inbox.status).toBe(400);
    expect(inbox.body.error.message).toMatch(/cannot be combined/);
    expect(await rows()).toEqual(before);
  });

  it('answers a waiting pipeline as soon as the request is decided', async () => {
    const decided = await approvedProductionRequest();
    const { body } = await create(DANIEL, release('order-service', 'staging'));
    const waiting = get(DANIEL, `/approvals/${body.id}/wait?timeout=20`);
    const started = Date.now();
    await new Promise(resolve => setTimeout(resolve, 300));
    await decide(FELIX, body.id, 'approve');
    const answer = await waiting;
    expect(answer.body.state).toBe('approved');
    expect(Date.now() - started).toBeLessThan(5_000);
    const timedOut = await get(DANIEL, `/approvals/${decided}/wait?timeout=0`);
    expect(timedOut.body.state).toBe('approved');
  });

  it('keeps requests and decisions across a restart', async () => {
    const decided = await approvedProductionRequest();
    const before = await get(PRIYA, `/approvals/${decided}`);
    await stop();
    await start();
    const after = await get(PRIYA, `/approvals/${decided}`);
    expect(after.body.decisions).toEqual(before.body.decisions);
    expect(after.body.state).toBe('approved');
  });
});
