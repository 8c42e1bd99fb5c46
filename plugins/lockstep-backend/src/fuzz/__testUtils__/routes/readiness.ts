import { RouteFuzz } from '../draft';
import { semantic } from '../mutations';
import { as, body, LEDGER, NO_SUCH_ENTITY, pathTo, query } from './shared';

/** The readiness routes: statuses, history, sign-offs. */
export function readinessRoutes(): Record<string, RouteFuzz> {
  return {
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
  };
}
