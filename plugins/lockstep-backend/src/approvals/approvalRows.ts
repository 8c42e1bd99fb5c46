import {
  ApprovalDecision,
  ApprovalState,
  AuditEntry,
} from '@lockstep/backstage-plugin-lockstep-common';
import type { StoredRequest } from './ApprovalStore';

/** The tables of approvals as rows, and their mapping to the domain's shapes. */

export type RequestRow = {
  id: string;
  entity_ref: string;
  entity_key: string;
  title: string;
  description: string | null;
  environment: string;
  environment_key: string | null;
  version: string;
  requester: string;
  state: ApprovalState;
  current_stage: number;
  policy: string;
  readiness: string | null;
  created_at: string;
  updated_at: string;
  decided_at: string | null;
  expires_at: string | null;
  reminded_at: string | null;
  audit_count: number;
  audit_head: string | null;
};

export type DecisionRow = {
  id: number | string;
  request_id: string;
  actor: string;
  decision: string;
  comment: string | null;
  stage: number;
  groups: string;
  at: string;
};

export type AuditRow = {
  request_id: string;
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  data: string;
  prev_hash: string;
  hash: string;
};

/** The unique-index error of PostgreSQL (23505) or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function toDecision(row: DecisionRow): ApprovalDecision {
  return {
    id: Number(row.id),
    actor: row.actor,
    decision: row.decision as ApprovalDecision['decision'],
    ...(row.comment !== null && { comment: row.comment }),
    stage: Number(row.stage),
    at: row.at,
    groups: JSON.parse(row.groups),
  };
}

export function toRequest(
  row: RequestRow,
  decisions: DecisionRow[],
): StoredRequest {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    title: row.title,
    ...(row.description !== null && { description: row.description }),
    environment: row.environment,
    version: row.version,
    requester: row.requester,
    state: row.state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.decided_at !== null && { decidedAt: row.decided_at }),
    ...(row.expires_at !== null && { expiresAt: row.expires_at }),
    policy: JSON.parse(row.policy),
    ...(row.readiness !== null && {
      readinessAtCreation: JSON.parse(row.readiness),
    }),
    decisions: decisions.map(toDecision),
    currentStage: Number(row.current_stage),
    ...(row.audit_head !== null && {
      auditHead: { seq: Number(row.audit_count), hash: row.audit_head },
    }),
    ...(row.reminded_at !== null && { remindedAt: row.reminded_at }),
  };
}

export function toAudit(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    requestId: row.request_id,
    at: row.at,
    ...(row.actor !== null && { actor: row.actor }),
    action: row.action as AuditEntry['action'],
    data: JSON.parse(row.data),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
