/**
 * The signal channels the backend broadcasts on, so that open pages reload what they show. Messages
 * name nothing, no entity and no request: every signed-in page receives them, including people who
 * may not read what changed, and a reload answers each page with what its reader may read.
 */

/** Some request changed (created, decided, ended); the message is `{ at }`, an ISO time. @public */
export const APPROVALS_SIGNAL_CHANNEL = 'lockstep-approvals';

/** Some entity's readiness changed; the message is `{ at }`, an ISO time. @public */
export const READINESS_SIGNAL_CHANNEL = 'lockstep-readiness';
