import { Draft, enc, Mutation, Persona, RouteFuzz } from './draft';
import { rawJson, semantic, setQuery, withBody } from './mutations';

/** What the valid requests made before the fuzzing, so that bad requests can aim at real ids. */
export interface Targets {
  /** Pending production request of payment-gateway by Priya, past its first stage (Marcus). */
  pending: string;
  /** Pending staging request of cart-service by Daniel: what cancellations aim at. */
  pendingToCancel: string;
  /** A request Priya cancelled: waits on it answer at once. */
  cancelled: string;
}

const LEDGER = {
  kind: 'component',
  namespace: 'default',
  name: 'ledger-service',
};
const [ODD_ENVIRONMENTS, LONG] = [
  ['PRODUCTION', 'unnamed', ' '],
  'e'.repeat(201),
];
const NO_SUCH_ENTITY = {
  kind: 'component',
  namespace: 'default',
  name: 'no-such-service',
};

const as = (persona: Persona, cls: string, expect?: number[]): Mutation =>
  semantic(
    'auth',
    cls,
    draft => {
      draft.as = persona;
      delete draft.authorization;
      return draft;
    },
    expect && { expect },
  );

const query = (cls: string, name: string, values: string[], options = {}) =>
  values.map(value =>
    semantic('query', cls, draft => setQuery(draft, name, enc(value)), options),
  );

const body = (
  cls: string,
  change: Record<string, unknown> | ((body: any) => unknown),
  options: Partial<Mutation> = {},
) =>
  semantic(
    'body',
    cls,
    draft =>
      withBody(draft, current =>
        typeof change === 'function'
          ? change(current)
          : { ...current, ...change },
      ),
    options,
  );

const pathTo = (cls: string, values: Record<string, string>, options = {}) =>
  semantic(
    'path',
    cls,
    (draft: Draft) => {
      for (const [name, value] of Object.entries(values)) {
        draft.segments[draft.params[name]] = enc(value);
      }
      return draft;
    },
    options,
  );

/** Entity refs that are no entity ref at all (400), and well-formed ones of nothing (404). */
const MALFORMED_REFS = [
  '',
  ' ',
  ':',
  '/',
  'component:',
  'component:default/',
  ':default/checkout-service',
  'checkout-service', // no kind, and none to default to
  'component:default/checkout-service/extra',
  'a:b:c',
];

/**
 * Every operation of the spec, keyed `METHOD /template`: the valid request to start from and the
 * route's own bad inputs. The fuzz suite fails when the spec has an operation missing here, or
 * this has one the spec does not.
 */
