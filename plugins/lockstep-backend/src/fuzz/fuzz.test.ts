import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import authPlugin from '@backstage/plugin-auth-backend';
import { Knex } from 'knex';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  sampleReadinessConfig,
  startSampleCatalogBackend,
} from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { bearerFor, testTokensModule } from '../__testUtils__/testTokens';
import { baseDraft, PERSONA_REFS, Persona } from './__testUtils__/draft';
import { FuzzContext } from './__testUtils__/mutations';
import {
  Case,
  describe as describeOutcome,
  distinctFailures,
  dumpLine,
  judge,
  messageOf,
  Outcome,
  plan,
} from './__testUtils__/plan';
import { routeFuzzers, Targets } from './__testUtils__/routes';
import { send } from './__testUtils__/send';
import { operationsOf } from './__testUtils__/spec';
import {
  differences,
  lockstepTables,
  snapshot,
  TableState,
} from './__testUtils__/storage';

/**
 * The fuzz suite (issue 10): thousands of generated bad requests over every operation of
 * `schema/openapi.yaml`, against a real backend with the real catalog, on every test database.
 * None may be answered with a 5xx or a 2xx, every 4xx is JSON with a short message, and nothing
 * is stored. LOCKSTEP_FUZZ_SEED fixes the inputs (printed); LOCKSTEP_FUZZ_RUNS sets how many mixed
 * requests follow the catalogue of every class of bad input on every route; LOCKSTEP_FUZZ_DUMP=path
 * writes every request and answer to path.<database>.jsonl.
 */

const SEED = Number(process.env.LOCKSTEP_FUZZ_SEED ?? 20261210);
const RUNS = Number(process.env.LOCKSTEP_FUZZ_RUNS ?? 2000);
const CONCURRENCY = 6;
const SERVICE_TOKEN = 'lockstep-fuzz-pipeline-token';
const SHOW_OFFENDERS = 25;

const databases = createTestDatabases();
jest.setTimeout(600_000);

const operations = operationsOf();
const placeholderTargets: Targets = {
  pending: '00000000-0000-4000-8000-000000000001',
  pendingToCancel: '00000000-0000-4000-8000-000000000002',
  cancelled: '00000000-0000-4000-8000-000000000003',
};

describe('the fuzz suite itself', () => {
  it('has a generator for every operation of the spec, and none for an operation it lacks', () => {
    const fuzzers = routeFuzzers(placeholderTargets);
    const inSpec = operations.map(op => op.key);
    expect(inSpec.filter(key => !fuzzers[key])).toEqual([]);
    expect(Object.keys(fuzzers).filter(key => !inSpec.includes(key))).toEqual(
      [],
    );
    // and every one has values for its path parameters
    for (const op of operations)
      expect(() => baseDraft(op, fuzzers[op.key])).not.toThrow();
  });

  it("knows Lockstep's tables from the migrations", () => {
    expect(lockstepTables()).toEqual(
      expect.arrayContaining([
        'readiness_gates',
        'readiness_evaluations',
        'readiness_events',
        'approval_requests',
        'approval_decisions',
        'approval_audit',
      ]),
    );
  });
});

