import type { ApiRequestBody, ApiResponse, ApiSchema } from '../schema';
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
export type ReadinessStatus = ApiSchema<'ReadinessStatus'>;

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
export type ReadinessGateType = ReadinessGate['type'];

/**
 * State of one gate of one entity:
 * - `passed`; `expiring`: signed off, but the sign-off expires soon (still passes);
 * - `failed`: the check does not pass; `error`: the check could not be evaluated;
 * - `pending`: no sign-off yet (or it was revoked); `expired`: the sign-off ran out.
 *
 * @public
 */
export type ReadinessGateStatus = ApiSchema<'ReadinessGateStatus'>;

/** Whether a gate in this state counts as passing. @public */
export const gatePasses = (status: ReadinessGateStatus) =>
  status === 'passed' || status === 'expiring';

/** @public */
export type ReadinessGate = ApiSchema<'ReadinessGate'>;

/**
 * Something upstream that keeps an entity from being ready: an entity that is not ready itself, or a
 * dependency the catalog does not have.
 *
 * @public
 */
export type ReadinessBlocker = ApiSchema<'ReadinessBlocker'>;

/** A gate that keeps a blocker from being ready, and the team that must act on it. @public */
export type ReadinessBlockingGate = NonNullable<
  ReadinessBlocker['gates']
>[number];

/** @public */
export type ReadinessProfileRef = NonNullable<EntityReadiness['profile']>;

/** @public */
export type EntityReadiness = ApiSchema<'EntityReadiness'>;

/** What happened to a gate; every sign-off, revocation, expiry and check result change is one. @public */
export type ReadinessEventKind = ReadinessEvent['kind'];

/** @public */
export type ReadinessEvent = ApiSchema<'ReadinessEvent'>;

/** A stretch of time during which a gate did not pass. `until` is absent while it still waits. @public */
export type ReadinessWait = ReadinessHistory['waits'][number];

/** @public */
export type ReadinessHistory = ApiResponse<
  '/readiness/{kind}/{namespace}/{name}/history',
  'get'
>;

/** One row of the readiness board. @public */
export type ReadinessBoardEntry = ReadinessBoard['items'][number];

/** @public */
export type ReadinessBoard = ApiResponse<'/readiness', 'get'>;

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
export type SignOffRequest = ApiRequestBody<
  '/readiness/{kind}/{namespace}/{name}/signoffs',
  'post'
>;
