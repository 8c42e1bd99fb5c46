import fc from 'fast-check';
import { Draft } from '../draft';
import { matchesSpecRoute, Operation } from '../spec';
import { fixed, FuzzContext, generated, MutationClass } from './classes';

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Methods the path does not have, and addresses next to the route that are none. */
export function routeClasses(op: Operation, ctx: FuzzContext): MutationClass[] {
  const methods = ALL_METHODS.filter(
    m =>
      !ctx.operations.some(o => o.template === op.template && o.method === m),
  );
  const classes: MutationClass[] = [];
  if (methods.length > 0) {
    classes.push(
      fixed(
        'method',
        'method:not-in-spec',
        methods,
        (draft, method) => {
          draft.method = method;
          return draft;
        },
        { expect: [404, 405] },
      ),
    );
  }
  const unknownSegment = (
    draft: Draft,
    segment: string,
    where: 'end' | 'double-slash',
  ) => {
    if (where === 'end') draft.segments.push(segment);
    else draft.segments.splice(1, 0, '');
    const url = `/${draft.segments.join('/')}`;
    return matchesSpecRoute(ctx.operations, draft.method, url)
      ? undefined
      : draft;
  };
  classes.push(
    generated(
      'route',
      'route:unknown-subpath',
      fc.stringMatching(/^[a-z]{1,10}$/),
      (draft, segment) => unknownSegment(draft, segment, 'end'),
      { expect: [404] },
    ),
    fixed(
      'route',
      'route:double-slash',
      [''],
      (draft, segment) => unknownSegment(draft, segment, 'double-slash'),
      { expect: [404] },
    ),
  );
  return classes;
}
