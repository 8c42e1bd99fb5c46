import fc from 'fast-check';
import { Draft, enc, Mutation, RouteFuzz } from '../draft';
import { MALFORMED_ESCAPES, UNICODE_ODDITIES } from '../inputs';
import { matchesSpecRoute, Operation } from '../spec';
import { fixed, FuzzContext, generated, MutationClass } from './classes';
import { setSegment } from './edits';

/** Path parameters: NUL, encoded slash, colon, empty, dot segments, long, huge, odd unicode. */
export function pathClasses(op: Operation, fuzz: RouteFuzz, ctx: FuzzContext) {
  const classes: MutationClass[] = [];
  for (const param of op.parameters.filter(p => p.in === 'path')) {
    const base = fuzz.path?.[param.name] ?? 'x';
    const e = enc(base);
    const on = (
      cls: string,
      values: string[] | fc.Arbitrary<string>,
      options: Partial<Mutation> = {},
    ) => {
      const apply = (draft: Draft, raw: string) => {
        setSegment(draft, param.name, raw);
        const url = `/${draft.segments.join('/')}`;
        // an empty segment at the end is another route's address (/approvals/ is /approvals)
        if (raw === '' && matchesSpecRoute(ctx.operations, draft.method, url)) {
          return undefined;
        }
        return draft;
      };
      classes.push(
        Array.isArray(values)
          ? fixed('path', `path.${param.name}:${cls}`, values, apply, options)
          : generated(
              'path',
              `path.${param.name}:${cls}`,
              values,
              apply,
              options,
            ),
      );
    };
    on('nul', [`${e}%00`, '%00', `${e.slice(0, 3)}%00${e.slice(3)}`]);
    on('encoded-slash', [
      `${e}%2F`,
      `a%2F${e}`,
      '%2F',
      `..%2F..%2F${e}`,
      `${e}%2f${e}`,
    ]);
    on('colon', [`${e}:x`, `x:${e}`, ':', `${e}%3A`]);
    on('empty', ['']);
    on('dot-segment', ['.', '..', '%2E%2E']);
    on('long', [
      'a'.repeat(256),
      `${e}${'a'.repeat(1000)}`,
      'b'.repeat(8000),
      '%C3%A9'.repeat(2000), // 2,000 × é
    ]);
    on('huge-1mb', ['a'.repeat(1024 * 1024)], { heavy: true });
    on('unicode', UNICODE_ODDITIES.map(enc));
    on('malformed-escape', MALFORMED_ESCAPES);
    on(
      'nonexistent',
      param.name === 'id'
        ? fc.uuid().map(enc)
        : fc
            .stringMatching(/^[a-z][a-z0-9-]{0,20}$/)
            .map(s => enc(`no-such-${s}`)),
      { expect: [404] },
    );
  }
  return classes;
}
