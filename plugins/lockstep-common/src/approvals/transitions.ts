import { ApprovalState, TERMINAL_APPROVAL_STATES } from './types';

/** Whether a request in this state is decided for good. @public */
export const isTerminal = (state: ApprovalState) =>
  TERMINAL_APPROVAL_STATES.includes(state);

/**
 * Whether a request may move from one state to another. Only a pending request moves, and only to a
 * final state: an approval is never reopened, re-decided or revived, and a change to what was
 * requested means a new request (which supersedes the old one). The backend applies a transition with
 * a conditional update on the current state, so two approvers landing the last approval at once
 * produce exactly one transition.
 *
 * @public
 */
export const canTransition = (from: ApprovalState, to: ApprovalState) =>
  from === 'pending' && isTerminal(to);
