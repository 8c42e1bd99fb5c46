import { createHash } from 'node:crypto';
import { chainEntry } from './audit';
import { decideOn, isRefusal } from './decide';
import { requestContentDigest, verifyRequestRecord } from './record';
import { maySupersede } from './supersede';
import { ApprovalRequest, AuditEntry, PolicySnapshot } from './types';

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

const TEAM = 'group:default/payments';
const REQUESTER = 'user:default/rita';
const PAT = 'user:default/pat';

const policy: PolicySnapshot = {
  policyId: 'production',
  policyTitle: 'Production releases',
  stages: [{ name: 'Team', rules: [{ group: TEAM, minApprovals: 1 }] }],
  requesterCannotApprove: true,
  rejectReasonRequired: true,
  requireReadiness: false,
  additions: [],
  ignored: [],
};

/** A request approved by Pat, and its chain, built as the backend builds them. */
function approvedRequest(): { request: ApprovalRequest; chain: AuditEntry[] } {
  const created: ApprovalRequest = {
    id: 'r1',
    entityRef: 'component:default/ledger',
    title: 'Ledger 2.0',
    environment: 'production',
    version: '2.0.0',
    requester: REQUESTER,
    state: 'pending',
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    policy,
    decisions: [],
    currentStage: 0,
  };
  const chain: AuditEntry[] = [];
  const append = (fields: {
    action: AuditEntry['action'];
    actor?: string;
    data: Record<string, unknown>;
    at: string;
  }) =>
    chain.push(
      chainEntry(chain.at(-1), { requestId: 'r1', ...fields }, sha256),
    );
  append({
    action: 'created',
    actor: REQUESTER,
    at: created.createdAt,
    data: { contentDigest: requestContentDigest(created, sha256) },
  });
  const at = '2026-12-01T10:00:00.000Z';
  const effect = decideOn(created, {
    actor: PAT,
    groups: [PAT, TEAM],
    decision: 'approve',
    comment: 'Fine',
    at,
  });
  if (isRefusal(effect)) throw new Error(effect.message);
  for (const entry of effect.audit) append({ ...entry, at });
  return {
    request: {
      ...created,
      state: effect.state,
      currentStage: effect.currentStage,
      decidedAt: at,
      updatedAt: at,
      decisions: [{ ...effect.decision, id: 1 }],
    },
    chain,
  };
}

const verify = (request: ApprovalRequest, chain: AuditEntry[]) =>
  verifyRequestRecord(request, chain, sha256, {
    seq: chain.at(-1)!.seq,
    hash: chain.at(-1)!.hash,
  });

describe('verifyRequestRecord', () => {
  it('accepts a request that its chain proves', () => {
    const { request, chain } = approvedRequest();
    expect(verify(request, chain)).toEqual({ valid: true });
  });

  it('finds a flipped state, a changed approver, a forged decision and edited content', () => {
    const { request, chain } = approvedRequest();
    expect(verify({ ...request, state: 'rejected' }, chain)).toMatchObject({
      valid: false,
      problem: expect.stringMatching(/says rejected.*says approved/),
    });
    expect(
      verify(
        {
          ...request,
          decisions: [{ ...request.decisions[0], actor: 'user:default/eve' }],
        },
        chain,
      ),
    ).toMatchObject({ valid: false, seq: 2 });
    expect(
      verify(
        {
          ...request,
          decisions: [
            ...request.decisions,
            { ...request.decisions[0], id: 2, actor: 'user:default/eve' },
          ],
        },
        chain,
      ),
    ).toMatchObject({
      valid: false,
      problem: expect.stringMatching(/2 decisions.*records 1/),
    });
    expect(verify({ ...request, version: '2.0.1' }, chain)).toMatchObject({
      valid: false,
      seq: 1,
    });
    expect(verify({ ...request, currentStage: 0 }, chain)).toMatchObject({
      valid: false,
    });
  });

  it('refuses transitions the decisions do not justify', () => {
    const { request, chain } = approvedRequest();
    // a chain that says approved without any approval, rehashed so that the chain itself verifies
    const forged: AuditEntry[] = [];
    for (const entry of [chain[0], chain.at(-1)!]) {
      forged.push(chainEntry(forged.at(-1), entry, sha256));
    }
    expect(
      verify({ ...request, decisions: [], currentStage: 0 }, forged),
    ).toMatchObject({
      valid: false,
      problem: expect.stringMatching(/do not justify/),
    });
  });

  it('refuses a move that no event of the state machine makes', () => {
    const { request, chain } = approvedRequest();
    // a chain that moves the open request back to where it is, rehashed so that the chain verifies
    const forged: AuditEntry[] = [];
    for (const entry of [chain[0], { ...chain.at(-1)!, action: 'pending' }]) {
      forged.push(chainEntry(forged.at(-1), entry as AuditEntry, sha256));
    }
    expect(
      verify({ ...request, decisions: [], currentStage: 0 }, forged),
    ).toMatchObject({
      valid: false,
      problem:
        'Entry 2 moves the request from pending to pending, which no event does',
    });
  });
});

describe('maySupersede', () => {
  const open = {
    id: 'r1',
    requester: REQUESTER,
    environment: 'production',
    version: '2.0.0',
  };
  const context = (actor: string, actorGroups: string[] = [actor]) => ({
    actor,
    actorGroups,
    owner: TEAM,
    adminGroups: ['group:default/platform'],
  });

  it('lets the requester, the owners and the admins replace an open request', () => {
    expect(maySupersede(open, context(REQUESTER)).allowed).toBe(true);
    expect(maySupersede(open, context(PAT, [PAT, TEAM])).allowed).toBe(true);
    expect(
      maySupersede(
        open,
        context('user:default/ada', [
          'user:default/ada',
          'group:default/platform',
        ]),
      ).allowed,
    ).toBe(true);
  });

  it('refuses everyone else, naming the open request and who may', () => {
    const refused = maySupersede(open, context('external:other-pipeline'));
    expect(refused).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(
        /Request r1 .*only its requester \(user:default\/rita\), members of group:default\/payments, members of group:default\/platform/,
      ),
    });
  });
});
