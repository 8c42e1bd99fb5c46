import fc from 'fast-check';
import {
  clone,
  Dimension,
  Draft,
  enc,
  Mutation,
  Persona,
  RouteFuzz,
} from './draft';
import {
  BAD_INTEGER_SPELLINGS,
  EXTRA_FIELD_NAMES,
  forgedAuthorizations,
  MALFORMED_ESCAPES,
  NOT_JSON,
  UNICODE_ODDITIES,
  WHITESPACE_ONLY,
  WRONG_TOP_LEVEL,
} from './inputs';
import { matchesSpecRoute, Operation, Schema } from './spec';

/** The largest JSON body the backend takes (express.json limit '1mb'). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** One class of bad input on one route; its arbitrary varies the details. */
export interface MutationClass {
  dim: Dimension;
  cls: string;
  arb: fc.Arbitrary<Mutation>;
  /** Every variant, where they are a fixed list: the catalogue sends each once. */
  all?: Mutation[];
  heavy?: boolean;
}

export interface FuzzContext {
  operations: Operation[];
  /** `Bearer ...` of each persona. */
  tokens: Partial<Record<Persona, string>>;
  /** The user ref a forged token claims to be. */
  forgedSubject: string;
}

const mutation = (
  dim: Dimension,
  cls: string,
  apply: (draft: Draft) => Draft | undefined,
  options: Partial<Mutation> = {},
): Mutation => ({ dim, cls, apply, ...options });

/** A class whose variants are fixed values. */
function fixed<T>(
  dim: Dimension,
  cls: string,
  values: T[],
  apply: (draft: Draft, value: T) => Draft | undefined,
  options: Partial<Mutation> = {},
): MutationClass {
  const all = values.map(value =>
    mutation(dim, cls, draft => apply(clone(draft), value), options),
  );
  return { dim, cls, heavy: options.heavy, all, arb: fc.constantFrom(...all) };
}

/** A class whose variants come from an arbitrary. */
function generated<T>(
  dim: Dimension,
  cls: string,
  values: fc.Arbitrary<T>,
  apply: (draft: Draft, value: T) => Draft | undefined,
  options: Partial<Mutation> = {},
): MutationClass {
  return {
    dim,
    cls,
    heavy: options.heavy,
    arb: values.map(value =>
      mutation(dim, cls, draft => apply(clone(draft), value), options),
    ),
  };
}

const setSegment = (draft: Draft, param: string, raw: string) => {
  draft.segments[draft.params[param]] = raw;
  return draft;
};

const setQuery = (draft: Draft, name: string, raw: string | null) => {
  draft.query = draft.query.filter(([k]) => k !== enc(name));
  draft.query.push([enc(name), raw]);
  return draft;
};

/** Replaces the JSON body's object (structured clone already made by `clone`). */
const withBody = (draft: Draft, change: (body: any) => unknown) => {
  const value = draft.json?.value;
  const next = change(
    value && typeof value === 'object' && !Array.isArray(value) ? value : {},
  );
  draft.json = { value: next };
  delete draft.raw;
  return draft;
};

const rawJson = (
  draft: Draft,
  text: string,
  contentType = 'application/json',
) => {
  delete draft.json;
  draft.raw = { bytes: Buffer.from(text, 'utf8'), contentType };
  return draft;
};

