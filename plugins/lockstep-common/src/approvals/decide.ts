import { refKey } from '../catalog/entity';
import { eligibleFor, evaluateRequest, isPerson } from './quorum';
import { DECISION_OUTCOMES, isDecidable, isTerminal } from './states';
import {
  ApprovalDecision,
  ApprovalDecisionKind,
  ApprovalProgress,
  ApprovalRequest,
  AuditAction,
} from './types';

/** A decision someone asks to record. @public */
export interface DecisionInput {
  actor: string;
  /** The actor's ownership refs now: their groups and their own user ref. */
  groups: string[];
  decision: ApprovalDecisionKind;
  comment?: string;
  /** The stage the decider was shown; when it is no longer the open one, the decision is refused. */
  stage?: number;
  at: string;
}

/** What recording a decision does to a request, and the audit entries that say so. @public */
export interface DecisionEffect {
  decision: ApprovalDecision;
  state: ApprovalProgress['state'];
  currentStage: number;
  audit: Array<{
    action: AuditAction;
    actor?: string;
    data: Record<string, unknown>;
  }>;
}

/**
 * Why a decision is not recorded: `conflict` when the request moved on (decided, or the stage passed)
 * before the decision arrived, `forbidden` when the actor may not decide, `invalid` when the input
 * breaks the policy's rules (a rejection without a reason).
 *
 * @public
 */
export interface DecisionRefusal {
  refused: 'conflict' | 'forbidden' | 'invalid';
  message: string;
}

const stageName = (request: Pick<ApprovalRequest, 'policy'>, index: number) =>
  `stage ${index + 1} (${request.policy.stages[index]?.name ?? 'none'})`;

/**
 * Applies one decision to a request as it stands, or says why it cannot be applied. The backend calls
 * this with the request row locked, so that what it decides on is what is stored: a decision that
 * raced another is judged against the outcome of that other decision, never against what the decider
 * read earlier. Either the decision is recorded and takes effect (a counted rejection always rejects),
 * or it is refused and nothing changes.
 *
 * @public
 */
export function decideOn(
  request: Pick<
    ApprovalRequest,
    'id' | 'state' | 'policy' | 'decisions' | 'requester'
  >,
  input: DecisionInput,
): DecisionEffect | DecisionRefusal {
  const refuse = (
    refused: DecisionRefusal['refused'],
    message: string,
  ): DecisionRefusal => ({ refused, message });
  const comment = input.comment?.trim() || undefined;
  if (
    input.decision === 'reject' &&
    request.policy.rejectReasonRequired &&
    !comment
  ) {
    return refuse(
      'invalid',
      'comment: this policy requires a reason to reject',
    );
  }
  const before = evaluateRequest(
    request.policy,
    request.decisions,
    request.requester,
  );
  const state = isTerminal(request.state) ? request.state : before.state;
  if (!isDecidable(state)) {
    return refuse(
      'conflict',
      `Request ${request.id} is ${state}; it takes no more decisions`,
    );
  }
  const open = before.currentStage;
  const earlier = before.decidedBy[refKey(input.actor)];
  if (earlier) {
    return refuse(
      'conflict',
      `You already ${earlier === 'approve' ? 'approved' : 'rejected'} request ${
        request.id
      }; one decision per person`,
    );
  }
  const eligible = eligibleFor(
    request.policy,
    { ...before, state },
    input.actor,
    input.groups,
    request.requester,
  );
  const forbidden = () =>
    refuse(
      'forbidden',
      eligible.reason ?? 'You may not decide on this request',
    );
  // who may never decide here is told so, whatever stage the request is at
  const neverEligible =
    !isPerson(input.actor) ||
    (request.policy.requesterCannotApprove &&
      refKey(input.actor) === refKey(request.requester));
  if (neverEligible) return forbidden();
  if (input.stage !== undefined && input.stage !== open) {
    return refuse(
      'conflict',
      `You decided on ${stageName(request, input.stage)}, but request ${
        request.id
      } is at ${stageName(request, open)} now; your decision was not recorded`,
    );
  }
  if (!eligible.eligible) {
    const groups = new Set(input.groups.map(refKey));
    const passedOwnStage = request.policy.stages.findIndex(
      (stage, index) =>
        index < open &&
        stage.rules.some(rule => groups.has(refKey(rule.group))),
    );
    if (passedOwnStage >= 0) {
      // The decider's stage passed while they were deciding (or before they looked again).
      return refuse(
        'conflict',
        `${stageName(request, passedOwnStage)} of request ${
          request.id
        } has passed; it is at ${stageName(
          request,
          open,
        )} now, and your decision was not recorded`,
      );
    }
    return forbidden();
  }

  const decision: ApprovalDecision = {
    actor: input.actor,
    decision: input.decision,
    ...(comment && { comment }),
    stage: open,
    at: input.at,
    groups: input.groups,
  };
  const after = evaluateRequest(
    request.policy,
    [...request.decisions, decision],
    request.requester,
  );
  // An eligible rejection always rejects; anything else would acknowledge a decision that is ignored.
  // (An extra approval for a rule whose quorum is full is recorded consent, counted or not.)
  if (input.decision === 'reject' && after.state !== DECISION_OUTCOMES.reject) {
    throw new Error(
      `The rejection of ${input.actor} on request ${request.id} would not count`,
    );
  }

  const audit: DecisionEffect['audit'] = [
    {
      action: input.decision === 'approve' ? 'approved-by' : 'rejected-by',
      actor: input.actor,
      data: { stage: open, groups: input.groups, ...(comment && { comment }) },
    },
  ];
  for (let stage = open; stage < after.currentStage; stage++) {
    audit.push({
      action: 'stage-passed',
      data: { stage, name: request.policy.stages[stage].name },
    });
  }
  if (isTerminal(after.state)) {
    audit.push({
      action: after.state,
      data: { decisions: request.decisions.length + 1 },
    });
  }
  return {
    decision,
    state: after.state,
    currentStage: after.currentStage,
    audit,
  };
}

/** Whether `decideOn` refused. @public */
export const isRefusal = (
  outcome: DecisionEffect | DecisionRefusal,
): outcome is DecisionRefusal => 'refused' in outcome;
