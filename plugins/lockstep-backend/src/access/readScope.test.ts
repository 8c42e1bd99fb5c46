import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import {
  buildGraphTopology,
  DEFAULT_GRAPH_RELATIONS,
  describeReadiness,
  EntityReadiness,
  findBlockers,
  GraphTopology,
  ownReadiness,
  OwnReadiness,
  readinessUpstream,
  walkGraph,
} from '@lockstep/backstage-plugin-lockstep-common';
import { Knex } from 'knex';
import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  sampleLockstepConfig,
  sampleReadinessConfig,
  startSampleCatalogBackend,
} from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { bearerFor } from '../__testUtils__/testTokens';
import {
  catalogReadExcept,
  testPolicy,
  withRealPermissions,
} from '../__testUtils__/testPolicy';

const user = (name: string) => `user:default/${name}`;
const NINA = user('nina.petrova'); // Data: may read everything but what team Payments owns
const CARLOS = user('carlos.mendes'); // Data, same policy; never calls Lockstep before he is notified
const TOM = user('tom.nguyen'); // Storefront: may read no Resource
const GRACE = user('grace.kim'); // reads everything: the unrestricted answer
const HANNAH = user('hannah.berg'); // Storefront, reads everything: a co-approver who may be told
const DANIEL = user('daniel.okafor'); // Checkout
const SOFIA = user('sofia.martinez'); // Checkout
const PRIYA = user('priya.sharma'); // Payments
const MARCUS = user('marcus.chen'); // Payments
const RESTRICTED = [NINA, CARLOS, TOM];

const ownedByPayments = (entity: Entity) =>
  (entity.relations ?? []).some(
    r => r.type === 'ownedBy' && r.targetRef === 'group:default/payments',
  );
/** What each restricted user may not read, as the policy below decides it. */
const hiddenFrom: Record<string, (entity: Entity) => boolean> = {
  [NINA]: ownedByPayments,
  [CARLOS]: ownedByPayments,
  [TOM]: entity => entity.kind === 'Resource',
};

/** A real conditional policy through the real permission backend, as an adopter would write it. */
const policyModule = testPolicy('lockstep-read-scope-policy', (query, who) => {
  if (who === NINA || who === CARLOS)
    return catalogReadExcept(query, { ownedBy: 'group:default/payments' });
  if (who === TOM) return catalogReadExcept(query, { kind: 'Resource' });
  return undefined;
});

/**
 * Beside the sample: hidden entities that block readable ones, and co-approval across teams through
 * the documented annotation, so that people are asked to approve what they may not read.
 */
const EXTRA_ENTITIES = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'risk-engine',
      title: 'Risk Engine',
      annotations: { 'lockstep.io/approvers': 'group:default/data=1' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'payments',
      dependsOn: ['component:fraud-service'],
    },
  },
  {
    // ready in itself; blocked only by what Payments owns
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'data-exporter',
      title: 'Data Exporter',
      annotations: { 'pagerduty.com/service-id': 'P424242' },
      links: [
        {
          url: 'https://runbooks.brightcart.example/data-exporter',
          title: 'Runbook',
          type: 'runbook',
        },
      ],
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'data',
      dependsOn: ['component:ledger-service'],
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'sessions-db',
      title: 'Sessions Database',
      annotations: { 'lockstep.io/approvers': 'group:default/storefront=1' },
    },
    spec: { type: 'database', owner: 'checkout' },
  },
];

