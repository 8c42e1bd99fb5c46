import fc from 'fast-check';
import { Draft } from '../draft';
import { forgedAuthorizations } from '../inputs';
import { Operation } from '../spec';
import { fixed, FuzzContext, generated, MutationClass } from './classes';

/** Authorization: missing, forged, garbage. Every one is a 401. */
export function authClasses(op: Operation, ctx: FuzzContext): MutationClass[] {
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
