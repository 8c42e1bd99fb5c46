/**
 * Readiness of an entity, worst first:
 * - `not-ready`: one of its own required gates does not pass;
 * - `blocked`: its own gates pass, but something it depends on (transitively) is not ready or missing;
 * - `at-risk`: ready, but a sign-off of a required gate expires soon;
 * - `ready`: every required gate passes and nothing upstream blocks it;
 * - `unknown`: no readiness profile applies to it.
 *
 * @public
 */
export type ReadinessStatus =
  | 'not-ready'
  | 'blocked'
  | 'at-risk'
  | 'ready'
  | 'unknown';

/** @public */
export const READINESS_STATUSES: ReadinessStatus[] = [
  'not-ready',
  'blocked',
  'at-risk',
  'ready',
  'unknown',
];

/**
 * How a gate is checked: `check` automatically from facts, `signoff` by a member of its team.
 *
 * @public
 */
export type ReadinessGateType = 'check' | 'signoff';

/**
 * State of one gate of one entity:
 * - `passed`; `expiring`: signed off, but the sign-off expires soon (still passes);
 * - `failed`: the check does not pass; `error`: the check could not be evaluated;
 * - `pending`: no sign-off yet (or it was revoked); `expired`: the sign-off ran out.
 *
 * @public
 */
export type ReadinessGateStatus =
  | 'passed'
  | 'expiring'
  | 'failed'
  | 'error'
  | 'pending'
  | 'expired';

/** Whether a gate in this state counts as passing. @public */
export const gatePasses = (status: ReadinessGateStatus) =>
  status === 'passed' || status === 'expiring';

/** @public */
export interface ReadinessGate {
  id: string;
  title: string;
  /** Entity ref of the team that owns the gate (for `owner` gates, the entity's owner). */
  team: string;
  type: ReadinessGateType;
  /** A gate that is not required is shown but never makes the entity not ready. */
  required: boolean;
  status: ReadinessGateStatus;
  /** Why, in words: "No link of type runbook", "Signed off for 2.4.0". */
  detail: string;
  /** For checks: the check type. */
  check?: string;
  signedBy?: string;
  signedAt?: string;
  expiresAt?: string;
  version?: string;
  comment?: string;
  /** When the gate entered its current state (the start of a wait, when it is not passing). */
  since?: string;
}

/**
 * Something upstream that keeps an entity from being ready: an entity that is not ready itself, or a
 * dependency the catalog does not have.
 *
 * @public
 */
export interface ReadinessBlocker {
  entityRef: string;
  title?: string;
  status: ReadinessStatus;
  /** True when the catalog does not have the entity. */
  missing?: boolean;
  /** Entity ref of the owner: the team to talk to. */
  owner?: string;
  ownerTitle?: string;
  /** From the entity asking to the blocker, both included. */
  path: string[];
  /**
   * The required gates that fail at the blocker, first to act on first: what must change there, and
   * the team that must act (which is not always the blocker's owner).
   */
  gates?: ReadinessBlockingGate[];
}

/** A gate that keeps a blocker from being ready, and the team that must act on it. @public */
export interface ReadinessBlockingGate {
  id: string;
  title: string;
  type: ReadinessGateType;
  status: ReadinessGateStatus;
  /** Entity ref of the team that must act. */
  team: string;
  teamTitle?: string;
}

/** @public */
export interface ReadinessProfileRef {
  id: string;
  title: string;
  /** Chosen by the profiles' filters, or by the entity's `lockstep.io/readiness-profile` annotation. */
  selectedBy: 'filter' | 'annotation';
  /** Why an annotation was not followed, when it was not. */
  note?: string;
}

/** @public */
export interface EntityReadiness {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  profile?: ReadinessProfileRef;
  status: ReadinessStatus;
  /** The status in words: "Blocked by payments-db, owned by team Data". */
  reason: string;
  gates: ReadinessGate[];
  /** What blocks it that the caller may read, reached only through what the caller may read. */
  blockedBy: ReadinessBlocker[];
  /**
   * True when something the caller may not read blocks it too (or is the only way to a blocker):
   * the status says so, and nothing names it or counts it.
   */
  hiddenBlockers?: boolean;
  /** When the checks of this entity last ran. */
  evaluatedAt?: string;
}

/** What happened to a gate; every sign-off, revocation, expiry and check result change is one. @public */
export type ReadinessEventKind =
  | 'evaluated'
  | 'signed-off'
  | 'revoked'
  | 'expired';

/** @public */
export interface ReadinessEvent {
  id: number;
  entityRef: string;
  gateId: string;
  kind: ReadinessEventKind;
  /** The gate's state after the event. */
  status: ReadinessGateStatus;
  actor?: string;
  comment?: string;
  version?: string;
  detail?: string;
  at: string;
}

/** A stretch of time during which a gate did not pass. `until` is absent while it still waits. @public */
export interface ReadinessWait {
  gateId: string;
  from: string;
  until?: string;
  /** Milliseconds waited, up to `until` or to now. */
  durationMs: number;
}

/** @public */
export interface ReadinessHistory {
  entityRef: string;
  /** Newest first. */
  events: ReadinessEvent[];
  /** Oldest first. */
  waits: ReadinessWait[];
}

/** One row of the readiness board. @public */
export interface ReadinessBoardEntry {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  profile: string;
  status: ReadinessStatus;
  reason: string;
  gates: Array<
    Pick<
      ReadinessGate,
      'id' | 'title' | 'team' | 'type' | 'required' | 'status' | 'since'
    >
  >;
  blockedBy: ReadinessBlocker[];
  /** As on `EntityReadiness`: something the caller may not read blocks it too. */
  hiddenBlockers?: boolean;
  /** Start of the longest current wait on a required gate, if one waits. */
  waitingSince?: string;
}

/** @public */
export interface ReadinessBoard {
  /** One page of entries, in board order. */
  items: ReadinessBoardEntry[];
  /** How many entries match, across pages. */
  total: number;
  /** Titles of the teams that own gates, by entity ref, for labels. */
  teams: Array<{ entityRef: string; title: string }>;
}

/** @public */
export interface ReadinessBoardQuery {
  owner?: string;
  system?: string;
  status?: ReadinessStatus[];
  team?: string;
  /** Page size; 500 by default, at most 5,000. */
  limit?: number;
  offset?: number;
}

/** @public */
export interface SignOffRequest {
  gateId: string;
  comment?: string;
  version?: string;
  /** An earlier expiry than the gate's validity allows (never a later one). */
  expiresAt?: string;
}
