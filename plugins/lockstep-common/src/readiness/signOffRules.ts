import type { ReadinessGateDefinition } from './profiles';

/** What a person does to a sign-off gate. */
export type SignOffAction = 'signoff' | 'revoke';

/**
 * What each action asks of the person taking it: the one place these rules live. The backend
 * refuses what they refuse, and the sign-off dialog asks for what they ask for.
 */
export const SIGN_OFF_ACTIONS: Record<
  SignOffAction,
  {
    commentRequired: boolean;
    /** The comment field's label. */
    commentLabel: string;
    /** What the comment says, as the dialog asks for it. */
    commentAsks: string;
    /** The API's refusal of a missing comment. */
    commentMissing: string;
  }
> = {
  signoff: {
    commentRequired: false,
    commentLabel: 'Comment',
    commentAsks: 'what was checked',
    commentMissing: 'say what was checked',
  },
  revoke: {
    commentRequired: true,
    commentLabel: 'Why',
    commentAsks: 'why the sign-off no longer holds',
    commentMissing: 'say why the sign-off is revoked',
  },
};

/** Why the comment of an action is not enough (for the `comment` field), or undefined when it is. */
export function signOffCommentProblem(
  action: SignOffAction,
  comment: string | undefined,
): string | undefined {
  const rule = SIGN_OFF_ACTIONS[action];
  return rule.commentRequired && !comment?.trim()
    ? rule.commentMissing
    : undefined;
}

/**
 * When a sign-off made `now` expires: the gate's validity, or the earlier expiry the person asked
 * for. A problem (for the `expiresAt` field) when the asked expiry is past or later than the gate allows.
 */
export function signOffExpiry(
  gate: Pick<ReadinessGateDefinition, 'title' | 'validForMs'>,
  askedExpiresAt: string | undefined,
  now: Date,
): { expiresAt?: string; problem?: string } {
  const allowed = gate.validForMs
    ? new Date(now.getTime() + gate.validForMs).toISOString()
    : undefined;
  if (!askedExpiresAt) return { expiresAt: allowed };
  const asked = Date.parse(askedExpiresAt);
  if (Number.isNaN(asked) || asked <= now.getTime()) {
    return { problem: 'must be a date-time in the future' };
  }
  if (allowed && asked > Date.parse(allowed)) {
    return {
      problem: `may not be later than ${allowed}: a sign-off of ${
        gate.title
      } is valid for at most ${gate.validForMs! / 86_400_000} days`,
    };
  }
  return { expiresAt: new Date(asked).toISOString() };
}
