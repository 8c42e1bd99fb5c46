import { mockCredentials } from '@backstage/backend-test-utils';
import type { Server } from 'node:http';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  DANIEL,
  FELIX,
  PRIYA,
  SOFIA,
  useApprovalsBackend,
  writeExtraCatalog,
} from './__testUtils__/approvalsBackend';

const databases = createTestDatabases();
jest.setTimeout(300_000);

describe.each(databases.eachSupportedId())('approvals on %s', databaseId => {
  const approvals = useApprovalsBackend(databases, databaseId);
  const { approvedProductionRequest, as, create, decide, get, release, rows } =
    approvals;
  let server: Server;
  let dir: string;
  beforeAll(() => {
    ({ server, dir } = approvals);
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
});
