import type { ApprovalState } from './types';

/** What can happen to a request: a decision, the requester's cancel, the clock, a newer request. @public */
export type ApprovalEvent =
  | 'approve'
  | 'reject'
  | 'cancel'
  | 'expire'
  | 'supersede';

/** How a state looks: the UI gives each tone its colours and icon. @public */
export type ApprovalTone =
  | 'open'
  | 'success'
  | 'danger'
  | 'neutral'
  | 'warning'
  | 'faded';

/** One state of a request: what can happen to it there (and where that leads), and its words. @public */
export interface ApprovalStateDefinition {
  /** The events this state takes, each with the state it leads to. A state that takes none is final. */
  on: Partial<Record<ApprovalEvent, ApprovalState>>;
  /** The state in words, as a chip or a notification title shows it. */
  label: string;
  tone: ApprovalTone;
  /** Why nobody can decide in this state, when approvers cannot. */
  undecidable?: string;
}

/**
 * The approval state machine: every state, and every move between them. Lists, SQL guards, the
 * expiry and supersede sweeps, and the UI ask it rather than naming states, so a new state is an
 * entry here plus its value in the spec's enum (which the keys are checked against).
 *
 * An approval is never reopened, re-decided or revived, and a change to what was requested means a
 * new request, which supersedes the old one. The backend applies a move with a conditional update
 * on the states that take the event, so two approvers landing the last approval at once produce
 * exactly one move.
 *
 * @public
 */
export const APPROVAL_STATE_MACHINE: Record<
  ApprovalState,
  ApprovalStateDefinition
> = {
  pending: {
    on: {
      approve: 'approved',
      reject: 'rejected',
      cancel: 'cancelled',
      expire: 'expired',
      supersede: 'superseded',
    },
    label: 'Pending',
    tone: 'open',
  },
  approved: {
    on: {},
    label: 'Approved',
    tone: 'success',
    undecidable: 'This request is already approved',
  },
  rejected: {
    on: {},
    label: 'Rejected',
    tone: 'danger',
    undecidable: 'This request was rejected',
  },
  cancelled: {
    on: {},
    label: 'Cancelled',
    tone: 'neutral',
    undecidable: 'This request was cancelled',
  },
  expired: {
    on: {},
    label: 'Expired',
    tone: 'warning',
    undecidable: 'This request expired',
  },
  superseded: {
    on: {},
    label: 'Superseded',
    tone: 'faded',
    undecidable: 'A newer request superseded this one',
  },
};

/** Where every request starts. @public */
export const INITIAL_APPROVAL_STATE: ApprovalState = 'pending';

/** Every state, in the machine's order. @public */
export const APPROVAL_STATES = Object.keys(
  APPROVAL_STATE_MACHINE,
) as ReadonlyArray<ApprovalState>;

/** The state `event` moves a request in `state` to, or undefined when that state does not take it. @public */
export const nextApprovalState = (
  state: ApprovalState,
  event: ApprovalEvent,
): ApprovalState | undefined => APPROVAL_STATE_MACHINE[state].on[event];

/** Whether a request in `state` takes `event`. @public */
export const takes = (state: ApprovalState, event: ApprovalEvent) =>
  nextApprovalState(state, event) !== undefined;

/** The states that take `event`: what a guard or a sweep for it selects. @public */
export const statesTaking = (event: ApprovalEvent): ApprovalState[] =>
  APPROVAL_STATES.filter(state => takes(state, event));

/** Whether a request in this state is decided for good. @public */
export const isTerminal = (state: ApprovalState) =>
  Object.keys(APPROVAL_STATE_MACHINE[state].on).length === 0;

/** The states a request never leaves. @public */
export const TERMINAL_APPROVAL_STATES: ReadonlyArray<ApprovalState> =
  APPROVAL_STATES.filter(isTerminal);

/** The states still open: lists put them first. @public */
export const OPEN_APPROVAL_STATES: ReadonlyArray<ApprovalState> =
  APPROVAL_STATES.filter(state => !isTerminal(state));

/** Whether approvers may decide a request in this state (and find it in their inbox). @public */
export const isDecidable = (state: ApprovalState) =>
  takes(state, 'approve') && takes(state, 'reject');

/** The state a decision leads to when it settles the request. @public */
export const DECISION_OUTCOMES = {
  approve: APPROVAL_STATE_MACHINE[INITIAL_APPROVAL_STATE].on.approve!,
  reject: APPROVAL_STATE_MACHINE[INITIAL_APPROVAL_STATE].on.reject!,
};

/**
 * Whether a request may move from one state to another through some event.
 *
 * @public
 */
export const canTransition = (from: ApprovalState, to: ApprovalState) =>
  Object.values(APPROVAL_STATE_MACHINE[from].on).includes(to);
