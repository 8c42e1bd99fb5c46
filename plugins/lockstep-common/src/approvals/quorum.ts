import { refKey } from '../catalog/entity';
import {
  ApprovalDecision,
  ApprovalDecisionKind,
  ApprovalProgress,
  ApprovalRule,
  ApprovalState,
  PolicySnapshot,
} from './types';
import {
  APPROVAL_STATE_MACHINE,
  DECISION_OUTCOMES,
  INITIAL_APPROVAL_STATE,
  isDecidable,
} from './states';

/** Someone who approved, with the groups they were in when they did. @public */
export interface Approver {
  actor: string;
  groups: string[];
}

/** Only people decide: a service or bot principal (anything but a `user:` ref) never counts. */
export const isPerson = (actor: string) => refKey(actor).startsWith('user:');

/** Whether a decision by `actor` is excluded because they raised the request. */
const isExcludedRequester = (
  snapshot: Pick<PolicySnapshot, 'requesterCannotApprove'>,
  actor: string,
  requester: string,
) => snapshot.requesterCannotApprove && refKey(actor) === refKey(requester);

/**
 * Which approvers count for which rule. Each person counts for at most one rule (a person in two
 * groups is still one pair of eyes) and each rule takes at most `minApprovals` people, so this is a
 * maximum bipartite matching between rule slots and approvers. It uses augmenting paths: when an
 * approver's rules are full, someone already counted is moved to another rule of theirs if that frees
 * a slot. Approvers are placed in the order given (earliest first), so the result is deterministic.
 * Refs are compared case-insensitively and returned lower-case; a person listed twice counts once.
 *
 * @returns the actors counted for each rule, index-aligned with `rules`
 * @public
 */
export function assignApprovers(
  rules: ReadonlyArray<ApprovalRule>,
  approvers: ReadonlyArray<Approver>,
): string[][] {
  const slots: string[][] = rules.map(() => []);
  const rulesOf = new Map<string, number[]>();
  for (const approver of approvers) {
    const actor = refKey(approver.actor);
    if (rulesOf.has(actor)) continue;
    const groups = new Set(approver.groups.map(refKey));
    rulesOf.set(
      actor,
      rules.flatMap((rule, index) =>
        groups.has(refKey(rule.group)) ? [index] : [],
      ),
    );
  }

  const place = (actor: string, visited: Set<number>): boolean => {
    for (const index of rulesOf.get(actor) ?? []) {
      if (visited.has(index)) continue;
      visited.add(index);
      const taken = slots[index];
      if (taken.length < rules[index].minApprovals) {
        taken.push(actor);
        return true;
      }
      // Full: try to move one of the people counted here to another rule of theirs.
      for (let k = 0; k < taken.length; k++) {
        if (place(taken[k], visited)) {
          taken[k] = actor;
          return true;
        }
      }
    }
    return false;
  };

  for (const actor of rulesOf.keys()) place(actor, new Set());
  return slots;
}

/**
 * Whether every rule of a stage has its quorum from distinct people. A stage without rules never
 * passes: an empty stage is a configuration mistake, and it must not approve anything by default.
 *
 * @public
 */
export function stageSatisfied(
  rules: ReadonlyArray<ApprovalRule>,
  approvers: ReadonlyArray<Approver>,
): boolean {
  if (rules.length === 0) return false;
  const assigned = assignApprovers(rules, approvers);
  return rules.every(
    (rule, index) => assigned[index].length >= rule.minApprovals,
  );
}

/**
 * Evaluates a request's decisions against its policy snapshot by replaying them in order (oldest
 * first, as stored):
 * - a decision counts only if it was made by a person (`user:`), not by the requester when the policy
 *   forbids self-approval, in the stage that was open at that point (`decision.stage`), and by a
 *   member of one of that stage's rule groups (per `decision.groups`);
 * - each person's first decision is the only one that counts, even if the store lists more;
 * - a counted reject decides the request: rejected;
 * - a stage passes when `stageSatisfied`, which opens the next; all stages passed: approved.
 *
 * Replaying (rather than grouping decisions by stage) also means an approval recorded for a stage
 * before that stage was open never counts. A snapshot without stages is never approved.
 *
 * @public
 */
