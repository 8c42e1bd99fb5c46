import { mockCredentials } from '@backstage/backend-test-utils';
import {
  EntityReadiness,
  ReadinessBoard,
  ReadinessHistory,
} from '@lockstep/backstage-plugin-lockstep-common';
import { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { startSampleCatalogBackend } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { givenSignedOff } from './__testUtils__/givenSignedOff';

const RACHEL = 'user:default/rachel.cohen'; // security
const AISHA = 'user:default/aisha.khan'; // platform-sre and security
const TOM = 'user:default/tom.nguyen'; // storefront
const LEDGER = '/api/lockstep/readiness/component/default/ledger-service';
const STATEMENTS =
  '/api/lockstep/readiness/component/default/statements-service';
const SECRETS = '/api/lockstep/readiness/component/default/secrets-broker';

const REVIEW_BY_RACHEL = { gateId: 'security-review', signer: RACHEL };
const as = (user: string) => mockCredentials.user.header(user);
const databases = createTestDatabases();
jest.setTimeout(300_000);

describe.each(databases.eachSupportedId())('readiness on %s', databaseId => {
  let knex: Knex;
  let server: Server;
  let stop: () => Promise<void>;

  const start = async () => {
    const started = await startSampleCatalogBackend({ lockstepDatabase: knex });
    server = started.server;
    stop = () => started.backend.stop();
  };
  const get = async <T>(path: string, user = TOM): Promise<T> => {
    const response = await request(server)
      .get(path)
      .set('Authorization', as(user));
    expect(response.status).toBe(200);
    return response.body;
  };
  const history = (path: string) => get<ReadinessHistory>(`${path}/history`);
  const storedRows = async () => ({
    gates: await knex('readiness_gates').orderBy(['entity_ref', 'gate_id']),
    events: await knex('readiness_events').count({ n: '*' }).first(),
  });

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await start();
    // evaluated once, as opening their pages would, so that no test's "nothing stored" counts it
    for (const path of [LEDGER, STATEMENTS, SECRETS]) await get(path);
  });
  afterAll(async () => {
    await stop();
    await knex.destroy();
  });

  it('judges the sample catalog: own gates, blockers with their team, profiles', async () => {
    const ledger = await get<EntityReadiness>(LEDGER);
    expect(ledger.profile).toEqual({
      id: 'critical-service',
      title: 'Critical service',
      selectedBy: 'filter',
    });
    expect(ledger.status).toBe('not-ready');
    expect(ledger.reason).toBe(
      'Waiting for sign-off: Security review, owned by team Security',
    );
    expect(ledger.gates.map(g => [g.id, g.status])).toEqual([
      ['owner-team', 'passed'],
      ['on-call', 'passed'],
      ['runbook', 'passed'],
      ['declared-apis', 'passed'],
      ['product-acceptance', 'pending'],
      ['security-review', 'pending'],
    ]);
    expect(ledger.gates.find(g => g.id === 'owner-team')?.team).toBe(
      'group:default/payments',
    );

    const statements = await get<EntityReadiness>(STATEMENTS);
    expect(statements.status).toBe('blocked');
    expect(statements.reason).toBe(
      'Blocked by Ledger Service: team Security must sign off Security review',
    );
    expect(statements.blockedBy).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/ledger-service',
        status: 'not-ready',
        owner: 'group:default/payments',
        path: [
          'component:default/statements-service',
          'component:default/ledger-service',
        ],
        gates: [
          {
            id: 'security-review',
            title: 'Security review',
            type: 'signoff',
            status: 'pending',
            team: 'group:default/security',
            teamTitle: 'Security',
          },
        ],
      }),
    ]);

    const search = await get<EntityReadiness>(
      '/api/lockstep/readiness/component/default/search-service',
    );
    expect(search.status).toBe('not-ready');
    expect(search.gates.find(g => g.id === 'runbook')).toMatchObject({
      status: 'failed',
      detail: 'No link of type runbook',
      team: 'group:default/platform-sre',
    });

    // the annotation that tries to loosen fraud-service's profile is ignored, and says so
    const fraud = await get<EntityReadiness>(
      '/api/lockstep/readiness/component/default/fraud-service',
    );
    expect(fraud.profile?.id).toBe('critical-service');
    expect(fraud.profile?.note).toMatch(/does not extend 'critical-service'/);
    // the one that asks for a stricter one is followed
    expect((await get<EntityReadiness>(SECRETS)).profile).toMatchObject({
      id: 'critical-service',
      selectedBy: 'annotation',
    });

    const payouts = await get<EntityReadiness>(
      '/api/lockstep/readiness/component/default/payouts-service',
    );
    expect(payouts.status).toBe('unknown');
    expect(payouts.blockedBy).toContainEqual(
      expect.objectContaining({
        entityRef: 'component:default/bank-connector',
        missing: true,
      }),
    );
  });

  it('lets a member of the team sign off, and a dependent blocked only by it turns ready', async () => {
    const response = await request(server)
      .post(`${LEDGER}/signoffs`)
      .set('Authorization', as(RACHEL))
      .send({
        gateId: 'security-review',
        version: '4.2.0',
        comment: 'Threat model reviewed',
      });
    expect(response.status).toBe(200);
    const ledger: EntityReadiness = response.body;
    expect(ledger.status).toBe('ready');
    const gate = ledger.gates.find(g => g.id === 'security-review')!;
    expect(gate).toMatchObject({
      status: 'passed',
      signedBy: RACHEL,
      version: '4.2.0',
    });
    const validDays =
      (Date.parse(gate.expiresAt!) - Date.parse(gate.signedAt!)) / 86_400_000;
    expect(validDays).toBe(90);

    expect((await get<EntityReadiness>(STATEMENTS)).status).toBe('ready');
    const [latest] = (await history(LEDGER)).events;
    expect(latest).toMatchObject({
      gateId: 'security-review',
      kind: 'signed-off',
      status: 'passed',
      actor: RACHEL,
      version: '4.2.0',
      comment: 'Threat model reviewed',
    });
  });

  it('refuses non-members, people without a token, unknown gates, checks and bad bodies, storing nothing', async () => {
    const before = await storedRows();
    const attempt = (body: object, user?: string) => {
      const call = request(server).post(`${SECRETS}/signoffs`).send(body);
      return user ? call.set('Authorization', as(user)) : call;
    };

    const nonMember = await attempt({ gateId: 'security-review' }, TOM);
    expect(nonMember.status).toBe(403);
    expect(nonMember.body.error.message).toBe(
      'Only members of group:default/security may sign off or revoke Security review; user:default/tom.nguyen is not one',
    );
    const service = await request(server)
      .post(`${SECRETS}/signoffs`)
      .set('Authorization', mockCredentials.service.header())
      .send({ gateId: 'security-review' });
    expect(service.status).toBe(403);

    const unknownGate = await attempt({ gateId: 'pen-test' }, RACHEL);
    expect(unknownGate.status).toBe(404);
    expect(unknownGate.body.error.message).toMatch(
      /No gate 'pen-test' in profile 'critical-service'/,
    );
    const check = await attempt({ gateId: 'runbook' }, AISHA);
    expect(check.status).toBe(400);
    expect(check.body.error.message).toMatch(/Runbook linked is a check/);
    expect((await attempt({}, RACHEL)).status).toBe(400);
    expect(
      (await attempt({ gateId: 'security-review', approved: true }, RACHEL))
        .status,
    ).toBe(400);
    expect(
      (await attempt({ gateId: 'security-review', expiresAt: 'soon' }, RACHEL))
        .status,
    ).toBe(400);
    const tooLate = await attempt(
      {
        gateId: 'security-review',
        expiresAt: new Date(Date.now() + 200 * 86_400_000).toISOString(),
      },
      RACHEL,
    );
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.error.message).toMatch(/valid for at most 90 days/);
    const unknownEntity = await request(server)
      .post('/api/lockstep/readiness/component/default/nope/signoffs')
      .set('Authorization', as(RACHEL))
      .send({ gateId: 'security-review' });
    expect(unknownEntity.status).toBe(404);

    expect(await storedRows()).toEqual(before);
  });

  it('revokes only with a comment, and only what is signed off', async () => {
    await givenSignedOff(server, LEDGER, REVIEW_BY_RACHEL);
    const revoke = (comment?: string, user = AISHA) =>
      request(server)
        .delete(`${LEDGER}/signoffs/security-review`)
        .set('Authorization', as(user))
        .send(comment === undefined ? {} : { comment });
    expect((await revoke()).status).toBe(400);
    expect((await revoke('   ')).status).toBe(400);
    expect((await revoke('Leaked key found', TOM)).status).toBe(403);
    expect((await get<EntityReadiness>(LEDGER)).status).toBe('ready');

    const revoked = await revoke('Leaked key found');
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('not-ready');
    expect((await get<EntityReadiness>(STATEMENTS)).status).toBe('blocked');
    expect((await history(LEDGER)).events[0]).toMatchObject({
      kind: 'revoked',
      status: 'pending',
      actor: AISHA,
      comment: 'Leaked key found',
    });
    expect((await revoke('again')).status).toBe(409);
  });

  it('turns at-risk before a sign-off expires, not-ready after, and records the expiry and the wait', async () => {
    const expiresAt = new Date(Date.now() + 2_000).toISOString();
    const signed = await request(server)
      .post(`${SECRETS}/signoffs`)
      .set('Authorization', as(RACHEL))
      .send({ gateId: 'security-review', expiresAt });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('at-risk');
    expect(signed.body.reason).toMatch(
      /^Ready, but the sign-off of Security review \(team Security\) expires on /,
    );

    await new Promise(resolve => setTimeout(resolve, 2_500));
    const expired = await get<EntityReadiness>(SECRETS);
    expect(expired.status).toBe('not-ready');
    expect(expired.gates.find(g => g.id === 'security-review')).toMatchObject({
      status: 'expired',
      since: expiresAt,
    });
    const { events, waits } = await history(SECRETS);
    expect(events.slice(0, 2).map(e => [e.kind, e.status])).toEqual([
      ['expired', 'expired'],
      ['signed-off', 'passed'],
    ]);
    // waited from the first evaluation until the sign-off, and again since the expiry
    const reviewWaits = waits.filter(w => w.gateId === 'security-review');
    expect(reviewWaits).toHaveLength(2);
    expect(reviewWaits[0].until).toBe(events[1].at);
    expect(reviewWaits[1].from).toBe(expiresAt);
    expect(reviewWaits[1].until).toBeUndefined();
  });

  it('shows all five statuses on the board, oldest waits first, filtered', async () => {
    await request(server)
      .post(`${SECRETS}/signoffs`)
      .set('Authorization', as(RACHEL))
      .send({
        gateId: 'security-review',
        expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      })
      .expect(200);
    // the board lists what was evaluated; refresh every component as the schedule would
    const everyComponent = (
      await get<{ items: Array<{ metadata: { name: string } }> }>(
        '/api/catalog/entities/by-query?filter=kind=component&fields=metadata.name&limit=100',
      )
    ).items;
    for (const { metadata } of everyComponent) {
      await request(server)
        .post(
          `/api/lockstep/readiness/component/default/${metadata.name}/refresh`,
        )
        .set('Authorization', as(TOM))
        .expect(200);
    }
    const board = await get<ReadinessBoard>('/api/lockstep/readiness');
    const statusOf = (name: string) =>
      board.items.find(i => i.entityRef === `component:default/${name}`)
        ?.status;
    expect(new Set(board.items.map(i => i.status))).toEqual(
      new Set(['not-ready', 'blocked', 'at-risk', 'ready']),
    );
    expect(statusOf('secrets-broker')).toBe('at-risk');
    expect(statusOf('product-catalog-service')).toBe('ready');
    // unknown: no profile, so not on the board, but its page says so
    expect(statusOf('mobile-bff')).toBeUndefined();
    expect(
      (
        await get<EntityReadiness>(
          '/api/lockstep/readiness/component/default/mobile-bff',
        )
      ).status,
    ).toBe('unknown');

    const waiting = board.items
      .filter(i => i.waitingSince)
      .map(i => i.waitingSince!);
    expect(waiting).toEqual([...waiting].sort());
    expect(board.items.findIndex(i => !i.waitingSince)).toBeGreaterThanOrEqual(
      waiting.length,
    );
    expect(board.teams).toContainEqual({
      entityRef: 'group:default/security',
      title: 'Security',
    });

    const blocked = await get<ReadinessBoard>(
      '/api/lockstep/readiness?status=blocked&owner=group:default/payments',
    );
    expect(blocked.items.length).toBeGreaterThan(0);
    expect(
      blocked.items.every(
        i => i.status === 'blocked' && i.owner === 'group:default/payments',
      ),
    ).toBe(true);
    const page = await get<ReadinessBoard>(
      '/api/lockstep/readiness?limit=2&offset=1',
    );
    expect(page.total).toBe(board.total);
    expect(page.items.map(i => i.entityRef)).toEqual(
      board.items.slice(1, 3).map(i => i.entityRef),
    );
    const bad = await request(server)
      .get('/api/lockstep/readiness?status=green')
      .set('Authorization', as(TOM));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/status: unknown status 'green'/);

    const statuses = await request(server)
      .post('/api/lockstep/readiness/statuses')
      .set('Authorization', as(TOM))
      .send({
        entityRefs: [
          'component:default/secrets-broker',
          'component:default/mobile-bff',
        ],
      });
    expect(statuses.body.statuses).toEqual({
      'component:default/secrets-broker': 'at-risk',
      'component:default/mobile-bff': 'unknown',
    });
  });

  it('keeps sign-offs and history across a restart', async () => {
    await givenSignedOff(server, SECRETS, {
      ...REVIEW_BY_RACHEL,
      body: { expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
    });
    const before = await history(SECRETS);
    await stop();
    await start();
    const after = await get<EntityReadiness>(SECRETS);
    expect(after.status).toBe('at-risk');
    expect(after.gates.find(g => g.id === 'security-review')?.signedBy).toBe(
      RACHEL,
    );
    expect((await history(SECRETS)).events).toEqual(before.events);
  });
});
