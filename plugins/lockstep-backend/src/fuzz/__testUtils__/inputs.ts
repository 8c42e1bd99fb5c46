import { createHmac, randomBytes } from 'node:crypto';

/** Fixed catalogues of bad inputs; the generators pick from these and add random ones. */

/** Integers written in ways a query string must not carry them (the spec's integers are decimal). */
export const BAD_INTEGER_SPELLINGS = [
  'Infinity',
  '-Infinity',
  '1e309',
  '0x10',
  '1.5',
  '',
  '%205', // ' 5'
  '5%20', // '5 '
  'NaN',
  'abc',
  '%D9%A1', // ARABIC-INDIC DIGIT ONE
  '1_000',
  '%00',
];

/** Decoded path values that are no name of anything, each odd in its own way. */
export const UNICODE_ODDITIES = [
  'ledger-service\u200b', // zero-width space
  '\u202eecivres-regdel', // right-to-left override
  'ledge\u0301r-service', // combining accent
  'ｌｅｄｇｅｒ-ｓｅｒｖｉｃｅ', // fullwidth
  '\ufeffledger-service', // byte order mark
  'ledger\u0085service', // next line
  '🦆',
  '👩‍👩‍👧‍👦', // a ZWJ sequence
  'e\u0301'.repeat(300),
  '\u0000\u0001\u0002',
  '\u00a0',
  'ledger service',
  'ledger\tservice',
  'ledger\nservice',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '%00', // a literal percent and zeros once decoded
  '${jndi:ldap://x}',
];

/** Percent escapes that decode to no string (or to a slash by an overlong form). */
export const MALFORMED_ESCAPES = [
  '%',
  '%Z',
  '%ZZ',
  'a%',
  '%E0%A4%A',
  '%ED%A0%80', // a lone surrogate in UTF-8
  '%C0%AF', // overlong '/'
  '%FF',
  '%%',
];

/** Strings of white space only, for required text. */
export const WHITESPACE_ONLY = [
  ' ',
  '   ',
  '\t',
  '\n\r\n',
  '\u00a0',
  '\u2003\u3000',
  '\ufeff',
];

/** Bodies that are not JSON, sent as application/json. */
export const NOT_JSON = [
  '{',
  '{"a":',
  "{'a': 1}",
  '{"a": 1,}',
  '[1,]',
  'undefined',
  'NaN',
  'nul',
  '{"a": 01}',
  '{"a": "\\x41"}',
  '{"a": "\u0000"',
  '<xml/>',
  'a=b&c=d',
  '\u0000',
  ' ',
];

/** JSON of the wrong type where an object is required. */
export const WRONG_TOP_LEVEL = [
  [],
  [{}],
  'a string',
  '',
  0,
  -1,
  1.5,
  null,
  true,
  false,
];

/** Extra field names a client might try (mass assignment). */
export const EXTRA_FIELD_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'id',
  'state',
  'requester',
  'approved',
  'isAdmin',
  'signedBy',
  'policy',
  '',
  ' ',
  'entityref',
];

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value))
    .toString('base64url')
    .replace(/=+$/, '');

/** A JWT body that would name a user, were it signed by the backend. */
const claims = (sub: string) => ({
  sub,
  ent: [sub],
  iss: 'http://localhost:7007/api/auth',
  aud: 'backstage',
  iat: Math.floor(Date.now() / 1000),
  exp: Math.floor(Date.now() / 1000) + 3600,
});

/** Authorization headers that must all be refused with 401, given a real token to tamper with. */
export function forgedAuthorizations(realBearer: string, subject: string) {
  const real = realBearer.replace(/^Bearer /, '');
  const [header, payload, signature] = real.split('.');
  const flipped = (() => {
    // a character in the middle of the signature: the last one may only carry padding bits
    const i = Math.floor((signature?.length ?? 2) / 2);
    const c = signature[i] === 'A' ? 'B' : 'A';
    return `${header}.${payload}.${signature.slice(0, i)}${c}${signature.slice(
      i + 1,
    )}`;
  })();
  const noneHeader = b64url({ alg: 'none', typ: 'vnd.backstage.user' });
  const hsHeader = b64url({ alg: 'HS256', typ: 'vnd.backstage.user' });
  const hsBody = b64url(claims(subject));
  const hsSignature = createHmac('sha256', randomBytes(32))
    .update(`${hsHeader}.${hsBody}`)
    .digest('base64url');
  const realHeader = JSON.parse(
    Buffer.from(header ?? '', 'base64url').toString() || '{}',
  );
  return {
    'alg-none-jwt': `Bearer ${noneHeader}.${b64url(claims(subject))}.`,
    'alg-none-on-real-claims': `Bearer ${noneHeader}.${payload}.`,
    'hs256-random-key': `Bearer ${hsHeader}.${hsBody}.${hsSignature}`,
    'real-header-forged-claims': `Bearer ${b64url(realHeader)}.${b64url(
      claims(subject),
    )}.${signature}`,
    'tampered-signature': `Bearer ${flipped}`,
    'truncated-token': `Bearer ${real.slice(0, real.length - 10)}`,
    'token-with-trailing-garbage': `Bearer ${real}x`,
    'two-part-token': `Bearer ${header}.${payload}`,
    'empty-bearer': 'Bearer ',
    'bearer-only': 'Bearer',
    'basic-scheme': `Basic ${Buffer.from('admin:admin').toString('base64')}`,
    'unknown-static-token': 'Bearer not-a-token-anyone-issued',
    'long-garbage-token': `Bearer ${'A'.repeat(10_000)}`,
    'empty-header': '',
  };
}
