import { RouteFuzz } from '../draft';
import { rawJson, semantic, setQuery } from '../mutations';
import { as, body, MALFORMED_REFS, pathTo, query, Targets } from './shared';

/** The approval routes, aimed at the requests in `t`. */
export function approvalRoutes(t: Targets): Record<string, RouteFuzz> {
  return {
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

    'GET /approvals/{id}/wait': {
      // waits on a request that is over answer at once, even where a bad timeout got through
      as: 'priya',
      path: { id: t.cancelled },
      query: { timeout: '0' },
    },
  };
}
