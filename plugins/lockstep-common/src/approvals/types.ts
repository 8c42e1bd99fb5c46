import type {
  ReadinessAtCreation,
  ReadinessAtCreationView,
} from './readinessRecord';
import type { ReadinessProfileFilter } from '../readiness/profiles';

/**
 * One requirement of a stage: `minApprovals` different people from `group` must approve.
 *
 * @public
 */
export interface ApprovalRule {
  /**
   * A Group entity ref, lower-case (`group:default/security`). In an admin's policy it may be `owner`,
   * which a snapshot replaces with the owner of the entity under request.
   */
  group: string;
  minApprovals: number;
}

/**
 * A step of a policy. Its rules run in parallel; the stages run in order, each opening only when every
 * earlier one has passed.
 *
 * @public
 */
export interface ApprovalStage {
  name: string;
  rules: ApprovalRule[];
}

/**
 * Which entities a policy applies to. The same fields and semantics as the readiness profiles' filter
 * (case-insensitive, a list matches any of its values, `tags` any of, `system` system entity refs), so
 * an admin learns one filter language.
 *
 * @public
 */
export type ApprovalPolicyFilter = ReadinessProfileFilter;

/**
 * A policy as the admin configures it. The requester never edits it; an entity's
 * `lockstep.io/approvers` annotation can only add approvers or raise counts.
 *
 * @public
 */
export interface ApprovalPolicy {
  id: string;
  title: string;
  filter: ApprovalPolicyFilter;
  /** Environments the policy covers, case-insensitive; absent means any environment. */
  environments?: string[];
  stages: ApprovalStage[];
  /** Separation of duties: whoever asks for a release may not approve it. */
  requesterCannotApprove: boolean;
  /** A rejection must say why. */
  rejectReasonRequired: boolean;
  /** A request still pending this long after creation expires. Absent: it never does. */
  expiresAfterMs?: number;
  /** A request can only be created while the entity is ready; its readiness then is recorded on the request. */
  requireReadiness: boolean;
}

/**
 * The effective policy, frozen on a request when it is created, so that later edits of the config or
 * of the entity's catalog-info.yaml cannot change how an open request is decided.
 *
 * @public
 */
export interface PolicySnapshot {
  policyId: string;
  policyTitle: string;
  /** With `owner` resolved to the entity's owner ref (kept as `owner` when the entity has none). */
  stages: ApprovalStage[];
  requesterCannotApprove: boolean;
  rejectReasonRequired: boolean;
  expiresAfterMs?: number;
  requireReadiness: boolean;
  /** What the approvers annotation added or raised, in words. */
  additions: string[];
  /** What the approvers annotation asked for and was not followed (it would relax the policy or is malformed), in words. */
  ignored: string[];
}

/**
 * Where a request is: `pending` until decided; every other state is final.
 * - `superseded`: a newer request for the same entity and environment replaced it.
 *
 * @public
 */
export type ApprovalState =
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'cancelled'
  | 'expired'
  | 'superseded';

/** @public */
export const APPROVAL_STATES: ReadonlyArray<ApprovalState> = [
  'pending',
  'approved',
  'rejected',
  'cancelled',
  'expired',
  'superseded',
];

/** The states a request never leaves. @public */
export const TERMINAL_APPROVAL_STATES: ReadonlyArray<ApprovalState> = [
  'approved',
  'rejected',
  'cancelled',
  'expired',
  'superseded',
];

/** @public */
export type ApprovalDecisionKind = 'approve' | 'reject';

/** @public */
export interface ApprovalDecision {
  id?: number;
  /** The user entity ref of who decided. */
  actor: string;
  decision: ApprovalDecisionKind;
  comment?: string;
  /** Index of the stage that was open when the decision was made. */
  stage: number;
  /** ISO timestamp. */
  at: string;
  /** The actor's group refs at decision time, as the backend resolved them (so later membership changes do not rewrite history). */
  groups: string[];
}

