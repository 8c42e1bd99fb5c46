import { RouteFuzz } from '../draft';
import { MALFORMED_REFS, query } from './shared';

/** The health and graph routes. */
export function graphRoutes(): Record<string, RouteFuzz> {
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
  };
}
