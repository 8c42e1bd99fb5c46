import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { startSampleCatalogBackend } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { MAX_ECHO } from './errorResponses';

const DANIEL = 'user:default/daniel.okafor';
const RACHEL = 'user:default/rachel.cohen';
const auth = (who = DANIEL) => mockCredentials.user.header(who);

/** Bad input at the edge of every route: a clear 4xx that names what is wrong, and nothing stored. */
const databases = createTestDatabases();
jest.setTimeout(300_000);

describe.each(databases.eachSupportedId())('HTTP input on %s', databaseId => {
  let knex: Knex;
  let server: Server;
  let stop: () => Promise<void>;

  const tables = [
    'approval_requests',
    'approval_decisions',
    'approval_audit',
    'readiness_gates',
    'readiness_events',
  ];
  const counts = async () =>
    Promise.all(
      tables.map(async table =>
        Number((await knex(table).count({ n: '*' }).first())!.n),
      ),
    );
  /** Status, message and whether the answer is short, to compare with `refusal`. */
  const answered = (answer: request.Response) => [
    answer.status,
    answer.body.error?.message,
    JSON.stringify(answer.body).length < 3 * MAX_ECHO,
  ];
  const refusal = (status: number, message: RegExp) => [
    status,
    expect.stringMatching(message),
    true,
  ];

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    const started = await startSampleCatalogBackend({ lockstepDatabase: knex });
    server = started.server;
    stop = () => started.backend.stop();
  });
  afterAll(async () => {
    await stop();
    await knex.destroy();
  });

  it('refuses a NUL character in a body, a query or a path, on every database', async () => {
    const before = await counts();
    const create = (body: Record<string, unknown>) =>
      request(server)
        .post('/api/lockstep/approvals')
        .set('Authorization', auth())
        .send({
          entityRef: 'component:default/cart-service',
          title: 'Release',
          environment: 'staging',
          version: '1.0.0',
          ...body,
        });
    expect(answered(await create({ title: 'Re\u0000lease' }))).toEqual(
      refusal(400, /title.*NUL/),
    );
    expect(answered(await create({ version: '\u0000' }))).toEqual(
      refusal(400, /version.*NUL/),
    );
    expect(
      answered(
        await create({ entityRef: 'component:default/cart\u0000service' }),
      ),
    ).toEqual(refusal(400, /entityRef.*NUL/));
    expect(
      answered(
        await request(server)
          .post(
            '/api/lockstep/readiness/component/default/ledger-service/signoffs',
          )
          .set('Authorization', auth(RACHEL))
          .send({ gateId: 'security-review', comment: 'ok\u0000' }),
      ),
    ).toEqual(refusal(400, /comment.*NUL/));
    expect(
      answered(
        await request(server)
          .get('/api/lockstep/approvals?entityRef=component:default/a%00b')
          .set('Authorization', auth()),
      ),
    ).toEqual(refusal(400, /NUL/));
    expect(
      answered(
        await request(server)
          .get('/api/lockstep/approvals/abc%00def')
          .set('Authorization', auth()),
      ),
    ).toEqual(refusal(400, /NUL/));
    expect(
      answered(
        await request(server)
          .get('/api/lockstep/readiness/component/default/ledger%00-service')
          .set('Authorization', auth()),
      ),
    ).toEqual(refusal(400, /NUL/));
    expect(await counts()).toEqual(before);
  });

  it('refuses a slash or colon inside a path part of an entity', async () => {
    for (const path of [
      '/readiness/a%2Fb/default/x',
      '/readiness/component/de%3Afault/x',
      '/readiness/component/default/x%2Fy/history',
      '/readiness/component/default/a%3Ab/refresh',
    ]) {
      const method = path.endsWith('refresh') ? 'post' : 'get';
      expect(
        answered(
          await request(server)
            [method](`/api/lockstep${path}`)
            .set('Authorization', auth()),
        ),
      ).toEqual(refusal(400, /(kind|namespace|name): must be one name/));
    }
  });

  it('takes whole numbers in decimal digits only, each once', async () => {
    for (const [path, parameter] of [
      ['/approvals?limit=Infinity', 'limit'],
      ['/approvals?limit=1e309', 'limit'],
      ['/approvals?limit=0x10', 'limit'],
      ['/approvals?limit=1.5', 'limit'],
      ['/approvals?limit=%205', 'limit'],
      ['/approvals?limit=1&limit=2', 'limit'],
      ['/readiness?limit=Infinity', 'limit'],
      ['/readiness?offset=-1', 'offset'],
      [
        '/graph?entityRef=component:default/cart-service&maxNodes=0x10',
        'maxNodes',
      ],
      ['/graph?entityRef=component:default/cart-service&depth=1e3', 'depth'],
      ['/approvals/x/wait?timeout=99999999999999999999', 'timeout'],
    ]) {
      expect(
        answered(
          await request(server)
            .get(`/api/lockstep${path}`)
            .set('Authorization', auth()),
        ),
      ).toEqual(refusal(400, new RegExp(`^${parameter}`)));
    }
    expect(
      (
        await request(server)
          .get('/api/lockstep/readiness?limit=0010')
          .set('Authorization', auth())
      ).status,
    ).toBe(200);
  });

  it('answers a body over the limit with 413, and never echoes a megabyte', async () => {
    expect(
      answered(
        await request(server)
          .post('/api/lockstep/readiness/statuses')
          .set('Authorization', auth())
          .send({
            entityRefs: Array(80_000).fill('component:default/cart-service'),
          }),
      ),
    ).toEqual(refusal(413, /too large/));
    const huge = `component:default/${'x'.repeat(900_000)}`;
    expect(
      answered(
        await request(server)
          .post('/api/lockstep/readiness/statuses')
          .set('Authorization', auth())
          .send({ entityRefs: [huge] }),
      ),
    ).toEqual(refusal(400, /entityRefs/));
    expect(
      answered(
        await request(server)
          .post('/api/lockstep/approvals')
          .set('Authorization', auth())
          .send({
            entityRef: huge,
            title: 'x',
            environment: 'staging',
            version: '1',
          }),
      ),
    ).toEqual(refusal(400, /entityRef/));
    expect(
      answered(
        await request(server)
          .get(
            `/api/lockstep/readiness/component/default/${'y'.repeat(12_000)}`,
          )
          .set('Authorization', auth()),
      ),
    ).toEqual(refusal(404, /No entity/));
  });

  it('says 404 in words for an entity without history and for an address without a route', async () => {
    expect(
      answered(
        await request(server)
          .get(
            '/api/lockstep/readiness/component/default/no-such-service/history',
          )
          .set('Authorization', auth()),
      ),
    ).toEqual(refusal(404, /No entity 'component:default\/no-such-service'/));
    expect(
      answered(
        await request(server)
          .get('/api/lockstep/no/such/route')
          .set('Authorization', auth()),
      ),
    ).toEqual(refusal(404, /no route GET \/no\/such\/route/));
  });
});
