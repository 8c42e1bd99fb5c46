import {
  SIGN_OFF_ACTIONS,
  signOffCommentProblem,
  signOffExpiry,
} from './signOffRules';

const now = new Date('2026-12-01T12:00:00.000Z');
const gate = { title: 'Security review', validForMs: 7 * 86_400_000 };

describe('signOffCommentProblem', () => {
  it('asks a revocation to say why, and lets a sign-off go without a comment', () => {
    expect(signOffCommentProblem('revoke', undefined)).toBe(
      SIGN_OFF_ACTIONS.revoke.commentMissing,
    );
    expect(signOffCommentProblem('revoke', '   ')).toBe(
      'say why the sign-off is revoked',
    );
    expect(signOffCommentProblem('revoke', 'pen test found XSS')).toBe(
      undefined,
    );
    expect(signOffCommentProblem('signoff', undefined)).toBe(undefined);
  });
});

describe('signOffExpiry', () => {
  it("expires a sign-off after the gate's validity unless an earlier expiry is asked for", () => {
    expect(signOffExpiry(gate, undefined, now)).toEqual({
      expiresAt: '2026-12-08T12:00:00.000Z',
    });
    expect(signOffExpiry(gate, '2026-12-03T00:00:00+01:00', now)).toEqual({
      expiresAt: '2026-12-02T23:00:00.000Z',
    });
    expect(signOffExpiry({ title: 'Docs' }, undefined, now)).toEqual({
      expiresAt: undefined,
    });
  });

  it('refuses an expiry in the past, an unreadable one, and one later than the gate allows', () => {
    expect(signOffExpiry(gate, '2026-12-01T11:59:59Z', now).problem).toBe(
      'must be a date-time in the future',
    );
    expect(signOffExpiry(gate, 'soon', now).problem).toBe(
      'must be a date-time in the future',
    );
    expect(signOffExpiry(gate, '2026-12-09T00:00:00Z', now).problem).toBe(
      'may not be later than 2026-12-08T12:00:00.000Z: a sign-off of Security review is valid for at most 7 days',
    );
  });
});