export function evaluateRequest(
  snapshot: PolicySnapshot,
  decisions: ReadonlyArray<ApprovalDecision>,
  requester: string,
): ApprovalProgress {
  const stages = snapshot.stages;
  const approvals: Approver[][] = stages.map(() => []);
  const decidedBy: Record<string, ApprovalDecisionKind> = {};
  let current = 0;
  let rejected = false;
  const advance = () => {
    while (
      current < stages.length &&
      stageSatisfied(stages[current].rules, approvals[current])
    ) {
      current++;
    }
  };

  advance();
  for (const decision of decisions) {
    const actor = refKey(decision.actor);
    if (actor in decidedBy) continue;
    decidedBy[actor] = decision.decision;
    if (rejected || current >= stages.length || decision.stage !== current) {
      continue;
    }
    if (!isPerson(actor) || isExcludedRequester(snapshot, actor, requester)) {
      continue;
    }
    const groups = decision.groups.map(refKey);
    const inStage = stages[current].rules.some(rule =>
      groups.includes(refKey(rule.group)),
    );
    if (!inStage) continue;
    if (decision.decision === 'reject') {
      rejected = true;
    } else {
      approvals[current].push({ actor, groups });
      advance();
    }
  }

  let state: ApprovalProgress['state'] = INITIAL_APPROVAL_STATE;
  if (rejected) state = DECISION_OUTCOMES.reject;
  else if (stages.length > 0 && current === stages.length)
    state = DECISION_OUTCOMES.approve;

  return {
    state,
    currentStage: current,
    stages: stages.map((stage, index) => {
      const assigned = assignApprovers(stage.rules, approvals[index]);
      return {
        name: stage.name,
        passed: index < current,
        rules: stage.rules.map((rule, r) => ({
          group: rule.group,
          minApprovals: rule.minApprovals,
          approvedBy: assigned[r],
          missing: Math.max(0, rule.minApprovals - assigned[r].length),
        })),
      };
    }),
    decidedBy,
  };
}

const stageLabel = (index: number, name: string) =>
  `stage ${index + 1} (${name})`;

/**
 * Whether `actor` may approve or reject the request now, and if not, why in words.
 *
 * Any member of any rule group of the open stage may decide, also when that rule's quorum is already
 * full: the matching may count them for another rule of the stage they also belong to, an extra
 * approval is a harmless record of consent, and refusing it would make two approvers clicking at the
 * same moment race for the last slot. Each person decides once per request: someone in the groups of
 * two stages cannot approve both.
 *
 * @param progress - the request's `evaluateRequest` result; pass `{ ...progress, state: request.state }`
 *   so that cancelled, expired and superseded requests are refused with the right reason
 * @param actorGroups - the actor's ownership refs now (their groups; the user ref itself too, so that a
 *   rule on a user-owned entity's owner matches)
 * @public
 */
export function eligibleFor(
  snapshot: PolicySnapshot,
  progress: {
    state: ApprovalState;
    currentStage: number;
    decidedBy: Record<string, ApprovalDecisionKind>;
  },
  actor: string,
  actorGroups: ReadonlyArray<string>,
  requester: string,
): { eligible: boolean; reason?: string; rules: ApprovalRule[] } {
  const no = (reason: string) => ({ eligible: false, reason, rules: [] });
  if (!isDecidable(progress.state)) {
    const { undecidable, label } = APPROVAL_STATE_MACHINE[progress.state];
    return no(undecidable ?? `This request is ${label.toLocaleLowerCase()}`);
  }
  if (!isPerson(actor)) {
    return no('Only people can decide; service principals never count');
  }
  if (isExcludedRequester(snapshot, actor, requester)) {
    return no(
      'You requested this release; this policy does not let requesters approve their own',
    );
  }
  const earlier = progress.decidedBy[refKey(actor)];
  if (earlier) {
    return no(`You already ${earlier === 'approve' ? 'approved' : 'rejected'}`);
  }

  const groups = new Set(actorGroups.map(refKey));
  const memberRules = (index: number) =>
    snapshot.stages[index].rules.filter(rule => groups.has(refKey(rule.group)));
  const open = progress.currentStage;
  if (open >= snapshot.stages.length) {
    return no('This request has no open stage');
  }
  const rules = memberRules(open);
  if (rules.length > 0) return { eligible: true, rules };

  const openLabel = stageLabel(open, snapshot.stages[open].name);
  const later = snapshot.stages.findIndex(
    (_, index) => index > open && memberRules(index).length > 0,
  );
  if (later >= 0) {
    return no(
      `Waiting for ${openLabel} first; you approve in ${stageLabel(
        later,
        snapshot.stages[later].name,
      )}`,
    );
  }
  const approvers = snapshot.stages[open].rules.map(rule => rule.group);
  return no(
    `You are not a member of ${approvers.join(
      ' or ',
    )}, the approvers of ${openLabel}`,
  );
}
