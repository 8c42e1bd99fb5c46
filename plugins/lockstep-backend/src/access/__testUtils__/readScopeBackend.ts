import { createServiceFactory } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import { Knex } from 'knex';
import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startSampleCatalogBackend } from '../../__testUtils__/sampleCatalog';
import { withRealPermissions } from '../../__testUtils__/testPolicy';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { bearerFor } from '../../__testUtils__/testTokens';
import { learnedFrom, mentions, Seen, withoutEcho } from './leaks';
import {
  APPROVALS,
  DANIEL,
  EXTRA_ENTITIES,
  GRACE,
  HANNAH,
  hiddenFrom,
  MARCUS,
  NINA,
  policyModule,
  PRIYA,
  READINESS,
  RESTRICTED,
  SOFIA,
  TOM,
} from './readScopeCatalog';

/**
 * The sample backend with the read-scope policy, on `databaseId`, for the `describe` block this is
 * called in: requests across teams made before its tests, and after each test, a scan of all that
 * the restricted users were answered, sent or signalled for what they may not read.
 */
export function useReadScopeBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  let knex: Knex;
  let server: Server;
  let stop: () => Promise<void>;
  let dir: string;
  /** The catalog as a reader of everything sees it, once the index has the extra entities. */
  const entities: Entity[] = [];
  const signals: SignalPayload[] = [];
  const tokens = new Map<string, string>();
  /** Everything each restricted user was answered or sent. */
  const seen = new Map<string, Seen[]>(RESTRICTED.map(u => [u, []]));
  const requests: Record<string, string> = {};

  const bearer = async (who: string) => {
    if (!tokens.has(who)) tokens.set(who, await bearerFor(server, who));
    return tokens.get(who)!;
  };
  const keep = (
    who: string,
    what: string,
    response: request.Response,
    body?: object,
  ) => {
    seen.get(who)?.push({
      what: `${what} → ${response.status}`,
      text: learnedFrom(response.text),
      asked: `${what} ${JSON.stringify(body ?? {})}`.toLocaleLowerCase('en-US'),
    });
    return response;
  };
  const get = async (who: string, p: string) =>
    keep(
      who,
      `GET ${p}`,
      await request(server)
        .get(`/api/lockstep${p}`)
        .set('Authorization', await bearer(who)),
    );
  const post = async (who: string, p: string, body: object) =>
    keep(
      who,
      `POST ${p}`,
      await request(server)
        .post(`/api/lockstep${p}`)
        .set('Authorization', await bearer(who))
        .send(body),
      body,
    );
  const del = async (who: string, p: string, body: object) =>
    keep(
      who,
      `DELETE ${p}`,
      await request(server)
        .delete(`/api/lockstep${p}`)
        .set('Authorization', await bearer(who))
        .send(body),
      body,
    );
  const refPath = (ref: string) => {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    return `${kind}/${namespace}/${name}`;
  };
  const release = (entityRef: string, environment: string) => ({
    entityRef,
    environment,
    version: '1.0.0',
    title: `Release ${entityRef.split('/')[1]} 1.0.0`,
  });
  const hiddenSet = (who: string) =>
    new Set(
      entities
        .filter(hiddenFrom[who])
        .map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')),
    );
  const readableOf = (who: string) => entities.filter(e => !hiddenFrom[who](e));
  const inWalks = (e: Entity) =>
    ['Component', 'API', 'Resource', 'System'].includes(e.kind);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-read-scope-'));
    const extra = path.join(dir, 'extra.yaml');
    fs.writeFileSync(
      extra,
      EXTRA_ENTITIES.map(e => JSON.stringify(e)).join('\n---\n'),
    );
    knex = await databases.init(databaseId);
    const started = await startSampleCatalogBackend({
      lockstepDatabase: knex,
      permissions: true,
      extraLocations: [extra],
      readiness: READINESS,
      approvals: APPROVALS,
      features: [
        ...withRealPermissions(policyModule),
        notificationsPlugin,
        // what the backend publishes, as every open page would receive it
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            publish: async (signal: SignalPayload) => {
              signals.push(signal);
            },
          }),
        }),
      ],
      authorization: s => bearerFor(s, GRACE),
    });
    server = started.server;
    stop = () => started.backend.stop();
    // the sample's catalog has every extra entity once the index has them
    const deadline = Date.now() + 120_000;
    for (;;) {
      const answer = await request(server)
        .get('/api/catalog/entities')
        .set('Authorization', await bearer(GRACE));
      entities.splice(0, entities.length, ...answer.body);
      // checks run on a schedule or when someone looks; look at everything once, as the sweep would
      for (const e of entities.filter(inWalks))
        await request(server)
          .get(`/api/lockstep/readiness/${refPath(stringifyEntityRef(e))}`)
          .set('Authorization', await bearer(GRACE));
      const graph = await request(server)
        .get('/api/lockstep/graph?entityRef=component:default/data-exporter')
        .set('Authorization', await bearer(GRACE));
      const readiness = await request(server)
        .get('/api/lockstep/readiness/component/default/data-exporter')
        .set('Authorization', await bearer(GRACE));
      const names = new Set(entities.map(e => e.metadata.name));
      if (
        EXTRA_ENTITIES.every(x => names.has(x.metadata.name)) &&
        graph.status === 200 &&
        readiness.body.status === 'blocked' &&
        readiness.body.gates.every((g: any) => g.team !== 'owner')
      )
        break;
      if (Date.now() > deadline)
        throw new Error(
          `The extra entities never reached Lockstep: ${
            entities.length
          } entities; graph of data-exporter ${graph.status}; its readiness ${
            readiness.status
          } ${readiness.text.slice(0, 500)}`,
        );
      await new Promise(resolve => setTimeout(resolve, 500));
    }

    // Nina and Hannah have used Lockstep before anyone asks them to approve; Carlos has not
    await get(NINA, '/graph?entityRef=component:default/feature-store');
    await get(HANNAH, '/graph?entityRef=component:default/web-storefront');
    await get(TOM, '/graph?entityRef=component:default/web-storefront');

    // Requests that cross teams: on readable entities blocked by hidden ones, and on hidden
    // entities that a restricted user's team is asked to co-approve.
    const make = async (
      key: string,
      who: string,
      body: Record<string, unknown>,
    ) => {
      const created = await request(server)
        .post('/api/lockstep/approvals')
        .set('Authorization', await bearer(who))
        .send(body);
      if (created.status !== 201)
        throw new Error(`${key}: ${created.status} ${created.text}`);
      requests[key] = created.body.id;
      return created.body;
    };
    const approve = async (who: string, id: string) => {
      const decided = await request(server)
        .post(`/api/lockstep/approvals/${id}/decisions`)
        .set('Authorization', await bearer(who))
        .send({ decision: 'approve', comment: 'Fine by us' });
      if (decided.status !== 200)
        throw new Error(`${who} on ${id}: ${decided.status} ${decided.text}`);
    };
    await make(
      'checkout',
      DANIEL,
      release('component:default/checkout-service', 'production'),
    );
    await make(
      'riskEngine',
      PRIYA,
      release('component:default/risk-engine', 'production'),
    );
    await approve(MARCUS, requests.riskEngine); // the co-approving stage opens: Data is asked
    await make(
      'sessionsDb',
      SOFIA,
      release('resource:default/sessions-db', 'production'),
    );
    await approve(DANIEL, requests.sessionsDb); // Operations and Storefront are asked
    const canary = await post(
      NINA,
      '/approvals',
      release('component:default/data-exporter', 'canary'),
    );
    if (canary.status !== 201)
      throw new Error(`canary: ${canary.status} ${canary.text}`);
    requests.canary = canary.body.id;
  });

  /**
   * After each test: nothing a restricted user was answered, sent or signalled since the last scan
   * names an entity they may not read, or a request on one.
   */
  const scanned = { answers: 0, signals: 0 };
  let signalsScanned = 0;
  afterEach(() => {
    const hits: string[] = [];
    const fresh = signals.slice(signalsScanned);
    signalsScanned = signals.length;
    for (const who of RESTRICTED) {
      const answers = seen.get(who)!.splice(0);
      const published = fresh
        .filter(
          s =>
            s.recipients.type === 'broadcast' ||
            [s.recipients.entityRef]
              .flat()
              .some(r => r?.toLocaleLowerCase('en-US') === who),
        )
        .map(s => ({
          what: `signal on ${s.channel}`,
          text: JSON.stringify(s),
          asked: '',
        }));
      const received = [...answers, ...published];
      scanned.answers += answers.length;
      scanned.signals += published.length;
      const hiddenRequests =
        who === TOM ? [requests.sessionsDb] : [requests.riskEngine];
      for (const entity of entities.filter(hiddenFrom[who])) {
        const names = mentions(entity);
        const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
        for (const { what, text, asked } of received) {
          if (names(withoutEcho(text, asked, [ref, refPath(ref)])))
            hits.push(`${who} ← ${what}: ${ref}`);
        }
      }
      for (const { what, text, asked } of received) {
        for (const id of hiddenRequests) {
          if (id && withoutEcho(text, asked, [id]).includes(id))
            hits.push(`${who} ← ${what}: request ${id}`);
        }
      }
    }
    // eslint-disable-next-line jest/no-standalone-expect -- what every test received is scanned after it
    expect(hits).toEqual([]);
  });

  afterAll(async () => {
    console.log(
      `Lockstep read scope on ${databaseId}: ${scanned.answers} answers and notifications, ${scanned.signals} signals received by ${RESTRICTED.length} restricted users scanned for the refs, names and titles of what they may not read`,
    );
    await stop?.();
    await knex?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  return {
    get server() {
      return server;
    },
    entities,
    signals,
    seen,
    requests,
    bearer,
    keep,
    get,
    post,
    del,
    refPath,
    release,
    hiddenSet,
    readableOf,
    inWalks,
  };
}

export type ReadScope = ReturnType<typeof useReadScopeBackend>;

/** `describe.each` over the test databases: `tests` are given the backend started for each. */
export function describeReadScope(
  title: string,
  tests: (scope: ReadScope) => void,
) {
  const databases = createTestDatabases();
  jest.setTimeout(600_000);
  // eslint-disable-next-line jest/valid-title -- the title is the string the test file passes
  describe.each(databases.eachSupportedId())(title, databaseId => {
    tests(useReadScopeBackend(databases, databaseId));
  });
}