const sampleApprovals = sampleLockstepConfig().approvals;
const APPROVALS = {
  ...sampleApprovals,
  policies: [
    ...sampleApprovals.policies,
    {
      id: 'canary',
      title: 'Canary',
      filter: { kind: ['Component'] },
      environments: ['canary'],
      requireReadiness: true,
      stages: [
        { name: 'Owning team', rules: [{ group: 'owner', minApprovals: 1 }] },
      ],
    },
    {
      id: 'database-change',
      title: 'Database change',
      filter: { kind: ['Resource'] },
      environments: ['production'],
      stages: [
        { name: 'Owning team', rules: [{ group: 'owner', minApprovals: 1 }] },
        {
          name: 'Operations',
          rules: [{ group: 'group:default/platform-sre', minApprovals: 1 }],
        },
      ],
    },
  ],
};
const sampleProfiles = sampleReadinessConfig() as { profiles: unknown[] };
const READINESS = {
  ...sampleProfiles,
  profiles: [
    ...sampleProfiles.profiles,
    {
      id: 'database',
      title: 'Database',
      filter: { kind: ['Resource'], type: ['database'] },
      gates: [
        {
          id: 'restore-drill',
          title: 'Restore drill done',
          team: 'group:default/platform-sre',
          type: 'signoff',
        },
      ],
    },
  ],
};

interface Seen {
  what: string;
  text: string;
  /** What the caller sent: an answer may repeat it without telling them anything. */
  asked: string;
}

