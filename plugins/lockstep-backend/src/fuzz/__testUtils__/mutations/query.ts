import fc from 'fast-check';
import { enc, RouteFuzz } from '../draft';
import { BAD_INTEGER_SPELLINGS } from '../inputs';
import { Operation } from '../spec';
import { fixed, generated, MutationClass } from './classes';
import { setQuery } from './edits';
import { tooLong } from './values';

/** Query parameters: unknown names, NUL, repeats, integers spelt badly, enums, lengths. */
export function queryClasses(op: Operation, fuzz: RouteFuzz): MutationClass[] {
  const params = op.parameters.filter(p => p.in === 'query');
  const declared = new Set(params.map(p => p.name));
  const classes: MutationClass[] = [
    fixed(
      'query',
      'query:unknown-name-special',
      [
        ['', 'x'],
        ['__proto__', 'x'],
        ['__proto__', null],
        ['constructor', 'x'],
        ['toString', 'x'],
        ['hasOwnProperty', 'x'],
        ['limit[]', '1'],
        ['a.b', 'x'],
        ['a[b]', 'x'],
        ['ENTITYREF', 'x'],
        ['Limit', '1'],
        ['%20', 'x'],
      ].filter(([name]) => !declared.has(name as string)) as Array<
        [string, string | null]
      >,
      (draft, [name, value]) => {
        draft.query.push([
          name === '%20' ? name : enc(name),
          value === null ? null : enc(value),
        ]);
        return draft;
      },
    ),
    generated(
      'query',
      'query:unknown-name',
      fc
        .tuple(
          fc.oneof(
            fc.constantFrom(
              'foo',
              'filter',
              'fields',
              'orderBy',
              'debug',
              'admin',
            ),
            fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,11}$/),
          ),
          fc.option(fc.string({ maxLength: 20 }), { nil: null }),
        )
        .filter(([name]) => !declared.has(name)),
      (draft, [name, value]) => {
        draft.query.push([enc(name), value === null ? null : enc(value)]);
        return draft;
      },
    ),
    fixed('query', 'query:nul-in-unknown', ['%00', 'a%00b'], (draft, raw) => {
      draft.query.push(['x', raw]);
      return draft;
    }),
  ];
  for (const param of params) {
    const { name, schema } = param;
    const at = (cls: string) => `query.${name}:${cls}`;
    let validValue = fuzz.query?.[name] ?? 'x';
    if (fuzz.query?.[name] === undefined && schema.enum?.[0] !== undefined) {
      validValue = String(schema.enum[0]);
    } else if (fuzz.query?.[name] === undefined && schema.type === 'integer') {
      validValue = String(schema.minimum ?? 1);
    }
    classes.push(
      fixed(
        'query',
        at('nul'),
        [`${enc(validValue)}%00`, '%00'],
        (draft, raw) => setQuery(draft, name, raw),
      ),
      fixed(
        'query',
        at('repeated'),
        [[validValue, validValue]],
        (draft, values) => {
          draft.query = draft.query.filter(([k]) => k !== enc(name));
          for (const v of values) draft.query.push([enc(name), enc(v)]);
          return draft;
        },
      ),
    );
    if (param.required) {
      classes.push(
        fixed('query', at('missing'), [null], draft => {
          draft.query = draft.query.filter(([k]) => k !== enc(name));
          return draft;
        }),
      );
    }
    if (schema.type === 'integer') {
      const values = [...BAD_INTEGER_SPELLINGS];
      if (schema.minimum !== undefined) {
        values.push(String(schema.minimum - 1), String(schema.minimum - 1000));
        if (schema.minimum >= 0) values.push('-1');
      }
      if (schema.maximum !== undefined) {
        values.push(String(schema.maximum + 1), '99999999999999999999');
      }
      classes.push(
        fixed('query', at('bad-integer'), values, (draft, raw) =>
          setQuery(draft, name, raw),
        ),
      );
      if (schema.maximum === undefined) {
        // a whole number beyond what a double holds exactly: nothing says it is out of range
        classes.push(
          fixed(
            'query',
            at('huge-integer'),
            ['99999999999999999999'],
            (draft, raw) => setQuery(draft, name, raw),
            { odd: true },
          ),
        );
      }
    }
    if (schema.enum) {
      const allowed = schema.enum.map(String);
      classes.push(
        generated(
          'query',
          at('not-in-enum'),
          fc
            .oneof(
              fc.constantFrom(
                ...allowed.map(v => v.toUpperCase()),
                ...allowed.map(v => `${v} `),
                '',
                'null',
              ),
              fc.string({ maxLength: 12 }),
            )
            .filter(v => !allowed.includes(v)),
          (draft, v) => setQuery(draft, name, enc(v)),
        ),
      );
    }
    if (schema.maxLength !== undefined) {
      classes.push(
        generated(
          'query',
          at('too-long'),
          tooLong(schema.maxLength),
          (draft, v) => setQuery(draft, name, enc(v)),
        ),
      );
    }
  }
  return classes;
}