/** The base body as JSON text with one more member, written by hand (values too deep to stringify). */
const bodyPlusRaw = (draft: Draft, name: string, valueText: string) => {
  const base = JSON.stringify(draft.json?.value ?? {});
  const open = base === '{}' ? '{' : `${base.slice(0, -1)},`;
  return rawJson(draft, `${open}${JSON.stringify(name)}:${valueText}}`);
};

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) =>
  `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** A JSON value whose type is not `type`. */
function wrongTypeValues(schema: Schema): unknown[] {
  const all: Record<string, unknown[]> = {
    string: ['1', 'true', ''],
    integer: [0, 7],
    number: [0.5],
    boolean: [true, false],
    null: [null],
    array: [[], ['a']],
    object: [{}, { a: 1 }],
  };
  const type = schema.type ?? 'string';
  // an integer is a number too
  const accepted = type === 'number' ? ['number', 'integer'] : [type];
  const wrong = Object.entries(all)
    .filter(([t]) => !accepted.includes(t))
    .flatMap(([, values]) => values);
  // a fraction is a number but no integer
  return type === 'integer' ? [...wrong, 1.5, -0.5] : wrong;
}

/** Strings longer than `maxLength` (ASCII and multi-byte), and ones beyond any column. */
function tooLong(maxLength: number): fc.Arbitrary<string> {
  return fc.constantFrom(
    'x'.repeat(maxLength + 1),
    'é'.repeat(maxLength + 1),
    '界'.repeat(maxLength + 1),
    'y'.repeat(Math.max(maxLength * 10, 300)),
  );
}

/** A value the schema accepts, where the base body has none. */
function sampleValid(schema: Schema): unknown {
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return 'fuzz';
  }
}

const withNul = (text: string) =>
  text.length > 1
    ? `${text.slice(0, 1)}\u0000${text.slice(1)}`
    : `${text}\u0000`;

/** Authorization: missing, forged, garbage. Every one is a 401. */
function authClasses(op: Operation, ctx: FuzzContext): MutationClass[] {
  if (!op.secured) return [];
  const real = ctx.tokens.marcus ?? ctx.tokens.priya ?? 'Bearer a.b.c';
  const forged = forgedAuthorizations(real, ctx.forgedSubject);
  const set = (draft: Draft, value: string | undefined) => {
    if (value === undefined) {
      draft.as = 'none';
      delete draft.authorization;
    } else draft.authorization = value;
    return draft;
  };
  return [
    fixed('auth', 'auth:missing', [undefined], set, { expect: [401] }),
    ...Object.entries(forged).map(([name, value]) =>
      fixed('auth', `auth:${name}`, [value], set, { expect: [401] }),
    ),
    generated(
      'auth',
      'auth:random-printable',
      fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 200 }).map(s =>
        // header values may carry visible ASCII, space and tab only
        s.replace(/[^\x20-\x7e\t]/g, 'x'),
      ),
      (draft, value) => set(draft, `Bearer ${value}`),
      { expect: [401] },
    ),
    generated(
      'auth',
      'auth:random-bytes',
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map(bytes =>
        // obs-text (0x80-0xff) and visible ASCII: what Node lets a header carry
        Array.from(bytes, b =>
          String.fromCharCode(
            b >= 0x80 || (b >= 0x21 && b <= 0x7e) ? b : 0x80 | b,
          ),
        ).join(''),
      ),
      set,
      { expect: [401] },
    ),
  ];
}

/** Path parameters: NUL, encoded slash, colon, empty, dot segments, long, huge, odd unicode. */
function pathClasses(op: Operation, fuzz: RouteFuzz, ctx: FuzzContext) {
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

/** Query parameters: unknown names, NUL, repeats, integers spelt badly, enums, lengths. */
function queryClasses(op: Operation, fuzz: RouteFuzz): MutationClass[] {
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

/** Bodies: not JSON, wrong types, missing or extra fields, bad values, nesting, size, media type. */
function bodyClasses(op: Operation, fuzz: RouteFuzz): MutationClass[] {
  if (!op.body) return [];
  const schema = op.body.schema ?? {};
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const closed = schema.additionalProperties === false;
  const classes: MutationClass[] = [
    fixed(
      'body',
      'body:not-json',
      NOT_JSON,
      (draft, text) => rawJson(draft, text),
      {
        expect: [400],
      },
    ),
    fixed(
      'body',
      'body:wrong-top-level-type',
      WRONG_TOP_LEVEL,
      (draft, value) => {
        draft.json = { value };
        delete draft.raw;
        return draft;
      },
    ),
    fixed(
      'body',
      'body:over-limit',
      ['description', 'nul-free-padding'],
      (draft, name) =>
        bodyPlusRaw(
          draft,
          name,
          JSON.stringify('z'.repeat(BODY_LIMIT_BYTES + 10)),
        ),
      { expect: [413], heavy: true },
    ),
    fixed(
      'body',
      'body:over-limit-not-json',
      [BODY_LIMIT_BYTES + 1, 3 * BODY_LIMIT_BYTES],
      (draft, size) => rawJson(draft, '['.repeat(size)),
      { expect: [413], heavy: true },
    ),
    fixed(
      'body',
      'body:deep-top-level',
      [200, 10_000, 200_000],
      (draft, depth) => rawJson(draft, deepArray(depth)),
      { heavy: true },
    ),
  ];
  if (op.body.required) {
    classes.push(
      fixed('body', 'body:empty', [''], (draft, text) => rawJson(draft, text)),
      fixed('body', 'body:empty-object', [{}], (draft, value) => {
        draft.json = { value };
        return draft;
      }),
    );
  }
  // media types
  classes.push(
    fixed(
      'content-type',
      'content-type:wrong',
      [
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        'application/json; charset=utf-16',
        'application/jsonx',
      ],
      (draft, type) => {
        draft.contentType = type;
        if (!draft.json) draft.json = { value: {} };
        return draft;
      },
    ),
    fixed('content-type', 'content-type:missing', [null], draft => {
      draft.contentType = null;
      if (!draft.json) draft.json = { value: {} };
      return draft;
    }),
    fixed(
      'content-type',
      'content-type:form-body',
      ['decision=approve&comment=x', 'gateId=security-review', 'a=1'],
      (draft, text) =>
        rawJson(draft, text, 'application/x-www-form-urlencoded'),
    ),
  );
  if (required.size > 0) {
    classes.push(
      fixed('body', 'body:missing-required', [...required], (draft, name) =>
        withBody(draft, body => {
          delete body[name];
          return body;
        }),
      ),
    );
  }
  if (closed) {
    classes.push(
      generated(
        'body',
        'body:extra-field',
        fc
          .tuple(
            fc.oneof(
              fc.constantFrom(...EXTRA_FIELD_NAMES),
              fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,15}$/),
            ),
            fc.jsonValue({ maxDepth: 2 }),
          )
          .filter(([name]) => !(name in props)),
        (draft, [name, value]) => {
          // JSON.parse makes "__proto__" an own member; an object literal would not
          const base = JSON.stringify(draft.json?.value ?? {});
          const open = base === '{}' ? '{' : `${base.slice(0, -1)},`;
          return rawJson(
            draft,
            `${open}${JSON.stringify(name)}:${JSON.stringify(value ?? null)}}`,
          );
        },
      ),
      fixed(
        'body',
        'body:deep-extra-field',
        [64, 5_000, 100_000],
        (draft, depth) =>
          bodyPlusRaw(
            draft,
            'nested',
            depth > 1000 ? deepArray(depth) : deepObject(depth),
          ),
        { heavy: true },
      ),
      fixed(
        'body',
        'body:huge-array-extra-field',
        [300_000],
        (draft, length) =>
          bodyPlusRaw(draft, 'items', `[${Array(length).fill(0).join(',')}]`),
        { heavy: true },
      ),
    );
  }
  for (const [name, prop] of Object.entries(props)) {
    const at = (cls: string) => `body.${name}:${cls}`;
    const set = (draft: Draft, value: unknown) =>
      withBody(draft, body => ({ ...body, [name]: value }));
    classes.push(
      fixed('body', at('wrong-type'), wrongTypeValues(prop), set),
      fixed(
        'body',
        at('deep'),
        [64, 5_000],
        (draft, depth) => {
          const base: Record<string, unknown> = {
            ...((draft.json?.value as object) ?? {}),
          };
          delete base[name];
          draft.json = { value: base };
          return bodyPlusRaw(draft, name, deepArray(depth));
        },
        { heavy: true },
      ),
    );
    if (prop.type === 'string') {
      const current =
        typeof fuzz.body?.[name] === 'string'
          ? (fuzz.body[name] as string)
          : String(sampleValid(prop));
      classes.push(
        fixed(
          'body',
          at('nul'),
          [withNul(current), '\u0000', `${current}\u0000`],
          set,
        ),
      );
      if (prop.minLength !== undefined && prop.minLength > 0) {
        classes.push(fixed('body', at('too-short'), [''], set));
      }
      if (prop.maxLength !== undefined) {
        classes.push(
          generated('body', at('too-long'), tooLong(prop.maxLength), set),
        );
        classes.push(
          fixed(
            'body',
            at('near-limit-long'),
            ['w'.repeat(BODY_LIMIT_BYTES - 4096)],
            set,
            { heavy: true },
          ),
        );
      }
      if (
        required.has(name) &&
        ((prop.minLength ?? 0) > 0 || prop.pattern === '\\S')
      ) {
        // required text: white space alone says nothing
        classes.push(
          fixed('body', at('whitespace-only'), WHITESPACE_ONLY, set),
        );
      }
      if (prop.enum) {
        const allowed = prop.enum.map(String);
        classes.push(
          generated(
            'body',
            at('not-in-enum'),
            fc
              .oneof(
                fc.constantFrom(
                  ...allowed.map(v => v.toUpperCase()),
                  ...allowed.map(v => ` ${v}`),
                  ...allowed.map(v => `${v}\u200b`),
                  '',
                ),
                fc.string({ maxLength: 12 }),
              )
              .filter(v => !allowed.includes(v)),
            set,
          ),
        );
      }
      if (prop.format === 'date-time') {
        classes.push(
          fixed(
            'body',
            at('not-a-date-time'),
            [
              'tomorrow',
              '',
              '2027-13-01T00:00:00Z',
              '12/01/2027',
              'NaN',
              '1e12',
            ],
            set,
          ),
        );
      }
    }
    if (prop.type === 'integer' || prop.type === 'number') {
      const values: unknown[] = [];
      if (prop.minimum !== undefined) values.push(prop.minimum - 1, -1e15);
      if (prop.maximum !== undefined) values.push(prop.maximum + 1, 1e15);
      if (values.length > 0) {
        classes.push(fixed('body', at('out-of-range'), values, set));
      }
    }
    if (prop.type === 'array') {
      const items = prop.items ?? {};
      const sample =
        items.type === 'string'
          ? 'component:default/checkout-service'
          : sampleValid(items);
      if (prop.maxItems !== undefined) {
        classes.push(
          fixed(
            'body',
            at('too-many-items'),
            [prop.maxItems + 1],
            (draft, count) => set(draft, Array(count).fill(sample)),
            { heavy: true },
          ),
        );
      }
      classes.push(
        fixed(
          'body',
          at('item-wrong-type'),
          wrongTypeValues(items),
          (draft, value) => set(draft, [sample, value]),
        ),
      );
      if (items.type === 'string') {
        classes.push(
          fixed(
            'body',
            at('item-nul'),
            [withNul(String(sample))],
            (draft, value) => set(draft, [value]),
          ),
        );
        if ((items.minLength ?? 0) > 0) {
          classes.push(
            fixed('body', at('item-too-short'), [''], (draft, value) =>
              set(draft, [sample, value]),
            ),
          );
        }
      }
    }
  }
  return classes;
}

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Methods the path does not have, and addresses next to the route that are none. */
function routeClasses(op: Operation, ctx: FuzzContext): MutationClass[] {
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

export { setQuery, withBody, rawJson };
