import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { startSampleCatalogBackend } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { testPolicy, withRealPermissions } from '../__testUtils__/testPolicy';
import { bearerFor } from '../__testUtils__/testTokens';

const PRIYA = 'user:default/priya.sharma'; // may create
const TOM = 'user:default/tom.nguyen'; // may not create
const MARCUS = 'user:default/marcus.chen';
const RACHEL = 'user:default/rachel.cohen';
const PIPELINE_TOKEN = 'pipeline-token-for-tests';

/**
 * A real policy through the real permission backend that allows reading but denies Lockstep's
 * mutating permissions: the backend must refuse, whatever the UI shows.
 */
const denyingPolicy = testPolicy('lockstep-test-deny', (query, user) => {
  const name = query.permission.name;
  const deny =
    name === 'lockstep.approval.decide' ||
    name === 'lockstep.approval.cancel' ||
    name === 'lockstep.readiness.signoff' ||
    name === 'lockstep.approval.supersede' ||
    (name === 'lockstep.approval.create' && user === TOM);
  return deny ? { result: AuthorizeResult.DENY } : undefined;
});

const databases = createTestDatabases();
jest.setTimeout(300_000);

describe.each(databases.eachSupportedId())(
  'mutating routes under a denying permission policy on %s',
  databaseId => {
    let knex: Knex;
    let server: Server;
    let stop: () => Promise<void>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const started = await startSampleCatalogBackend({
        lockstepDatabase: knex,
        permissions: true,
        features: [...withRealPermissions(denyingPolicy)],
        authorization: s => bearerFor(s, 'user:default/grace.kim'),
        externalAccess: [
          {
            type: 'static',
            options: { token: PIPELINE_TOKEN, subject: 'release-pipeline' },
          },
        ],
      });
      server = started.server;
      stop = () => started.backend.stop();
    });
    afterAll(async () => {
      await stop();
      await knex.destroy();
    });

    const stored = async () => ({
      requests: await knex('approval_requests').select('id', 'state'),
      decisions: await knex('approval_decisions').select('id'),
      gates: await knex('readiness_gates').where({
        status: 'passed',
        type: 'signoff',
      }),
    });

    it('answers 403 on every mutating route and stores nothing', async () => {
      const as = (who: string) => bearerFor(server, who);
      const release = {
        entityRef: 'component:default/payment-gateway',
        title: 'Release 5.0.0',
        environment: 'staging',
        version: '5.0.0',
      };

      const refused = await request(server)
        .post('/api/lockstep/approvals')
        .set('Authorization', await as(TOM))
        .send(release);
      expect(refused.status).toBe(403);

      const created = await request(server)
        .post('/api/lockstep/approvals')
        .set('Authorization', await as(PRIYA))
        .send(release);
      expect(created.status).toBe(201);
      expect(created.body.viewer.canCancel).toBe(true);
      const before = await stored();

      const decision = await request(server)
        .post(`/api/lockstep/approvals/${created.body.id}/decisions`)
        .set('Authorization', await as(MARCUS))
        .send({ decision: 'approve' });
      expect(decision.status).toBe(403);
      expect(decision.body.error.message).toMatch(/permission policy/);

      const cancel = await request(server)
        .post(`/api/lockstep/approvals/${created.body.id}/cancel`)
        .set('Authorization', await as(PRIYA))
        .send({});
      expect(cancel.status).toBe(403);

      const readiness =
        '/api/lockstep/readiness/component/default/ledger-service/signoffs';
      const signOff = await request(server)
        .post(readiness)
        .set('Authorization', await as(RACHEL))
        .send({ gateId: 'security-review' });
      expect(signOff.status).toBe(403);
      const revoke = await request(server)
        .delete(`${readiness}/security-review`)
        .set('Authorization', await as(RACHEL))
        .send({ comment: 'no' });
      expect(revoke.status).toBe(403);

      // even the requester, who may replace her own request, when the policy says no
      const supersede = await request(server)
        .post('/api/lockstep/approvals')
        .set('Authorization', await as(PRIYA))
        .send({ ...release, version: '5.0.1' });
      expect(supersede.status).toBe(403);
      expect(supersede.body.error.message).toMatch(
        /permission policy does not allow you to replace it/,
      );

      expect(await stored()).toEqual(before);
      expect(before.requests).toEqual([
        { id: created.body.id, state: 'pending' },
      ]);
    });

    it('lets a pipeline with a static token ask for approval and wait on it, but never decide', async () => {
      const pipeline = `Bearer ${PIPELINE_TOKEN}`;
      const created = await request(server)
        .post('/api/lockstep/approvals')
        .set('Authorization', pipeline)
        .send({
          entityRef: 'component:default/cart-service',
          title: 'Release 3.1.0',
          environment: 'staging',
          version: '3.1.0',
        });
      expect(created.status).toBe(201);
      expect(created.body.requester).toBe('release-pipeline');
      const waited = await request(server)
        .get(`/api/lockstep/approvals/${created.body.id}/wait?timeout=1`)
        .set('Authorization', pipeline);
      expect(waited.status).toBe(200);
      expect(waited.body.state).toBe('pending');
      const decide = await request(server)
        .post(`/api/lockstep/approvals/${created.body.id}/decisions`)
        .set('Authorization', pipeline)
        .send({ decision: 'approve' });
      expect(decide.status).toBe(403);
    });
  },
);
