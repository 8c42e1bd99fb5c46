/**
 * The signal channels the backend broadcasts on, so that open pages reload what changed. Messages
 * name no catalog entity: every signed-in page receives them, including people who may not read it.
 */

/** A request changed (created, decided, ended); the message is `{ id }` of the request. @public */
export const APPROVALS_SIGNAL_CHANNEL = 'lockstep-approvals';

/** Some entity's readiness changed; the message is `{ at }`, an ISO time. @public */
export const READINESS_SIGNAL_CHANNEL = 'lockstep-readiness';
