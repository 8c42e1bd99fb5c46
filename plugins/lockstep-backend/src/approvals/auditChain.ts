import { chainEntry } from '@lockstep/backstage-plugin-lockstep-common';
import { Knex } from 'knex';
import { AuditFields, sha256 } from './ApprovalStore';
import { AuditRow, RequestRow, toAudit } from './approvalRows';

/**
 * Appends entries to a request's hash chain and records the new head on the request row, inside the
 * transaction that made the change they record (with the request row locked).
 */
export async function appendAudit(
  tx: Knex.Transaction,
  row: RequestRow,
  at: string,
  entries: AuditFields[],
) {
  if (entries.length === 0) return;
  const last = await tx<AuditRow>('approval_audit')
    .where({ request_id: row.id })
    .orderBy('seq', 'desc')
    .first();
  let prev = last && toAudit(last);
  const rows: AuditRow[] = [];
  for (const fields of entries) {
    const entry = chainEntry(
      prev,
      { requestId: row.id, at, ...fields },
      sha256,
    );
    rows.push({
      request_id: entry.requestId,
      seq: entry.seq,
      at: entry.at,
      actor: entry.actor ?? null,
      action: entry.action,
      data: JSON.stringify(entry.data),
      prev_hash: entry.prevHash,
      hash: entry.hash,
    });
    prev = entry;
  }
  await tx('approval_audit').insert(rows);
  await tx('approval_requests')
    .where({ id: row.id })
    .update({ audit_count: prev!.seq, audit_head: prev!.hash });
}