describe.each(databases.eachSupportedId())('bad requests on %s', databaseId => {
  let knex: Knex;
  let server: Server;
  let stop: () => Promise<void>;
  let tokens: Partial<Record<Persona, string>>;
  let targets: Targets;
  let before: Record<string, TableState>;
  let outcomes: Outcome[] = [];
  const startedAt = Date.now();
  const timings: Record<string, number> = {};

  const as = (persona: Persona) => tokens[persona]!;
  const expectStatus = async (
    what: string,
    call: request.Test,
    status: number,
  ) => {
    const response = await call;
    if (response.status !== status) {
      throw new Error(
        `Setup: ${what} answered ${
          response.status
        }, not ${status}: ${response.text.slice(0, 500)}`,
      );
    }
    return response.body;
  };

  const createRequest = async (
    who: Persona,
    entity: string,
    environment: string,
  ): Promise<string> =>
    (
      await expectStatus(
        `creating a request for ${entity}`,
        request(server)
          .post('/api/lockstep/approvals')
          .set('Authorization', as(who))
          .send({
            entityRef: `component:default/${entity}`,
            title: `Release ${entity} 1.0.0`,
            environment,
            version: '1.0.0',
          }),
        201,
      )
    ).id;
  /** A pending production request of payment-gateway past its first stage: Rachel may decide. */
  const makePending = async () => {
    const id = await createRequest('priya', 'payment-gateway', 'production');
    await expectStatus(
      'the owner approving',
      request(server)
        .post(`/api/lockstep/approvals/${id}/decisions`)
        .set('Authorization', as('marcus'))
        .send({ decision: 'approve', comment: 'owner approves' }),
      200,
    );
    return id;
  };
  const signOffSecurityReview = () =>
    expectStatus(
      'a security sign-off',
      request(server)
        .post(
          '/api/lockstep/readiness/component/default/ledger-service/signoffs',
        )
        .set('Authorization', as('rachel'))
        .send({ gateId: 'security-review', comment: 'reviewed' }),
      200,
    );
  /**
   * Valid requests, so that bad ones can aim at ids that exist: a pending production request past
   * its first stage, a pending staging request, and a cancelled one.
   */
  const makeTargets = async (): Promise<Targets> => {
    const pending = await makePending();
    const pendingToCancel = await createRequest(
      'daniel',
      'cart-service',
      'staging',
    );
    const cancelled = await createRequest(
      'priya',
      'checkout-service',
      'staging',
    );
    await expectStatus(
      'the requester cancelling',
      request(server)
        .post(`/api/lockstep/approvals/${cancelled}/cancel`)
        .set('Authorization', as('priya'))
        .send({ comment: 'not this one' }),
      200,
    );
    return { pending, pendingToCancel, cancelled };
  };

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    const started = await startSampleCatalogBackend({
      lockstepDatabase: knex,
      features: [
        authPlugin,
        testTokensModule,
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
      ],
      authorization: s => bearerFor(s, 'user:default/grace.kim'),
      externalAccess: [
        {
          type: 'static',
          options: { token: SERVICE_TOKEN, subject: 'fuzz-pipeline' },
        },
      ],
      // no scheduled evaluation while the fuzzing runs: it would rewrite the readiness tables
      readiness: {
        ...sampleReadinessConfig(),
        schedule: {
          frequency: { hours: 24 },
          timeout: { minutes: 10 },
          initialDelay: { hours: 24 },
        },
      },
    });
    server = started.server;
    stop = () => started.backend.stop();
    timings.start = Date.now() - startedAt;

    tokens = { service: `Bearer ${SERVICE_TOKEN}` };
    for (const [persona, ref] of Object.entries(PERSONA_REFS)) {
      tokens[persona as Persona] = await bearerFor(server, ref);
    }

    targets = await makeTargets();
    await signOffSecurityReview();
    // Readiness is evaluated on first read and stored: read what bad requests aim at first.
    for (const ref of [
      'component/default/ledger-service',
      'component/default/payment-gateway',
      'component/default/cart-service',
      'component/default/checkout-service',
      'user/default/rachel.cohen',
    ]) {
      await expectStatus(
        `reading the readiness of ${ref}`,
        request(server)
          .get(`/api/lockstep/readiness/${ref}`)
          .set('Authorization', as('priya')),
        200,
      );
    }
    before = await snapshot(knex);
    timings.setup = Date.now() - startedAt - timings.start;
  });

  afterAll(async () => {
    await stop?.();
    await knex?.destroy();
  });

  it('answers every bad request with a 4xx, in JSON with a short message', async () => {
    const ctx: FuzzContext = {
      operations,
      tokens,
      forgedSubject: PERSONA_REFS.rachel,
    };
    const { cases } = plan(operations, routeFuzzers(targets), ctx, SEED, RUNS);
    console.log(
      `Lockstep fuzz on ${databaseId}: seed ${SEED} (LOCKSTEP_FUZZ_SEED), ${
        cases.length
      } requests: ${
        cases.filter(c => c.phase === 'catalogue').length
      } in the catalogue, ${
        cases.filter(c => c.phase === 'mixed').length
      } mixed (LOCKSTEP_FUZZ_RUNS=${RUNS})`,
    );
    const port = (server.address() as AddressInfo).port;
    const sendStarted = Date.now();
    outcomes = new Array(cases.length);

    // Routes whose target a bad request that got through uses up (a decision taken, a request
    // cancelled, a sign-off revoked): their requests go one at a time, and the target is made again
    // after any 2xx, so that one defect does not hide the next behind 409s.
    const current: Targets = { ...targets };
    const rearm: Record<string, () => Promise<unknown>> = {
      'POST /approvals/{id}/decisions': async () => {
        current.pending = await makePending();
      },
      'POST /approvals/{id}/cancel': async () => {
        current.pendingToCancel = await createRequest(
          'daniel',
          'cart-service',
          'staging',
        );
      },
      'DELETE /readiness/{kind}/{namespace}/{name}/signoffs/{gateId}':
        signOffSecurityReview,
    };
    const aimed = (draft: Case['draft']) => ({
      ...draft,
      segments: draft.segments.map(segment =>
        (Object.keys(targets) as Array<keyof Targets>).reduce(
          (s, key) => s.split(targets[key]).join(current[key]),
          segment,
        ),
      ),
    });
    const sendOne = async (i: number) => {
      const c: Case = { ...cases[i], draft: aimed(cases[i].draft) };
      outcomes[i] = judge(c, await send(port, c.draft, tokens));
      const status = outcomes[i].answer.status;
      if (status >= 200 && status < 300) await rearm[c.route]?.();
    };
    const lanes = new Map<string, number[]>();
    const shared: number[] = [];
    cases.forEach((c, i) => {
      if (!rearm[c.route]) shared.push(i);
      else lanes.set(c.route, [...(lanes.get(c.route) ?? []), i]);
    });
    let next = 0;
    const worker = async () => {
      while (next < shared.length) await sendOne(shared[next++]);
    };
    const lane = async (indices: number[]) => {
      for (const i of indices) await sendOne(i);
    };
    await Promise.all([
      ...Array.from({ length: CONCURRENCY }, worker),
      ...[...lanes.values()].map(lane),
    ]);
    timings.send = Date.now() - sendStarted;
    if (process.env.LOCKSTEP_FUZZ_DUMP) {
      // every request and its answer, one JSON line each, for a closer look
      fs.writeFileSync(
        `${process.env.LOCKSTEP_FUZZ_DUMP}.${databaseId}.jsonl`,
        `${outcomes.map(dumpLine).join('\n')}\n`,
      );
    }

    const failed = outcomes.filter(o => o.problems.length > 0);
    const count = (problem: string) =>
      outcomes.filter(o => o.problems.some(p => p.problem === problem)).length;
    const byRoute = new Map<
      string,
      { sent: number; statuses: Map<number, number> }
    >();
    for (const o of outcomes) {
      const entry = byRoute.get(o.case.route) ?? {
        sent: 0,
        statuses: new Map(),
      };
      entry.sent++;
      entry.statuses.set(
        o.answer.status,
        (entry.statuses.get(o.answer.status) ?? 0) + 1,
      );
      byRoute.set(o.case.route, entry);
    }
    const statuses = (m: Map<number, number>) =>
      [...m.entries()]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s || 'none'}×${n}`)
        .join(' ');
    const all = new Map<number, number>();
    for (const o of outcomes)
      all.set(o.answer.status, (all.get(o.answer.status) ?? 0) + 1);
    const summary = [
      `Lockstep fuzz summary on ${databaseId} (seed ${SEED}): ${
        outcomes.length
      } bad requests in ${(timings.send / 1000).toFixed(1)} s (backend start ${(
        timings.start / 1000
      ).toFixed(1)} s, setup ${(timings.setup / 1000).toFixed(1)} s)`,
      `  5xx: ${count('5xx')}   2xx to invalid: ${count(
        'accepted',
      )}   no answer: ${count('no-answer')}   wrong 4xx: ${count(
        'wrong-status',
      )}   bad error body: ${count('bad-error')}`,
      `  statuses: ${statuses(all)}`,
      ...[...byRoute.entries()].map(
        ([route, { sent, statuses: s }]) =>
          `  ${route.padEnd(62)} ${String(sent).padStart(5)}  ${statuses(s)}`,
      ),
    ].join('\n');
    console.log(summary);

    if (failed.length > 0) {
      const distinct = distinctFailures(
        failed.filter(o => o.case.phase === 'catalogue'),
      );
      const mixed = failed.filter(o => o.case.phase === 'mixed').length;
      const report = [
        `${failed.length} of ${outcomes.length} bad requests were answered wrongly on ${databaseId} (seed ${SEED}).`,
        `Distinct failures of single inputs (${distinct.length}):`,
        ...distinct.map(
          g =>
            `- ${g.problem} ×${g.count}: ${
              g.example.case.route
            } [${g.example.case.classes.join(' + ')}] -> ${
              g.example.answer.status || g.example.answer.failure
            } ${messageOf(g.example.answer)
              .replace(/\s+/g, ' ')
              .slice(0, 160)}`,
        ),
        `and ${mixed} failures of mixed requests. First ${Math.min(
          SHOW_OFFENDERS,
          failed.length,
        )} offending requests:`,
        ...failed.slice(0, SHOW_OFFENDERS).map(describeOutcome),
      ].join('\n');
      throw new Error(report);
    }
    expect(failed).toEqual([]);
  });

  it('stores nothing for them', async () => {
    expect(outcomes.length).toBeGreaterThan(0);
    const after = await snapshot(knex);
    const changed = differences(before, after);
    if (changed.length > 0) {
      console.log(
        `Lockstep fuzz on ${databaseId}: tables changed\n${changed.join('\n')}`,
      );
    }
    expect(changed).toEqual([]);
    console.log(
      `Lockstep fuzz on ${databaseId}: ${Object.entries(after)
        .map(([table, s]) => `${table} ${s.rows} rows`)
        .join(', ')}: unchanged`,
    );
  });

  it('accepts the valid requests the bad ones were made from', async () => {
    // Proof that each bad request was refused for what was broken in it, not for a broken base.
    // Fresh targets, so that a bad request that got through cannot fail this too; reads first,
    // writes after, each write in an order that leaves the next one valid.
    const fuzzers = routeFuzzers(await makeTargets());
    // a new request supersedes the open one the decision goes to: it comes last
    const rank = (key: string, method: string) => {
      if (key === 'POST /approvals') return 2;
      return method === 'GET' ? 0 : 1;
    };
    const order = [...operations].sort(
      (a, b) => rank(a.key, a.method) - rank(b.key, b.method),
    );
    const wrong: string[] = [];
    for (const op of order) {
      const draft = baseDraft(op, fuzzers[op.key]);
      const answer = await send(
        (server.address() as AddressInfo).port,
        draft,
        tokens,
      );
      if (answer.status < 200 || answer.status >= 300) {
        wrong.push(
          `${op.key}: ${answer.status} ${messageOf(answer).slice(0, 200)}`,
        );
      }
    }
    expect(wrong).toEqual([]);
    console.log(
      `Lockstep fuzz on ${databaseId}: took ${(
        (Date.now() - startedAt) /
        1000
      ).toFixed(1)} s in all`,
    );
  });
});
