import fc from 'fast-check';
import { RouteFuzz } from '../draft';
import { EXTRA_FIELD_NAMES, NOT_JSON, WRONG_TOP_LEVEL } from '../inputs';
import { Operation } from '../spec';
import { fixed, generated, MutationClass } from './classes';
import { bodyFieldClasses } from './bodyFields';
import { bodyPlusRaw, rawJson, withBody } from './edits';
import { BODY_LIMIT_BYTES, deepArray, deepObject } from './values';

/** Bodies: not JSON, wrong types, missing or extra fields, bad values, nesting, size, media type. */
export function bodyClasses(op: Operation, fuzz: RouteFuzz): MutationClass[] {
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
  classes.push(...bodyFieldClasses(schema, fuzz));
  return classes;
}