/** @public */
export interface ApprovalRequest {
  id: string;
  entityRef: string;
  title: string;
  description?: string;
  environment: string;
  version: string;
  /** Who asked: a user entity ref, or the subject of a service principal (a pipeline's token). */
  requester: string;
  state: ApprovalState;
  createdAt: string;
  updatedAt: string;
  decidedAt?: string;
  expiresAt?: string;
  policy: PolicySnapshot;
  /** The entity's readiness when the request was created, for the record. */
  readinessAtCreation?: ReadinessAtCreation;
  /** Oldest first. */
  decisions: ApprovalDecision[];
  /** Index of the open stage, or `policy.stages.length` when all have passed. */
  currentStage: number;
}

/** How far one rule is: who is counted for it, and how many approvals it still needs. @public */
export interface ApprovalRuleProgress {
  group: string;
  minApprovals: number;
  /** The people counted for this rule; each person counts for one rule only. */
  approvedBy: string[];
  missing: number;
}

/** @public */
export interface ApprovalStageProgress {
  name: string;
  passed: boolean;
  rules: ApprovalRuleProgress[];
}

/**
 * A request's decisions evaluated against its policy snapshot. Only `pending`, `approved` and
 * `rejected` follow from decisions; cancel, expiry and supersede are events the backend records.
 *
 * @public
 */
export interface ApprovalProgress {
  state: 'pending' | 'approved' | 'rejected';
  /** Index of the open stage (of the rejecting stage when rejected), or `stages.length` when all passed. */
  currentStage: number;
  stages: ApprovalStageProgress[];
  /** The first decision of every person who decided, counted or not, by lower-case user ref. */
  decidedBy: Record<string, ApprovalDecisionKind>;
}

/** @public */
export type AuditAction =
  | 'created'
  | 'approved-by'
  | 'rejected-by'
  | 'stage-passed'
  | 'approved'
  | 'rejected'
  | 'cancelled'
  | 'expired'
  | 'superseded';

/**
 * One row of a request's audit trail, hash-chained to the row before it (see `verifyAuditChain`).
 *
 * @public
 */
export interface AuditEntry {
  /** Position in the request's chain, from 1. */
  seq: number;
  requestId: string;
  at: string;
  /** Absent for what the system did on its own (expiry). */
  actor?: string;
  action: AuditAction;
  data: Record<string, unknown>;
  /** The `hash` of the previous row, or `AUDIT_GENESIS_HASH` for the first. */
  prevHash: string;
  /** SHA-256 hex of `prevHash` followed by the row's canonical JSON. */
  hash: string;
}

/** Body of `POST /approvals`. @public */
export interface CreateApprovalRequest {
  entityRef: string;
  title: string;
  description?: string;
  environment: string;
  version: string;
}

/** Body of `POST /approvals/{id}/decisions`. @public */
export interface DecideApprovalRequest {
  decision: ApprovalDecisionKind;
  comment?: string;
  /**
   * The stage the decider was shown. When it has passed meanwhile the decision is refused with a 409
   * instead of counting for a stage the decider never saw.
   */
  stage?: number;
}

/** Query of `GET /approvals`. @public */
export interface ApprovalListQuery {
  entityRef?: string;
  state?: ApprovalState[];
  /** Only requests the caller may decide now. */
  pendingFor?: 'me';
  /** At most this many items (1–500, default 100). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * One page of `GET /approvals`: open requests first, then newest first; the inbox (`pendingFor=me`)
 * oldest first, so that the longest wait is on top and never falls off the end.
 *
 * @public
 */
export interface ApprovalList {
  items: ApprovalRequestView[];
  /** Present when there are more: pass it as `cursor` for the next page. */
  nextCursor?: string;
  /** With `pendingFor=me`: how many requests wait for the caller, on all pages. */
  total?: number;
}

/**
 * A request as the API answers it: its progress, and what the caller may do with it.
 *
 * @public
 */
export interface ApprovalRequestView
  extends Omit<ApprovalRequest, 'readinessAtCreation'> {
  /** Worded for the caller: it names only what the caller may read. */
  readinessAtCreation?: ReadinessAtCreationView;
  progress: ApprovalProgress;
  viewer: {
    canDecide: boolean;
    /** Why the caller cannot decide, in words. */
    reason?: string;
    canCancel: boolean;
  };
}

/** The audit trail of a request and whether its hash chain verifies. @public */
export interface ApprovalAudit {
  entries: AuditEntry[];
  verification:
    | { valid: true }
    | { valid: false; seq: number; problem: string };
}
