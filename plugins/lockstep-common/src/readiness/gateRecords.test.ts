import {
  afterEvaluation,
  afterExpiry,
  afterRevocation,
  afterSignOff,
  GateRecord,
} from './gateRecords';

const REF = 'component:default/ledger';
const T0 = '2026-12-01T09:00:00.000Z';
const T1 = '2026-12-01T10:00:00.000Z';

const check = (status: GateRecord['status'], detail = 'ok'): GateRecord => ({
  entityRef: REF,
  gateId: 'ci',
  type: 'check',
  status,
  detail,
  since: T0,
});

describe('afterEvaluation', () => {
  it('records a check that flips, and only updates the detail of one that does not', () => {
    const flipped = afterEvaluation(
      check('passed'),
      { gateId: 'ci', type: 'check', status: 'failed', detail: '2 failing' },
      REF,
      T1,
    );
    expect(flipped?.gate).toMatchObject({ status: 'failed', since: T1 });
    expect(flipped?.event).toMatchObject({
      kind: 'evaluated',
      status: 'failed',
      detail: '2 failing',
      at: T1,
    });
    const quiet = afterEvaluation(
      check('passed'),
      { gateId: 'ci', type: 'check', status: 'passed', detail: 'green' },
      REF,
      T1,
    );
    expect(quiet).toEqual({ gate: { ...check('passed'), detail: 'green' } });
    expect(
      afterEvaluation(
        check('passed'),
        { gateId: 'ci', type: 'check', status: 'passed', detail: 'ok' },
        REF,
        T1,
      ),
    ).toBeUndefined();
  });

  it('starts a sign-off gate out pending the first time, and leaves it alone after', () => {
    const first = afterEvaluation(
      undefined,
      { gateId: 'security', type: 'signoff' },
      REF,
      T0,
    );
    expect(first?.gate).toMatchObject({
      status: 'pending',
      detail: 'Not signed off yet',
    });
    expect(
      afterEvaluation(
        first!.gate,
        { gateId: 'security', type: 'signoff' },
        REF,
        T1,
      ),
    ).toBeUndefined();
  });
});

describe('sign-offs', () => {
  const signed = afterSignOff(undefined, REF, 'security', {
    signedBy: 'user:default/pat',
    signedAt: T0,
    expiresAt: '2026-12-08T09:00:00.000Z',
    version: '2.0.0',
  });

  it('keeps the time a gate started passing when it is signed off again while passing', () => {
    expect(signed.gate).toMatchObject({
      status: 'passed',
      detail: 'Signed off for 2.0.0',
      since: T0,
    });
    expect(signed.event).toMatchObject({
      kind: 'signed-off',
      actor: 'user:default/pat',
      version: '2.0.0',
    });
    const again = afterSignOff(signed.gate, REF, 'security', {
      signedBy: 'user:default/ana',
      signedAt: T1,
    });
    expect(again.gate).toMatchObject({ since: T0, detail: 'Signed off' });
  });

  it('revokes only a passing sign-off, keeping the reason on the gate', () => {
    const revoked = afterRevocation(
      signed.gate,
      'user:default/ana',
      'found a hole',
      T1,
    );
    expect(revoked?.gate).toEqual({
      entityRef: REF,
      gateId: 'security',
      type: 'signoff',
      status: 'pending',
      detail: 'Revoked by user:default/ana',
      since: T1,
      comment: 'found a hole',
    });
    expect(revoked?.event).toMatchObject({ kind: 'revoked', version: '2.0.0' });
    expect(
      afterRevocation(revoked!.gate, 'user:default/ana', 'again', T1),
    ).toBeUndefined();
    expect(afterRevocation(check('passed'), 'x', 'y', T1)).toBeUndefined();
  });

  it('dates an expiry when the validity ran out', () => {
    const expired = afterExpiry({
      ...signed.gate,
      expiresAt: '2026-12-08T09:00:00.000Z',
    });
    expect(expired.gate).toMatchObject({
      status: 'expired',
      since: '2026-12-08T09:00:00.000Z',
      signedBy: 'user:default/pat',
      detail:
        'Sign-off by user:default/pat expired on 2026-12-08T09:00:00.000Z',
    });
    expect(expired.event).toMatchObject({
      kind: 'expired',
      at: '2026-12-08T09:00:00.000Z',
    });
  });
});
