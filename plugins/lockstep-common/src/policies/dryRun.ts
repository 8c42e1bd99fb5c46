import { eligibleApprovers, unsatisfiableRules } from '../approvals/policy';
import type { PolicySnapshot } from '../approvals/types';
import type { EnvironmentPolicy } from './types';

/** What a dry run of a request says, apart from the environment and the choice of policy. */
export type DryRun = Pick<
  EnvironmentPolicy,
  | 'stages'
  | 'additions'
  | 'ignored'
  | 'requesterCannotApprove'
  | 'requireReadiness'
  | 'expiresAfterMs'
> & {
  /** Why no set of approvers could approve it, one sentence per rule; empty when some could. */
  problems: string[];
};

/**
 * Who would have to approve a request by `requester` frozen as `snapshot`, stage by stage, and
 * whether anyone could: the same rules creating the request applies (`unsatisfiableRules`).
 *
 * @param membersOf - the user refs of a group's members (for a user ref, that user)
 * @public
 */
export function dryRunRequest(
  snapshot: PolicySnapshot,
  membersOf: (groupRef: string) => string[],
  requester: string,
): DryRun {
  return {
    stages: snapshot.stages.map(stage => ({
      name: stage.name,
      rules: stage.rules.map(rule => ({
        group: rule.group,
        minApprovals: rule.minApprovals,
        members: eligibleApprovers(snapshot, rule.group, membersOf, requester),
      })),
    })),
    additions: snapshot.additions,
    ignored: snapshot.ignored,
    requesterCannotApprove: snapshot.requesterCannotApprove,
    requireReadiness: snapshot.requireReadiness,
    ...(snapshot.expiresAfterMs !== undefined && {
      expiresAfterMs: snapshot.expiresAfterMs,
    }),
    problems: unsatisfiableRules(snapshot, membersOf, requester).map(
      p => p.message,
    ),
  };
}

/**
 * Why a request for `entityRef` in `environment` would be refused at creation, or undefined when it
 * would not: no policy applies, or no set of approvers could meet its quorum. The backend refuses a
 * request with this text and the dry run shows it, so both say the same.
 *
 * @public
 */
export function requestRefusal(
  entityRef: string,
  environment: string,
  policy: { id: string } | undefined,
  problems: string[],
): string | undefined {
  if (!policy) {
    return `No approval policy applies to ${entityRef} in environment '${environment}'; ask your platform team to add one under lockstep.approvals.policies`;
  }
  if (problems.length > 0) {
    return `Policy '${
      policy.id
    }' cannot be satisfied for this request: ${problems.join('; ')}`;
  }
  return undefined;
}