export function routeFuzzers(t: Targets): Record<string, RouteFuzz> {
  return {
    'GET /health': { as: 'none' },

    'GET /graph': {
      as: 'priya',
      query: { entityRef: 'component:default/checkout-service' },
      extra: [
        ...query('query.entityRef:malformed-ref', 'entityRef', MALFORMED_REFS),
        ...query(
          'query.entityRef:unknown-entity',
          'entityRef',
          [
            'component:default/no-such-service',
            'component:nowhere/checkout-service',
          ],
          { expect: [404] },
        ),
        ...query('query.entityRef:long', 'entityRef', [
          `component:default/${'a'.repeat(8000)}`,
          'x'.repeat(8000),
        ]),
        ...query('query.relations:unknown', 'relations', [
          'friendOf',
          'dependsOn,bogus',
          'dependsOn,%00',
        ]),
        ...query('query.maxNodes:over-configured-cap', 'maxNodes', [
          '5001',
          '100000',
        ]),
      ],
    },

    'GET /readiness/check-types': { as: 'priya' },

    'GET /readiness': {
      as: 'priya',
      extra: query('query.status:unknown', 'status', [
        'green',
        'ready,green',
        'READY',
        'blocked;not-ready',
      ]),
    },

    'POST /readiness/statuses': {
      as: 'priya',
      body: { entityRefs: ['component:default/checkout-service'] },
      extra: [
        // nothing says such refs are refused rather than left out: sent for 5xx and error size only
        body(
          'body.entityRefs:garbage-refs',
          { entityRefs: [':', 'a:b:c', '\u202e', 'x'.repeat(5000)] },
          { odd: true },
        ),
        body(
          'body.entityRefs:huge-ref',
          { entityRefs: [`component:default/${'q'.repeat(900_000)}`] },
          { odd: true, heavy: true },
        ),
      ],
    },

    'GET /readiness/{kind}/{namespace}/{name}': {
      as: 'priya',
      path: LEDGER,
      extra: [pathTo('path:unknown-entity', NO_SUCH_ENTITY, { expect: [404] })],
    },
    'POST /readiness/{kind}/{namespace}/{name}/refresh': {
      as: 'priya',
      path: LEDGER,
      extra: [pathTo('path:unknown-entity', NO_SUCH_ENTITY, { expect: [404] })],
    },

    'GET /readiness/{kind}/{namespace}/{name}/history': {
      as: 'priya',
      path: LEDGER,
      extra: [pathTo('path:unknown-entity', NO_SUCH_ENTITY, { expect: [404] })],
    },

    'POST /readiness/{kind}/{namespace}/{name}/signoffs': {
      as: 'rachel',
      path: LEDGER,
      body: { gateId: 'security-review', comment: 'fuzz', version: '1.0.0' },
      extra: [
        as('tom', 'actor:not-in-the-team', [403]),
        as('service', 'actor:service-principal'),
        body(
          'body.gateId:unknown-gate',
          { gateId: 'no-such-gate' },
          { expect: [404] },
        ),
        body(
          'body.gateId:check-gate',
          { gateId: 'owner-team' },
          { expect: [400] },
        ),
        body(
          'body.expiresAt:in-the-past',
          { expiresAt: '2000-01-01T00:00:00.000Z' },
          {
            expect: [400],
          },
        ),
        body(
          'body.expiresAt:beyond-validity',
          { expiresAt: '2999-01-01T00:00:00.000Z' },
          { expect: [400] },
        ),
        pathTo('path:unknown-entity', NO_SUCH_ENTITY, { expect: [404] }),
        pathTo(
          'path:entity-without-profile',
          { kind: 'user', namespace: 'default', name: 'rachel.cohen' },
          { expect: [404] },
        ),
      ],
    },

    'DELETE /readiness/{kind}/{namespace}/{name}/signoffs/{gateId}': {
      as: 'rachel',
      path: { ...LEDGER, gateId: 'security-review' },
      body: { comment: 'fuzz' },
      extra: [
        as('tom', 'actor:not-in-the-team', [403]),
        as('service', 'actor:service-principal'),
        body('body.comment:missing', () => ({})),
        pathTo(
          'path.gateId:check-gate',
          { gateId: 'on-call' },
          { expect: [400] },
        ),
        pathTo(
          'path.gateId:unknown-gate',
          { gateId: 'no-such-gate' },
          { expect: [404] },
        ),
        pathTo('path:unknown-entity', NO_SUCH_ENTITY, { expect: [404] }),
        semantic('body', 'body:none', draft => {
          delete draft.json;
          delete draft.raw;
          return draft;
        }),
      ],
    },

    'POST /approvals': {
      // an entity and environment no target is on: a bad request that gets through supersedes none
      as: 'priya',
      body: {
        entityRef: 'component:default/refund-service',
        title: 'Release refund-service 2.0.0',
        description: 'fuzz',
        environment: 'staging',
        version: '2.0.0',
      },
      extra: [
        ...MALFORMED_REFS.filter(r => r !== '').map(entityRef =>
          body('body.entityRef:malformed-ref', { entityRef }),
        ),
        body(
          'body.entityRef:unknown-entity',
          { entityRef: 'component:default/no-such-service' },
          { expect: [404] },
        ),
        body(
          'body.environment:no-policy',
          { environment: 'no-such-environment' },
          { expect: [400] },
        ),
        body(
          'body.entityRef:entity-without-policy',
          { entityRef: 'user:default/priya.sharma' },
          { expect: [400] },
        ),
        body(
          'body.entityRef:huge-ref',
          { entityRef: `component:default/${'r'.repeat(900_000)}` },
          { heavy: true },
        ),
      ],
    },

    'GET /approvals': {
      as: 'priya',
      extra: [
        ...query('query.state:unknown', 'state', [
          'open',
          'pending,bogus',
          'PENDING',
        ]),
        ...query('query.cursor:forged', 'cursor', [
          'garbage',
          Buffer.from('[]').toString('base64url'),
          '%',
          '====',
        ]),
        semantic('query', 'query.pendingFor:as-service', draft => {
          draft.as = 'service';
          return setQuery(draft, 'pendingFor', 'me');
        }),
        ...query(
          'query.environment:too-long',
          'environment',
          ['e'.repeat(101)],
          {
            expect: [400],
          },
        ),
        ...query(
          'query.requester:odd',
          'requester',
          [
            'me',
            'user:default/no-such-person',
            'group:default/payments',
            '%00',
          ],
          { odd: true },
        ),
      ],
    },

    'GET /approvals/{id}': { as: 'priya', path: { id: t.pending } },

    'POST /approvals/{id}/decisions': {
      // the second stage (security, platform-sre) is open: Rachel may approve
      as: 'rachel',
      path: { id: t.pending },
      body: { decision: 'approve', comment: 'fuzz' },
      extra: [
        as('priya', 'actor:requester', [403]),
        as('tom', 'actor:not-eligible', [403]),
        as('marcus', 'actor:already-decided', [409]),
        as('service', 'actor:service-principal'),
        body(
          'body.comment:reject-without-reason',
          { decision: 'reject', comment: undefined },
          {
            expect: [400],
          },
        ),
        body(
          'body.comment:reject-with-blank-reason',
          { decision: 'reject', comment: ' \u3000 ' },
          { expect: [400] },
        ),
        body('body.stage:passed-stage', { stage: 0 }, { expect: [409] }),
        pathTo(
          'path.id:terminal-request',
          { id: t.cancelled },
          { expect: [409] },
        ),
      ],
    },

    'POST /approvals/{id}/cancel': {
      as: 'daniel',
      path: { id: t.pendingToCancel },
      body: { comment: 'fuzz' },
      extra: [
        as('felix', 'actor:not-the-requester', [403]),
        as('tom', 'actor:not-the-requester', [403]),
        {
          // the requester of the request that is over: nothing is left to cancel
          ...pathTo(
            'path.id:terminal-request',
            { id: t.cancelled },
            { expect: [409] },
          ),
          apply: draft => {
            const next = pathTo('', { id: t.cancelled }).apply(draft)!;
            next.as = 'priya';
            return next;
          },
        },
        semantic('content-type', 'content-type:text-body', draft =>
          rawJson(draft, 'please cancel', 'text/plain'),
        ),
      ],
    },

    'GET /approvals/{id}/audit': { as: 'priya', path: { id: t.pending } },

    'GET /policies': { as: 'priya' },
    'GET /policies/{kind}/{namespace}/{name}': {
      as: 'priya',
      path: LEDGER,
      query: { environment: 'production' },
      extra: [
        pathTo('path:unknown-entity', NO_SUCH_ENTITY, { expect: [404] }),
        ...query('query.environment:odd', 'environment', ODD_ENVIRONMENTS, {
          odd: true,
        }),
        ...query('query.environment:too-long', 'environment', [LONG], {
          expect: [400],
        }),
      ],
    },

    'GET /approvals/{id}/wait': {
      // waits on a request that is over answer at once, even where a bad timeout got through
      as: 'priya',
      path: { id: t.cancelled },
      query: { timeout: '0' },
    },
  };
}
