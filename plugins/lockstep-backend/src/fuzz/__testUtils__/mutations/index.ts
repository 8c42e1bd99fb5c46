import fc from 'fast-check';
import { clone, Dimension, Draft, Mutation, RouteFuzz } from '../draft';
import { Operation } from '../spec';
import { authClasses } from './auth';
import { bodyClasses } from './body';
import { FuzzContext, mutation, MutationClass } from './classes';
import { pathClasses } from './path';
import { queryClasses } from './query';
import { routeClasses } from './route';

export type { FuzzContext, MutationClass } from './classes';
export { rawJson, setQuery, withBody } from './edits';
export { BODY_LIMIT_BYTES } from './values';

/** Every class of bad input for one route: derived from its spec, plus the route's own. */
export function mutationClasses(
  op: Operation,
  fuzz: RouteFuzz,
  ctx: FuzzContext,
): MutationClass[] {
  return [
    ...authClasses(op, ctx),
    ...pathClasses(op, fuzz, ctx),
    ...queryClasses(op, fuzz),
    ...bodyClasses(op, fuzz),
    ...routeClasses(op, ctx),
    ...(fuzz.extra ?? []).map(m => ({
      dim: m.dim,
      cls: m.cls,
      heavy: m.heavy,
      all: [m],
      arb: fc.constant(m),
    })),
  ];
}

/** A route's semantic bad input: `apply` on a clone of the draft. */
export const semantic = (
  dim: Dimension,
  cls: string,
  apply: (draft: Draft) => Draft | undefined,
  options: Partial<Mutation> = {},
): Mutation => mutation(dim, cls, draft => apply(clone(draft)), options);
