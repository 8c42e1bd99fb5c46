import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { ApprovalService } from './approvals/ApprovalService';
import { GraphService } from './graph/GraphService';
import { ReadinessCheckRegistry } from './readiness/ReadinessCheckRegistry';
import { ReadinessService } from './readiness/ReadinessService';
import { PolicyService } from './policies/PolicyService';
import { createRouter } from './router';
import { spec } from './schema';

/**
 * The unit tier of the HTTP layer: the routers over services that are mocks, so that every route's
 * 401, the person-only routes' 403 and the routers' own 400s are checked in milliseconds, and the
 * routers are seen handing services exactly what they parsed. The integration tier (the real
 * catalog, both databases) is in the capability folders.
 */

type Mocked<T> = {
  [K in keyof T]: T[K] extends (...a: never[]) => unknown ? jest.Mock : T[K];
};

const answer = { ok: true };
const mockMethods = <T extends object>(names: Array<keyof T>) =>
  Object.fromEntries(
    names.map(name => [name, jest.fn(async () => answer)]),
  ) as unknown as Mocked<T> & T;

function setUp() {
  const readiness = mockMethods<ReadinessService>([
    'getReadiness',
    'refresh',
    'history',
    'statuses',
    'board',
    'signOff',
    'revoke',
  ]);
  const approvals = mockMethods<ApprovalService>([
    'create',
    'list',
    'get',
    'decide',
    'cancel',
    'audit',
    'wait',
  ]);
  const graph = mockMethods<GraphService>(['getGraph']);
  const policies = mockMethods<PolicyService>(['overview', 'forEntity']);
  const auditor = mockServices.auditor.mock();
  const app = async () =>
    express()
      .use(
        await createRouter({
          httpAuth: mockServices.httpAuth({
            defaultCredentials: mockCredentials.none(),
          }),
          auditor,
          logger: mockServices.logger.mock(),
          graph,
          maxNodesLimit: 5000,
          readinessChecks: new ReadinessCheckRegistry(),
          readiness,
          approvals,
          policies,
        }),
      )
      .use(mockErrorHandler());
  return { app, readiness, approvals, graph, policies };
}

const USER = mockCredentials.user.header('user:default/daniel.okafor');
const SERVICE = mockCredentials.service.header();

/** Every operation of the spec with its path parameters filled in and a body it accepts. */
const operations = Object.entries(spec.paths).flatMap(([template, methods]) =>
  Object.keys(methods).map(method => ({
    method: method as 'get' | 'post' | 'delete',
    path: template
      .replace('{kind}', 'component')
      .replace('{namespace}', 'default')
      .replace('{name}', 'cart-service')
      .replace('{gateId}', 'security')
      .replace('{id}', 'r1'),
    template,
  })),
);
const query: Record<string, string> = {
  '/graph': '?entityRef=component:default/cart-service',
};
const bodies: Record<string, object> = {
  'post /readiness/statuses': { entityRefs: ['component:default/a'] },
  'post /readiness/{kind}/{namespace}/{name}/signoffs': { gateId: 'security' },
  'delete /readiness/{kind}/{namespace}/{name}/signoffs/{gateId}': {
    comment: 'It no longer holds',
  },
  'post /approvals': {
    entityRef: 'component:default/cart-service',
    title: 'Release',
    environment: 'production',
    version: '1.0.0',
  },
  'post /approvals/{id}/decisions': { decision: 'approve' },
  'post /approvals/{id}/cancel': {},
};
const send = (
  server: express.Express,
  operation: (typeof operations)[number],
  authorization?: string,
) => {
  const key = `${operation.method} ${operation.template}`;
  let call = request(server)[operation.method](
    `${operation.path}${query[operation.template] ?? ''}`,
  );
  if (authorization) call = call.set('Authorization', authorization);
  return bodies[key] ? call.send(bodies[key]) : call;
};

