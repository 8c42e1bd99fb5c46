import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  AISHA,
  LI,
  MARCUS,
  PRIYA,
  useApprovalsBackend,
} from './__testUtils__/approvalsBackend';

const databases = createTestDatabases();
jest.setTimeout(300_000);

describe.each(databases.eachSupportedId())('approvals on %s', databaseId => {
  const approvals = useApprovalsBackend(databases, databaseId);
  const { approvedProductionRequest, get, start, stop } = approvals;
  let knex: Knex;
  beforeAll(() => {
    knex = approvals.knex;
  });

  it('audits every step in a hash chain that detects an edited or deleted row', async () => {
    const requestId = await approvedProductionRequest();
    const audit = await get(PRIYA, `/approvals/${requestId}/audit`);
    expect(audit.body.verification).toEqual({ valid: true });
    expect(
      audit.body.entries.map((e: any) => [e.action, e.actor ?? null]),
    ).toEqual([
      ['created', PRIYA],
      ['approved-by', MARCUS],
      ['stage-passed', null],
      ['approved-by', AISHA],
      ['approved-by', LI],
      ['stage-passed', null],
      ['approved', null],
    ]);

    const original = await knex('approval_audit')
      .where({ request_id: requestId, seq: 2 })
      .first();
    await knex('approval_audit')
      .where({ request_id: requestId, seq: 2 })
      .update({ data: original.data.replace('Looks good', 'Looks great') });
    const edited = await get(PRIYA, `/approvals/${requestId}/audit`);
    expect(edited.body.verification).toMatchObject({ valid: false, seq: 2 });
    await knex('approval_audit')
      .where({ request_id: requestId, seq: 2 })
      .update({ data: original.data });

    await knex('approval_audit')
      .where({ request_id: requestId, seq: 7 })
      .delete();
    const truncated = await get(PRIYA, `/approvals/${requestId}/audit`);
    expect(truncated.body.verification.valid).toBe(false);
  });

  it('keeps requests and decisions across a restart', async () => {
    const decided = await approvedProductionRequest();
    const before = await get(PRIYA, `/approvals/${decided}`);
    await stop();
    await start();
    const after = await get(PRIYA, `/approvals/${decided}`);
    expect(after.body.decisions).toEqual(before.body.decisions);
    expect(after.body.state).toBe('approved');
  });
});
