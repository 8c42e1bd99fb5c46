import { Knex } from 'knex';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { startFuzzBackend } from './__testUtils__/backend';
import { baseDraft, PERSONA_REFS, Persona } from './__testUtils__/draft';
import { FuzzContext } from './__testUtils__/mutations';
import {
  describe as describeOutcome,
  distinctFailures,
  dumpLine,
  messageOf,
  Outcome,
  plan,
} from './__testUtils__/plan';
import { routeFuzzers, Targets } from './__testUtils__/routes';
import { send } from './__testUtils__/send';
import { sendCases } from './__testUtils__/sendCases';
import { operationsOf } from './__testUtils__/spec';
import { differences, snapshot, TableState } from './__testUtils__/storage';

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
const SHOW_OFFENDERS = 25;

const databases = createTestDatabases();
jest.setTimeout(600_000);

const operations = operationsOf();

describe.each(databases.eachSupportedId())('bad requests on %s', databaseId => {
  let knex: Knex;
  let server: Server;
  let stop: () => Promise<void>;
  let tokens: Partial<Record<Persona, string>>;
  let makeTargets: () => Promise<Targets>;
  let before: Record<string, TableState>;
  let outcomes: Outcome[] = [];
  const startedAt = Date.now();
  const timings: Record<string, number> = {};

  // The bad requests are sent once, before the tests: each test reads what they were answered
  // or what they stored, and passes alone.
  beforeAll(async () => {
    knex = await databases.init(databaseId);
    const backend = await startFuzzBackend(knex);
    ({ server, stop, tokens, makeTargets } = backend);
    timings.start = Date.now() - startedAt;

    const targets = await backend.prepare();
    before = await snapshot(knex);
    timings.setup = Date.now() - startedAt - timings.start;

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
    const sendStarted = Date.now();
    outcomes = await sendCases(backend, cases, targets);
    timings.send = Date.now() - sendStarted;
  });

  afterAll(async () => {
    await stop?.();
    await knex?.destroy();
  });

  it('answers every bad request with a 4xx, in JSON with a short message', async () => {
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