/** An answer without the echo of the caller's own request line, which tells them nothing new. */
function learnedFrom(text: string) {
  try {
    const { request: _echo, ...rest } = JSON.parse(text);
    return _echo && rest.error ? JSON.stringify(rest) : text;
  } catch {
    return text;
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` without `spellings` of one thing, when the caller sent it themselves in one of them. */
function withoutEcho(text: string, asked: string, spellings: string[]) {
  if (!spellings.some(term => asked.includes(term))) return text;
  return spellings.reduce(
    (rest, term) => rest.replace(new RegExp(escape(term), 'gi'), '…'),
    text,
  );
}

/** Where `text` names an entity: its ref, its name as a whole word, or its title. */
function mentions(entity: Entity, extraTerms: string[] = []) {
  const ref = stringifyEntityRef(entity);
  const patterns = [
    new RegExp(escape(ref), 'i'),
    new RegExp(`(?<![\\w.-])${escape(entity.metadata.name)}(?![\\w-])`, 'i'),
    ...(entity.metadata.title
      ? [new RegExp(escape(entity.metadata.title))]
      : []),
    ...extraTerms.map(term => new RegExp(escape(term))),
  ];
  return (text: string) => patterns.some(p => p.test(text));
}

/** The catalog as a restricted reader would have it: hidden entities gone, and relations to them. */
function readableTopology(entities: Entity[], hidden: Set<string>) {
  return buildGraphTopology(
    entities
      .filter(e => !hidden.has(stringifyEntityRef(e)))
      .map(e => ({
        ...e,
        relations: (e.relations ?? []).filter(
          r => !hidden.has(r.targetRef.toLocaleLowerCase('en-US')),
        ),
      })),
  );
}

/** What the permitted walk answers on a topology, in the response's terms, sorted for comparing. */
function idealGraph(
  topology: GraphTopology,
  root: string,
  query: {
    direction: 'upstream' | 'downstream' | 'both';
    depth: number;
    kinds?: string[];
    maxNodes: number;
  },
) {
  const refOf = (node: number) => topology.nodes[node].entityRef;
  const result = walkGraph(topology, {
    root: topology.indexOf(root)!,
    direction: query.direction,
    depth: query.depth,
    relations: new Set(DEFAULT_GRAPH_RELATIONS),
    kinds: query.kinds && new Set(query.kinds.map(k => k.toLowerCase())),
    maxNodes: query.maxNodes,
  });
  return {
    nodes: result.nodes
      .map(node => ({
        ref: refOf(node),
        more: result.more.get(node) ?? 0,
      }))
      .sort((a, b) => a.ref.localeCompare(b.ref)),
    edges: result.edges
      .map(
        e =>
          `${refOf(e.source)} ${refOf(e.target)} ${e.relation} ${(e.via ?? [])
            .map(refOf)
            .join(',')}`,
      )
      .sort(),
    truncated: result.truncated,
    cycles: result.cycles.map(c => c.map(refOf).sort().join(' ')).sort(),
  };
}

function answeredGraph(body: any) {
  return {
    nodes: body.nodes
      .map((n: any) => ({ ref: n.entityRef, more: n.more ?? 0 }))
      .sort((a: any, b: any) => a.ref.localeCompare(b.ref)),
    edges: body.edges
      .map(
        (e: any) =>
          `${e.source} ${e.target} ${e.relation} ${(e.via ?? []).join(',')}`,
      )
      .sort(),
    truncated: body.truncated,
    cycles: body.cycles.map((c: string[]) => [...c].sort().join(' ')).sort(),
  };
}

const databases = createTestDatabases();
jest.setTimeout(600_000);

describe.each(databases.eachSupportedId())(
  'what a restricted caller learns, on %s',
  databaseId => {
    let knex: Knex;
    let server: Server;
    let stop: () => Promise<void>;
    let dir: string;
    let entities: Entity[];
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
        asked: `${what} ${JSON.stringify(body ?? {})}`.toLocaleLowerCase(
          'en-US',
        ),
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
    const readableOf = (who: string) =>
      entities.filter(e => !hiddenFrom[who](e));
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
        entities = answer.body;
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

    it('walks, caps and counts the graph inside what the caller may read', async () => {
      let compared = 0;
      for (const who of [NINA, TOM]) {
        const hidden = hiddenSet(who);
        const topology = readableTopology(entities, hidden);
        for (const entity of readableOf(who).filter(inWalks)) {
          const root = stringifyEntityRef(entity);
          const queries = [
            { direction: 'upstream', depth: 0, maxNodes: 400 },
            { direction: 'downstream', depth: 0, maxNodes: 400 },
            { direction: 'both', depth: 1, maxNodes: 400 },
            {
              direction: 'upstream',
              depth: 0,
              maxNodes: 400,
              kinds: ['Component'],
            },
          ] as const;
          for (const query of queries) {
            const answer = await get(
              who,
              `/graph?entityRef=${root}&direction=${query.direction}&depth=${
                query.depth
              }&maxNodes=${query.maxNodes}${
                'kinds' in query ? `&kinds=${query.kinds.join(',')}` : ''
              }`,
            );
            expect(answer.status).toBe(200);
            expect({ root, query, ...answeredGraph(answer.body) }).toEqual({
              root,
              query,
              ...idealGraph(topology, root, {
                ...query,
                kinds: 'kinds' in query ? [...query.kinds] : undefined,
              }),
            });
            compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(200);
    });

    it('spends the node cap on readable entities alone', async () => {
      const root = 'component:default/web-storefront';
      const ideal = idealGraph(
        readableTopology(entities, hiddenSet(NINA)),
        root,
        {
          direction: 'upstream',
          depth: 0,
          maxNodes: 1000,
        },
      );
      const readable = ideal.nodes.length;
      // the unrestricted walk is larger: the cap would be spent on hidden entities otherwise
      const everything = await get(
        GRACE,
        `/graph?entityRef=${root}&direction=upstream&depth=0&maxNodes=1000`,
      );
      expect(everything.body.nodes.length).toBeGreaterThan(readable);
      for (const [maxNodes, truncated] of [
        [readable - 1, true],
        [readable, false],
      ] as const) {
        const answer = await get(
          NINA,
          `/graph?entityRef=${root}&direction=upstream&depth=0&maxNodes=${maxNodes}`,
        );
        expect(answer.body.truncated).toBe(truncated);
        expect(answer.body.nodes).toHaveLength(maxNodes);
        const more = answer.body.nodes.reduce(
          (sum: number, n: any) => sum + (n.more ?? 0),
          0,
        );
        // every left-out neighbour is one she may read
        expect(more > 0).toBe(truncated);
      }
    });

    it('names, counts and routes through only readable blockers, on the entity and on the board', async () => {
      const unrestricted = new Map<string, EntityReadiness>();
      for (const entity of entities.filter(inWalks)) {
        const ref = stringifyEntityRef(entity);
        const answer = await request(server)
          .get(`/api/lockstep/readiness/${refPath(ref)}`)
          .set('Authorization', await bearer(GRACE));
        expect(answer.status).toBe(200);
        unrestricted.set(ref, answer.body);
      }
      const teamTitles = new Map(
        entities
          .filter(e => e.kind === 'Group')
          .map(e => [stringifyEntityRef(e), e.metadata.title]),
      );
      const titleOf = (ref: string) => teamTitles.get(ref);
      let withHidden = 0;
      for (const who of [NINA, TOM]) {
        const topology = readableTopology(entities, hiddenSet(who));
        const own: OwnReadiness[] = topology.nodes.map(node => {
          const full = unrestricted.get(node.entityRef);
          return full?.profile ? ownReadiness(full.gates) : 'unknown';
        });
        const answers = new Map<string, EntityReadiness>();
        for (const entity of readableOf(who).filter(inWalks)) {
          const ref = stringifyEntityRef(entity);
          const answer = await get(who, `/readiness/${refPath(ref)}`);
          expect(answer.status).toBe(200);
          const mine: EntityReadiness = answer.body;
          const full = unrestricted.get(ref)!;
          answers.set(ref, mine);

          const ideal = findBlockers(topology, own, topology.indexOf(ref)!);
          const idealRefs = ideal.map(b => topology.nodes[b.node].entityRef);
          const hiddenBlockers = full.blockedBy.some(
            b => !idealRefs.includes(b.entityRef),
          );
          if (hiddenBlockers) withHidden++;
          // the same blockers, each at the distance of the shortest readable path
          expect({
            ref,
            blockers: mine.blockedBy
              .map(b => `${b.entityRef} ${b.path.length}`)
              .sort(),
            hiddenBlockers: mine.hiddenBlockers ?? false,
          }).toEqual({
            ref,
            blockers: ideal
              .map(b => `${topology.nodes[b.node].entityRef} ${b.path.length}`)
              .sort(),
            hiddenBlockers,
          });
          for (const blocker of mine.blockedBy) {
            // what it says of each blocker is what a reader of everything is told of it
            const { path: _p, ...rest } = blocker;
            const { path: _q, ...expected } = full.blockedBy.find(
              b => b.entityRef === blocker.entityRef,
            )!;
            expect(rest).toEqual(expected);
            // and its path is a path through readable entities
            for (let i = 1; i < blocker.path.length; i++) {
              const from = topology.indexOf(blocker.path[i - 1])!;
              expect(
                readinessUpstream(topology, from).map(
                  n => topology.nodes[n].entityRef,
                ),
              ).toContain(blocker.path[i]);
            }
          }
          expect(mine.status).toBe(full.status);
          expect(mine.reason).toBe(
            describeReadiness(
              {
                status: mine.status,
                gates: mine.gates,
                blockedBy: mine.blockedBy,
                hiddenBlockers,
              },
              titleOf,
            ),
          );
        }

        // the board: the same rows the entity answers give, for every owner
        for (const team of teamTitles.keys()) {
          const board = await get(who, `/readiness?owner=${team}`);
          expect(board.status).toBe(200);
          const expectedRows = [...answers.values()]
            .filter(a => a.profile && a.owner === team)
            .map(a => a.entityRef)
            .sort();
          expect(board.body.items.map((i: any) => i.entityRef).sort()).toEqual(
            expectedRows,
          );
          expect(board.body.total).toBe(expectedRows.length);
          for (const item of board.body.items) {
            const mine = answers.get(item.entityRef)!;
            expect(item.status).toBe(mine.status);
            expect(item.hiddenBlockers ?? false).toBe(
              mine.hiddenBlockers ?? false,
            );
            expect(item.blockedBy.length).toBe(
              Math.min(3, mine.blockedBy.length),
            );
            const named = new Set(mine.blockedBy.map(b => b.entityRef));
            for (const b of item.blockedBy)
              expect(named).toContain(b.entityRef);
          }
        }

        // statuses of everything asked: the readable ones alone
        const statuses = await post(who, '/readiness/statuses', {
          entityRefs: entities.filter(inWalks).map(e => stringifyEntityRef(e)),
        });
        expect(Object.keys(statuses.body.statuses).sort()).toEqual(
          readableOf(who)
            .filter(inWalks)
            .map(e => stringifyEntityRef(e))
            .sort(),
        );
      }
      // the sample is one where hidden entities do block readable ones, for both users
      expect(withHidden).toBeGreaterThan(5);
      // and where a reader is told the names she may read (the scan has something to find)
      expect(
        seen
          .get(TOM)!
          .some(r => r.text.includes('"component:default/payment-gateway"')),
      ).toBe(true);
      const exporter = (
        await get(NINA, '/readiness/component/default/data-exporter')
      ).body;
      expect(exporter).toMatchObject({
        status: 'blocked',
        reason: 'Blocked by a dependency you cannot see',
        blockedBy: [],
        hiddenBlockers: true,
      });
    });

    it('shows the readiness frozen on a request as each reader may see it', async () => {
      const id = requests.checkout;
      const full = (
        await request(server)
          .get(`/api/lockstep/approvals/${id}`)
          .set('Authorization', await bearer(GRACE))
      ).body.readinessAtCreation;
      expect(full.blockedBy.map((b: any) => b.entityRef)).toEqual(
        expect.arrayContaining([
          'component:default/payment-gateway',
          'resource:default/checkout-db',
        ]),
      );
      for (const who of [NINA, TOM]) {
        const hidden = hiddenSet(who);
        const view = (await get(who, `/approvals/${id}`)).body
          .readinessAtCreation;
        const readableFull = full.blockedBy.filter((b: any) =>
          b.path.every((ref: string) => !hidden.has(ref)),
        );
        expect(view.blockedBy.map((b: any) => b.entityRef)).toEqual(
          readableFull.map((b: any) => b.entityRef),
        );
        expect(view.hiddenBlockers).toBe(true);
        expect(view.status).toBe(full.status);
        // the same in every list it appears in
        const listed = (
          await get(
            who,
            `/approvals?entityRef=component:default/checkout-service`,
          )
        ).body.items.find((r: any) => r.id === id);
        expect(listed.readinessAtCreation).toEqual(view);
      }
    });

    it('answers a hidden request, entity or root exactly as an unknown one', async () => {
      const unknownId = '00000000-0000-4000-8000-000000000000';
      const sameAs = (
        hidden: request.Response,
        unknown: request.Response,
        a: string,
        b: string,
      ) => {
        expect(hidden.status).toBe(unknown.status);
        const blank = (text: string, ref: string) =>
          [ref, ref.includes(':') ? refPath(ref) : ref].reduce(
            (t, term) => t.split(term).join('X'),
            text,
          );
        expect(blank(hidden.text, a)).toBe(blank(unknown.text, b));
      };
      for (const [who, id, requestRef, otherRef] of [
        [
          NINA,
          requests.riskEngine,
          'component:default/risk-engine',
          'component:default/payment-gateway',
        ],
        [
          CARLOS,
          requests.riskEngine,
          'component:default/risk-engine',
          'api:default/ledger-api',
        ],
        [
          TOM,
          requests.sessionsDb,
          'resource:default/sessions-db',
          'resource:default/checkout-db',
        ],
      ]) {
        for (const route of ['', '/audit', '/wait?timeout=0']) {
          sameAs(
            await get(who, `/approvals/${id}${route}`),
            await get(who, `/approvals/${unknownId}${route}`),
            id,
            unknownId,
          );
        }
        for (const [route, body] of [
          ['/decisions', { decision: 'approve', comment: 'x' }],
          ['/cancel', {}],
        ] as const) {
          sameAs(
            await post(who, `/approvals/${id}${route}`, body),
            await post(who, `/approvals/${unknownId}${route}`, body),
            id,
            unknownId,
          );
        }
        expect(
          (await get(who, `/approvals?entityRef=${requestRef}`)).body.items,
        ).toEqual([]);
        for (const ref of [requestRef, otherRef]) {
          const unknownRef = ref.replace(/[^/]+$/, 'no-such-entity');
          for (const p of [
            (r: string) => `/graph?entityRef=${r}`,
            (r: string) => `/readiness/${refPath(r)}`,
            (r: string) => `/readiness/${refPath(r)}/history`,
          ]) {
            sameAs(
              await get(who, p(ref)),
              await get(who, p(unknownRef)),
              ref,
              unknownRef,
            );
          }
          for (const [p, body] of [
            [
              (r: string) => `/readiness/${refPath(r)}/signoffs`,
              { gateId: 'security-review' },
            ],
            [(r: string) => `/readiness/${refPath(r)}/refresh`, {}],
          ] as const) {
            sameAs(
              await post(who, p(ref), body),
              await post(who, p(unknownRef), body),
              ref,
              unknownRef,
            );
          }
          const revoke = (r: string) =>
            `/readiness/${refPath(r)}/signoffs/security-review`;
          sameAs(
            await del(who, revoke(ref), { comment: 'x' }),
            await del(who, revoke(unknownRef), { comment: 'x' }),
            ref,
            unknownRef,
          );
          // asking for a release of a hidden entity tells nothing of the request open on it
          const create = await post(
            who,
            '/approvals',
            release(ref, 'production'),
          );
          const createUnknown = await post(
            who,
            '/approvals',
            release(unknownRef, 'production'),
          );
          sameAs(create, createUnknown, ref, unknownRef);
        }
      }
    });

    it('refuses an approval on readiness in words the approver may read', async () => {
      const refused = await post(
        CARLOS,
        `/approvals/${requests.canary}/decisions`,
        {
          decision: 'approve',
          comment: 'Ship it',
        },
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe(
        'This policy approves only ready entities; component:default/data-exporter is blocked: Blocked by a dependency you cannot see',
      );
    });

    it('tells only those who may read it what a request is about', async () => {
      const inbox = async (who: string) => {
        const answer = await request(server)
          .get('/api/notifications/notifications?limit=100')
          .set('Authorization', await bearer(who));
        expect(answer.status).toBe(200);
        keep(who, 'GET /api/notifications/notifications', answer);
        return answer.body.notifications as Array<{
          payload: { title: string; link?: string };
        }>;
      };
      // a co-approver who may read it is told what it is...
      expect((await inbox(HANNAH)).map(n => n.payload.title)).toContain(
        'Approval needed: Release sessions-db 1.0.0',
      );
      // ...one who may not is told nothing; one whose access is not known yet only that something waits
      expect(
        (await inbox(TOM)).filter(n => n.payload.title.startsWith('Approval')),
      ).toEqual([]);
      expect(
        (await inbox(NINA)).filter(n => n.payload.title.startsWith('Approval')),
      ).toEqual([]);
      expect((await inbox(CARLOS)).map(n => n.payload)).toContainEqual(
        expect.objectContaining({
          title: 'Approval needed',
          link: '/lockstep/approvals',
        }),
      );
    });

    it('lists, in every way of listing, only what the caller may read', async () => {
      for (const who of RESTRICTED) {
        for (const query of [
          '',
          '?pendingFor=me',
          '?state=pending',
          '?pendingFor=me&state=pending',
          '?state=approved',
        ]) {
          const listed = await get(who, `/approvals${query}`);
          expect(listed.status).toBe(200);
        }
        for (const id of Object.values(requests)) {
          await get(who, `/approvals/${id}`);
          await get(who, `/approvals/${id}/audit`);
        }
      }
    });

    it('signals nothing but that something changed', () => {
      const lockstep = signals.filter(s => s.channel.startsWith('lockstep'));
      expect(lockstep.length).toBeGreaterThan(0);
      for (const signal of lockstep) {
        expect(signal.recipients).toEqual({ type: 'broadcast' });
        expect(Object.keys(signal.message as object)).toEqual(['at']);
      }
    });
  },
);
