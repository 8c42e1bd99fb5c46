import fc from 'fast-check';
import { Draft, RouteFuzz } from '../draft';
import { WHITESPACE_ONLY } from '../inputs';
import { Schema } from '../spec';
import { fixed, generated, MutationClass } from './classes';
import { bodyPlusRaw, withBody } from './edits';
import {
  BODY_LIMIT_BYTES,
  deepArray,
  sampleValid,
  tooLong,
  wrongTypeValues,
  withNul,
} from './values';

/** Each field of a body: wrong types, nesting, NUL, lengths, enums, dates, ranges, array items. */
export function bodyFieldClasses(
  schema: Schema,
  fuzz: RouteFuzz,
): MutationClass[] {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const classes: MutationClass[] = [];
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
