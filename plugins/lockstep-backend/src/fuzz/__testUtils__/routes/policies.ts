import { RouteFuzz } from '../draft';
import {
  LEDGER,
  LONG,
  NO_SUCH_ENTITY,
  ODD_ENVIRONMENTS,
  pathTo,
  query,
} from './shared';

/** The policy routes. */
export function policyRoutes(): Record<string, RouteFuzz> {
  return {
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
  };
}
