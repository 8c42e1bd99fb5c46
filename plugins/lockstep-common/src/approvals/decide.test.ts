import { decideOn, DecisionEffect, isRefusal } from './decide';
import { ApprovalRequest, PolicySnapshot } from './types';

const TEAM = 'group:default/payments';
const SECURITY = 'group:default/security';
const REQUESTER = 'user:default/rita';
const PAT = 'user:default/pat'; // payments
const PIA = 'user:default/pia'; // payments
const SAM = 'user:default/sam'; // security
const BOTH = 'user:default/bo'; // payments and security

const policy: PolicySnapshot = {
  policyId: 'production',
  policyTitle: 'Production releases',
  stages: [
    { name: 'Team', rules: [{ group: TEAM, minApprovals: 1 }] },
    { name: 'Security', rules: [{ group: SECURITY, minApprovals: 1 }] },
  ],
  requesterCannotApprove: true,
  rejectReasonRequired: true,
  requireReadiness: false,
  additions: [],
  ignored: [],
};

const request = (
  decisions: ApprovalRequest['decisions'] = [],
): Pick<
  ApprovalRequest,
  'id' | 'state' | 'policy' | 'decisions' | 'requester'
> => ({
  id: 'r1',
  state: 'pending',
  policy,
  decisions,
  requester: REQUESTER,
});

const at = '2026-12-01T10:00:00.000Z';
const groupsOf: Record<string, string[]> = {
  [PAT]: [PAT, TEAM],
  [PIA]: [PIA, TEAM],
  [SAM]: [SAM, SECURITY],
  [BOTH]: [BOTH, TEAM, SECURITY],
  [REQUESTER]: [REQUESTER, TEAM],
};
const input = (
  actor: string,
  decision: 'approve' | 'reject',
  extra: { comment?: string; stage?: number } = {},
) => ({
  actor,
  groups: groupsOf[actor],
  decision,
  at,
  ...(decision === 'reject' && { comment: 'No' }),
  ...extra,
});

const applied = (outcome: ReturnType<typeof decideOn>): DecisionEffect => {
  if (isRefusal(outcome)) throw new Error(outcome.message);
  return outcome;
};

describe('decideOn', () => {
  it('records an approval, passes the stage and says so in the audit', () => {
    const effect = applied(decideOn(request(), input(PAT, 'approve')));
    expect(effect.state).toBe('pending');
    expect(effect.currentStage).toBe(1);
    expect(effect.decision).toMatchObject({ actor: PAT, stage: 0 });
    expect(effect.audit.map(a => a.action)).toEqual([
      'approved-by',
      'stage-passed',
    ]);
  });

  it('refuses, as a conflict, a rejection whose stage passed while it was on its way', () => {
    const afterApproval = request([
      applied(decideOn(request(), input(PAT, 'approve'))).decision,
    ]);
    const late = decideOn(afterApproval, input(PIA, 'reject'));
    expect(late).toMatchObject({ refused: 'conflict' });
    expect(isRefusal(late) && late.message).toMatch(
      /stage 1 \(Team\).*has passed.*not recorded/,
    );
  });

  it('refuses a decision on a stage other than the one the decider was shown', () => {
    const afterApproval = request([
      applied(decideOn(request(), input(PAT, 'approve'))).decision,
    ]);
    // Bo could approve stage 2 too, but he looked at stage 1
    expect(
      decideOn(afterApproval, input(BOTH, 'approve', { stage: 0 })),
    ).toMatchObject({ refused: 'conflict' });
    expect(
      applied(decideOn(afterApproval, input(BOTH, 'approve', { stage: 1 })))
        .state,
    ).toBe('approved');
  });

  it('lets every counted rejection reject', () => {
    const effect = applied(decideOn(request(), input(PIA, 'reject')));
    expect(effect.state).toBe('rejected');
    expect(effect.audit.map(a => a.action)).toEqual([
      'rejected-by',
      'rejected',
    ]);
  });

  it('refuses the ineligible, the decided, the repeated and the unexplained', () => {
    expect(decideOn(request(), input(SAM, 'approve'))).toMatchObject({
      refused: 'forbidden',
    });
    expect(decideOn(request(), input(REQUESTER, 'approve'))).toMatchObject({
      refused: 'forbidden',
    });
    // the requester is told she may not decide, not that her team's stage has passed
    const atStageTwo = request([
      applied(decideOn(request(), input(PAT, 'approve'))).decision,
    ]);
    expect(decideOn(atStageTwo, input(REQUESTER, 'reject'))).toMatchObject({
      refused: 'forbidden',
      message: expect.stringMatching(/requested this release/),
    });
    expect(
      decideOn(request(), input(PIA, 'reject', { comment: '  ' })),
    ).toMatchObject({ refused: 'invalid' });
    const once = request([
      applied(decideOn(request(), input(PIA, 'reject'))).decision,
    ]);
    expect(decideOn(once, input(PAT, 'approve'))).toMatchObject({
      refused: 'conflict',
    });
    expect(
      decideOn({ ...request(), state: 'cancelled' }, input(PAT, 'approve')),
    ).toMatchObject({ refused: 'conflict' });
    const approvedOnce = request([
      applied(decideOn(request(), input(BOTH, 'approve'))).decision,
    ]);
    expect(decideOn(approvedOnce, input(BOTH, 'approve'))).toMatchObject({
      refused: 'conflict',
      message: expect.stringMatching(/already approved/),
    });
  });
});
