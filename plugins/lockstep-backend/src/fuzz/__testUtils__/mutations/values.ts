import fc from 'fast-check';
import { Schema } from '../spec';

/** The largest JSON body the backend takes (express.json limit '1mb'). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export const deepArray = (depth: number) =>
  `${'['.repeat(depth)}${']'.repeat(depth)}`;
export const deepObject = (depth: number) =>
  `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** A JSON value whose type is not `type`. */
export function wrongTypeValues(schema: Schema): unknown[] {
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
export function tooLong(maxLength: number): fc.Arbitrary<string> {
  return fc.constantFrom(
    'x'.repeat(maxLength + 1),
    'é'.repeat(maxLength + 1),
    '界'.repeat(maxLength + 1),
    'y'.repeat(Math.max(maxLength * 10, 300)),
  );
}

/** A value the schema accepts, where the base body has none. */
export function sampleValid(schema: Schema): unknown {
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

export const withNul = (text: string) =>
  text.length > 1
    ? `${text.slice(0, 1)}\u0000${text.slice(1)}`
    : `${text}\u0000`;
