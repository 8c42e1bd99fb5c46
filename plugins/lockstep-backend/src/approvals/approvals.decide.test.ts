import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  AISHA,
  DANIEL,
  FELIX,
  GRACE,
  LI,
  MARCUS,
  OMAR,
  PRIYA,
  RACHEL,
  SOFIA,
  TESTERS,
  TOM,
  useApprovalsBackend,
} from './__testUtils__/approvalsBackend';

const databases = createTestDatabases();
jest.setTimeout(300_000);

describe.each(databases.eachSupportedId())('approvals on %s', databaseId => {
  const { approvedProductionRequest, create, decide, get, release } =
    useApprovalsBackend(databases, databaseId);

  it('runs stages in order, never counts the requester, and counts a person in two groups once', async () => {
    const created = await create(PRIYA, release('payment-gateway'));
    expect([created.status, created.body.error?.message]).toEqual([
      201,
      undefined,
    ]);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      state: 'pending',
      requester: PRIYA,
      currentStage: 0,
      policy: { policyId: 'production-release' },
      readinessAtCreation: { status: 'not-ready' },
      viewer: { canDecide: false, canCancel: true },
    });
    expect(created.body.policy.stages[0].rules).toEqual([
      { group: 'group:default/payments', minApprovals: 1 },
    ]);

    const own = await decide(PRIYA, id, 'approve');
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/requested/i);
    expect((await decide(TOM, id, 'approve')).status).toBe(403);
    const early = await decide(RACHEL, id, 'approve');
    expect(early.status).toBe(403);

    const first = await decide(MARCUS, id, 'approve', 'Looks good');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'pending', currentStage: 1 });

    // Aisha is in Security and in Platform & SRE: her one approval fills one of the two rules
    const aisha = await decide(AISHA, id, 'approve');
    expect(aisha.body.state).toBe('pending');
    expect(
      aisha.body.progress.stages[1].rules.map((r: any) => r.missing).sort(),
    ).toEqual([0, 1]);
    expect((await decide(AISHA, id, 'approve')).status).toBe(409);

    const li = await decide(LI, id, 'approve');
    expect(li.body.state).toBe('approved');
    expect(li.body.decidedAt).toBeDefined();
    const late = await decide(OMAR, id, 'approve');
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/approved/);

    const inbox = await get(RACHEL, '/approvals?pendingFor=me');
    expect(inbox.body.items.map((r: any) => r.id)).not.toContain(id);
  });

  it('lets one reject decide, with the reason the policy requires', async () => {
    const { body } = await create(DANIEL, release('cart-service', 'staging'));
    expect(body.policy.policyId).toBe('staging-change');
    const noReason = await decide(FELIX, body.id, 'reject');
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/requires a reason to reject/);
    const rejected = await decide(
      FELIX,
      body.id,
      'reject',
      'Migration not reviewed',
    );
    expect(rejected.body.state).toBe('rejected');
    expect((await decide(SOFIA, body.id, 'approve')).status).toBe(409);
  });

  it('decides exactly once when 50 approvers click at the same moment', async () => {
    const { body } = await create(GRACE, {
      ...release('load-service', 'production'),
      environment: 'load',
    });
    expect(body.policy.policyId).toBe('load');
    const answers = await Promise.all(
      TESTERS.map(tester => decide(tester, body.id, 'approve')),
    );
    const statuses = answers.map(a => a.status);
    const odd = answers.filter(a => a.status !== 200 && a.status !== 409);
    expect(odd.map(a => a.body.error?.message)).toEqual([]);
    expect(statuses.filter(s => s === 200)).toHaveLength(3);
    expect(statuses.filter(s => s === 409)).toHaveLength(47);
    const final = await get(GRACE, `/approvals/${body.id}`);
    expect(final.body.state).toBe('approved');
    expect(final.body.decisions).toHaveLength(3);
    const trail = await get(GRACE, `/approvals/${body.id}/audit`);
    expect(
      trail.body.entries.filter((e: any) => e.action === 'approved'),
    ).toHaveLength(1);
    expect(trail.body.verification.valid).toBe(true);
  });

  it('expires a request nobody decided in time', async () => {
    const { body } = await create(PRIYA, release('refund-service', 'hotfix'));
    expect(body.expiresAt).toBeDefined();
    await new Promise(resolve => setTimeout(resolve, 1_500));
    const expired = await get(PRIYA, `/approvals/${body.id}`);
    expect(expired.body.state).toBe('expired');
    expect((await decide(MARCUS, body.id, 'approve')).status).toBe(409);
    const trail = await get(PRIYA, `/approvals/${body.id}/audit`);
    expect(trail.body.entries.map((e: any) => e.action)).toEqual([
      'created',
      'expired',
    ]);
  });

  it('answers a waiting pipeline as soon as the request is decided', async () => {
    const decided = await approvedProductionRequest();
    const { body } = await create(DANIEL, release('order-service', 'staging'));
    const waiting = get(DANIEL, `/approvals/${body.id}/wait?timeout=20`);
    const started = Date.now();
    await new Promise(resolve => setTimeout(resolve, 300));
    await decide(FELIX, body.id, 'approve');
    const answer = await waiting;
    expect(answer.body.state).toBe('approved');
    expect(Date.now() - started).toBeLessThan(5_000);
    const timedOut = await get(DANIEL, `/approvals/${decided}/wait?timeout=0`);
    expect(timedOut.body.state).toBe('approved');
  });
});
