import { RouteFuzz } from '../draft';
import { approvalRoutes } from './approvals';
import { graphRoutes } from './graph';
import { policyRoutes } from './policies';
import { readinessRoutes } from './readiness';
import { Targets } from './shared';

export type { Targets } from './shared';

/**
 * Every operation of the spec, keyed `METHOD /template`: the valid request to start from and the
 * route's own bad inputs. The fuzz suite fails when the spec has an operation missing here, or
 * this has one the spec does not.
 */
export function routeFuzzers(t: Targets): Record<string, RouteFuzz> {
  return {
    ...graphRoutes(),
    ...readinessRoutes(),
    ...approvalRoutes(t),
    ...policyRoutes(),
  };
}
