import type { ReadinessAtCreation } from './readinessRecord';
import type { ApiRequestBody, ApiResponse, ApiSchema } from '../schema';
import type { ReadinessProfileFilter } from '../readiness/profiles';

/**
 * One requirement of a stage: `minApprovals` different people from `group` must approve.
 *
 * @public
 */
export type ApprovalRule = ApiSchema<'ApprovalRule'>;

/**
 * A step of a policy. Its rules run in parallel; the stages run in order, each opening only when every
 * earlier one has passed.
 *
 * @public
 */
export type ApprovalStage = ApiSchema<'ApprovalStage'>;

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
export type PolicySnapshot = ApiSchema<'PolicySnapshot'>;

/**
 * Where a request is: `pending` until decided; every other state is final.
 * - `superseded`: a newer request for the same entity and environment replaced it.
 *
 * @public
 */
export type ApprovalState = ApiSchema<'ApprovalState'>;

/** @public */
export type ApprovalDecisionKind = ApprovalDecision['decision'];

/** @public */
export type ApprovalDecision = ApprovalRequestView['decisions'][number];

/** @public */
export type ApprovalRequest = Omit<
  ApprovalRequestView,
  'readinessAtCreation' | 'progress' | 'viewer'
> & {
  /** The entity's readiness when the request was created, for the record. */
  readinessAtCreation?: ReadinessAtCreation;
};

/** How far one rule is: who is counted for it, and how many approvals it still needs. @public */
export type ApprovalRuleProgress = ApprovalStageProgress['rules'][number];

/** @public */
export type ApprovalStageProgress = ApprovalProgress['stages'][number];

/**
 * A request's decisions evaluated against its policy snapshot. Only `pending`, `approved` and
 * `rejected` follow from decisions; cancel, expiry and supersede are events the backend records.
 *
 * @public
 */
export type ApprovalProgress = ApiSchema<'ApprovalProgress'>;

/** @public */
export type AuditAction = AuditEntry['action'];

/**
 * One row of a request's audit trail, hash-chained to the row before it (see `verifyAuditChain`).
 *
 * @public
 */
export type AuditEntry = ApprovalAudit['entries'][number];

/** Body of `POST /approvals`. @public */
export type CreateApprovalRequest = ApiRequestBody<'/approvals', 'post'>;

/** Body of `POST /approvals/{id}/decisions`. @public */
export type DecideApprovalRequest = ApiRequestBody<
  '/approvals/{id}/decisions',
  'post'
>;

/** Query of `GET /approvals`. @public */
export interface ApprovalListQuery {
  entityRef?: string;
  state?: ApprovalState[];
  /** Only requests the caller may decide now. */
  pendingFor?: 'me';
  /** Only requests for this environment (case-insensitively). */
  environment?: string;
  /** Only requests by this principal; `me` for the caller's own. */
  requester?: string;
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
export type ApprovalList = ApiResponse<'/approvals', 'get'>;

/**
 * A request as the API answers it: its progress, and what the caller may do with it.
 *
 * @public
 */
export type ApprovalRequestView = ApiSchema<'ApprovalRequest'>;

/** The audit trail of a request and whether its hash chain verifies. @public */
export type ApprovalAudit = ApiResponse<'/approvals/{id}/audit', 'get'>;