describe('the HTTP routes over mocked services', () => {
  it('answers 401 on every route but /health to a caller without credentials, calling no service', async () => {
    const { app, readiness, approvals, graph, policies } = setUp();
    const server = await app();
    for (const operation of operations) {
      const answered = await send(server, operation);
      expect([operation.template, answered.status]).toEqual([
        operation.template,
        operation.template === '/health' ? 200 : 401,
      ]);
    }
    for (const mock of [readiness, approvals, graph, policies]) {
      for (const method of Object.values(mock)) {
        expect(method).not.toHaveBeenCalled();
      }
    }
  });

  it('lets only people sign off, revoke and decide: a service principal gets 403', async () => {
    const { app, readiness, approvals } = setUp();
    const server = await app();
    const personOnly = operations.filter(operation =>
      /signoffs|decisions/.test(operation.template),
    );
    expect(personOnly).toHaveLength(3);
    for (const operation of personOnly) {
      expect((await send(server, operation, SERVICE)).status).toBe(403);
    }
    expect(readiness.signOff).not.toHaveBeenCalled();
    expect(readiness.revoke).not.toHaveBeenCalled();
    expect(approvals.decide).not.toHaveBeenCalled();
  });

  it('reaches its service on every route for a signed-in person', async () => {
    const { app } = setUp();
    const server = await app();
    for (const operation of operations) {
      const answered = await send(server, operation, USER);
      expect([operation.template, answered.status]).toEqual([
        operation.template,
        operation.method === 'post' && operation.template === '/approvals'
          ? 201
          : 200,
      ]);
    }
  });

  it('refuses what the routers parse with a 400 naming the parameter, before any service', async () => {
    const { app, readiness, approvals } = setUp();
    const server = await app();
    const refusals: Array<[request.Test, RegExp]> = [
      [
        request(server).get('/readiness?status=bad').set('Authorization', USER),
        /^status: unknown status 'bad'; use not-ready, blocked/,
      ],
      [
        request(server).get('/approvals?state=open').set('Authorization', USER),
        /^state: unknown state 'open'; use pending, approved/,
      ],
      [
        request(server)
          .get('/approvals?pendingFor=me')
          .set('Authorization', SERVICE),
        /^pendingFor=me needs a signed-in user/,
      ],
      [
        request(server)
          .get('/approvals?pendingFor=me&state=approved')
          .set('Authorization', USER),
        /cannot be combined with state=approved/,
      ],
      [
        request(server)
          .get('/readiness/com:ponent/default/cart-service')
          .set('Authorization', USER),
        /^kind: must be one name without ':' or '\/'/,
      ],
      [
        request(server)
          .post('/readiness/component/default/cart-service/signoffs')
          .set('Authorization', USER)
          .send({ gateId: 'security', signedBy: 'someone else' }),
        /must NOT have additional properties/,
      ],
    ];
    for (const [call, message] of refusals) {
      const answered = await call;
      expect([answered.status, answered.body.error?.message]).toEqual([
        400,
        expect.stringMatching(message),
      ]);
    }
    expect(readiness.board).not.toHaveBeenCalled();
    expect(readiness.getReadiness).not.toHaveBeenCalled();
    expect(readiness.signOff).not.toHaveBeenCalled();
    expect(approvals.list).not.toHaveBeenCalled();
  });

  it('hands services what it parsed: trimmed lists, numbers, the entity ref of the path', async () => {
    const { app, readiness, approvals } = setUp();
    const server = await app();
    await request(server)
      .get(
        '/readiness?status=blocked, not-ready&owner=group:default/checkout&limit=20',
      )
      .set('Authorization', USER);
    expect(readiness.board).toHaveBeenCalledWith(
      {
        owner: 'group:default/checkout',
        system: undefined,
        team: undefined,
        limit: 20,
        offset: 0,
        status: ['blocked', 'not-ready'],
      },
      expect.anything(),
    );
    await request(server)
      .delete('/readiness/Component/default/cart-service/signoffs/security')
      .set('Authorization', USER)
      .send({ comment: 'Found a hole' });
    expect(readiness.revoke).toHaveBeenCalledWith(
      'component:default/cart-service',
      'security',
      'Found a hole',
      expect.objectContaining({
        principal: expect.objectContaining({
          userEntityRef: 'user:default/daniel.okafor',
        }),
      }),
    );
    await request(server)
      .get('/approvals?pendingFor=me&limit=5')
      .set('Authorization', USER);
    expect(approvals.list).toHaveBeenCalledWith(
      {
        entityRef: undefined,
        state: undefined,
        pendingFor: 'me',
        limit: 5,
        cursor: undefined,
      },
      expect.anything(),
    );
  });

  it('hands the policies service the entity of the path and the environment to dry-run', async () => {
    const { app, policies } = setUp();
    const server = await app();
    await request(server)
      .get('/policies/Component/default/cart-service?environment= production ')
      .set('Authorization', SERVICE);
    expect(policies.forEntity).toHaveBeenCalledWith(
      'component:default/cart-service',
      'production',
      expect.objectContaining({
        principal: expect.objectContaining({ type: 'service' }),
      }),
    );
    const tooLong = await request(server)
      .get(
        `/policies/component/default/cart-service?environment=${'e'.repeat(
          201,
        )}`,
      )
      .set('Authorization', USER);
    expect([tooLong.status, tooLong.body.error?.message]).toEqual([
      400,
      expect.stringMatching(/environment/),
    ]);
    expect(policies.forEntity).toHaveBeenCalledTimes(1);
  });
});
