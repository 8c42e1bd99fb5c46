import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { matchesEntityFilter } from '../catalog/entity';
import { assignApprovers, isPerson } from './quorum';
import {
  ApprovalPolicy,
  ApprovalRule,
  ApprovalStage,
  PolicySnapshot,
} from './types';

/**
 * The annotation with which an entity asks for more approvers than its policy requires, e.g.
 * `group:default/data=2, security=1` (short names are groups in the default namespace).
 *
 * @public
 */
export const APPROVERS_ANNOTATION = 'lockstep.io/approvers';

/** The rule group that stands for the owner of the entity under request, until a snapshot resolves it. @public */
export const OWNER_APPROVER = 'owner';

const lower = (value: string) => value.toLocaleLowerCase('en-US');
const plural = (count: number, noun: string) =>
  `${count} ${noun}${count === 1 ? '' : 's'}`;
const NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/**
 * The policy that decides a request for `entity` in `environment`: the first, in configured order,
 * whose filter matches the entity and whose environments include this one (case-insensitively) or
 * that lists none. `undefined` when no policy applies; whether that means "no approval needed" or
 * "refused" is the backend's call.
 *
 * @public
 */
export function selectApprovalPolicy(
  entity: Entity,
  environment: string,
  policies: ReadonlyArray<ApprovalPolicy>,
): ApprovalPolicy | undefined {
  const wanted = lower(environment);
  return policies.find(
    policy =>
      (!policy.environments?.length ||
        policy.environments.some(env => lower(env) === wanted)) &&
      matchesEntityFilter(entity, policy.filter),
  );
}

/** A full, lower-case entity ref (short names are groups in the default namespace), or `undefined` if it is not one. */
function normalizeRef(ref: string): string | undefined {
  try {
    const parsed = parseEntityRef(ref.trim(), {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (!NAME.test(parsed.namespace) || !NAME.test(parsed.name)) {
      return undefined;
    }
    return lower(stringifyEntityRef(parsed));
  } catch {
    return undefined;
  }
}

const copyStages = (stages: ReadonlyArray<ApprovalStage>): ApprovalStage[] =>
  stages.map(stage => ({
    name: stage.name,
    rules: stage.rules.map(rule => ({
      group: rule.group,
      minApprovals: rule.minApprovals,
    })),
  }));

/**
 * Applies an entity's approvers annotation to a policy's stages. Whoever can edit catalog-info.yaml
 * (often the requester) must not be able to relax or break the policy, so the annotation can only
 * tighten it, and nothing in it can make this throw:
 * - a group that already has a rule (in any stage) gets the larger of both counts; a lower count is
 *   ignored, never applied;
 * - a new group is added to the last stage;
 * - a malformed entry, a non-group ref, or a count that is not a whole number of at least 1 is
 *   ignored.
 * Everything applied goes to `additions`, everything ignored to `ignored`, each with the reason in
 * words. The given stages are not modified.
 *
 * @public
 */
export function applyApproverAnnotation(
  stages: ReadonlyArray<ApprovalStage>,
  annotationValue: string | undefined,
): { stages: ApprovalStage[]; additions: string[]; ignored: string[] } {
  const result = copyStages(stages);
  const additions: string[] = [];
  const ignored: string[] = [];
  const entries = (annotationValue ?? '')
    .split(',')
    .map(entry => entry.trim())
    .filter(Boolean);

  for (const entry of entries) {
    const skip = (why: string) =>
      ignored.push(`${APPROVERS_ANNOTATION} "${entry}": ${why}; ignored`);
    const parts = entry.split('=').map(part => part.trim());
    if (parts.length !== 2) {
      skip('expected <group>=<number of approvals>');
      continue;
    }
    const [name, countText] = parts;
    const count = Number(countText);
    if (!/^\d+$/.test(countText) || !Number.isSafeInteger(count) || count < 1) {
      skip('the number of approvals must be a whole number of at least 1');
      continue;
    }
    const group = normalizeRef(name);
    if (!group) {
      skip(`"${name}" is not an entity ref`);
      continue;
    }
    if (!group.startsWith('group:')) {
      skip('only groups can be approvers');
      continue;
    }

    const existing = result.flatMap(stage =>
      stage.rules
        .filter(rule => lower(rule.group) === group)
        .map(rule => ({ stage, rule })),
    );
    for (const { stage, rule } of existing) {
      if (count > rule.minApprovals) {
        additions.push(
          `${group}: raised from ${rule.minApprovals} to ${plural(
            count,
            'approval',
          )} in stage "${stage.name}"`,
        );
        rule.minApprovals = count;
      } else if (count < rule.minApprovals) {
        skip(
          `stage "${stage.name}" requires ${plural(
            rule.minApprovals,
            'approval',
          )} from ${group}, and an annotation can only raise that`,
        );
      }
    }
    if (existing.length > 0) continue;

    const last = result[result.length - 1];
    if (!last) {
      skip('the policy has no stage to add approvers to');
      continue;
    }
    last.rules.push({ group, minApprovals: count });
    additions.push(
      `${group}: ${plural(count, 'approval')} added to stage "${last.name}"`,
    );
  }
  return { stages: result, additions, ignored };
}

/**
 * Freezes the effective policy for a new request: rules on `owner` become the entity's owner ref, the
 * entity's approvers annotation is applied, and everything is copied, so later changes to the config
 * or to the entity never alter how an open request is decided. Group refs are normalised to full,
 * lower-case refs so that the annotation and membership compare reliably.
 *
 * An entity without an owner keeps its `owner` rules as `owner`: nobody can satisfy them, and
 * `unsatisfiableRules` says so, rather than the rule silently disappearing.
 *
 * @param ownerRef - the entity's owner (its `ownedBy` relation), or `undefined` when it has none
 * @public
 */
export function snapshotPolicy(
  policy: ApprovalPolicy,
  entity: Entity,
  ownerRef: string | undefined,
): PolicySnapshot {
  const owner = ownerRef
    ? normalizeRef(ownerRef) ?? lower(ownerRef)
    : undefined;
  const resolve = (group: string) =>
    lower(group.trim()) === OWNER_APPROVER
      ? owner ?? OWNER_APPROVER
      : normalizeRef(group) ?? lower(group);
  const resolved = policy.stages.map(stage => ({
    name: stage.name,
    rules: stage.rules.map(rule => ({
      group: resolve(rule.group),
      minApprovals: rule.minApprovals,
    })),
  }));
  const { stages, additions, ignored } = applyApproverAnnotation(
    resolved,
    entity.metadata.annotations?.[APPROVERS_ANNOTATION],
  );
  return {
    policyId: policy.id,
    policyTitle: policy.title,
    stages,
    requesterCannotApprove: policy.requesterCannotApprove,
    rejectReasonRequired: policy.rejectReasonRequired,
    ...(policy.expiresAfterMs !== undefined && {
      expiresAfterMs: policy.expiresAfterMs,
    }),
    requireReadiness: policy.requireReadiness,
    additions,
    ignored,
  };
}

/**
 * Who could approve for `group` on a request by `requester` under `snapshot`: its members who are
 * people, lower-case, without the requester when the policy forbids self-approval. Nobody for an
 * `owner` rule left unresolved (the entity has no owner).
 *
 * @param membersOf - the user refs of a group's members (for a user ref, that user)
 * @public
 */
export function eligibleApprovers(
  snapshot: Pick<PolicySnapshot, 'requesterCannotApprove'>,
  group: string,
  membersOf: (groupRef: string) => string[],
  requester: string,
): string[] {
  if (group === OWNER_APPROVER) return [];
  const members = new Set(membersOf(group).map(lower).filter(isPerson));
  if (snapshot.requesterCannotApprove) members.delete(lower(requester));
  return [...members];
}

/**
 * A rule that no set of approvers can satisfy. `rule` is absent when the stage (or the policy) has no
 * rules at all. For rules that only fail together, `rule` is the first of them and `eligible` is the
 * number of distinct people who could fill all of them.
 *
 * @public
 */
export interface UnsatisfiableRule {
  stage: number;
  stageName: string;
  rule?: ApprovalRule;
  eligible: number;
  message: string;
}

/**
 * The rules of a snapshot that can never be satisfied with the current group memberships, so that a
 * request that would wait forever (a sole approver who is also the requester, a group with too few
 * members) is refused at creation instead. Each rule is checked alone: its count against its members,
 * without the requester when the policy forbids self-approval. When every rule passes alone, each stage
 * is checked as a whole, because one person counts for one rule only: security needs 2 and sre needs
 * 1, with a and b in security and only a in sre, cannot be met since a fills one slot, not two. Such a
 * failure names the rules that compete for the same people.
 *
 * A snapshot without stages, or a stage without rules, is reported too: it could never approve.
 *
 * @param membersOf - the user refs of a group's members (for a user ref, that user)
 * @public
 */
export function unsatisfiableRules(
  snapshot: PolicySnapshot,
  membersOf: (groupRef: string) => string[],
  requester: string,
): UnsatisfiableRule[] {
  if (snapshot.stages.length === 0) {
    return [
      {
        stage: 0,
        stageName: '',
        eligible: 0,
        message: `Policy "${snapshot.policyTitle}" has no stages, so no request could be approved`,
      },
    ];
  }
  const others = snapshot.requesterCannotApprove
    ? ' other than the requester'
    : '';
  const eligibleMembers = (group: string) =>
    eligibleApprovers(snapshot, group, membersOf, requester);

  const problems: UnsatisfiableRule[] = [];
  snapshot.stages.forEach((stage, index) => {
    const where = `Stage "${stage.name}"`;
    const report = (eligible: number, message: string, rule?: ApprovalRule) =>
      problems.push({
        stage: index,
        stageName: stage.name,
        ...(rule && { rule: { ...rule } }),
        eligible,
        message: `${where}: ${message}`,
      });
    if (stage.rules.length === 0) {
      problems.push({
        stage: index,
        stageName: stage.name,
        eligible: 0,
        message: `${where} has no approver rules, so it could never pass`,
      });
      return;
    }

    const candidates = stage.rules.map(rule => eligibleMembers(rule.group));
    let aloneFails = false;
    stage.rules.forEach((rule, r) => {
      const eligible = candidates[r].length;
      if (rule.group === OWNER_APPROVER) {
        report(
          0,
          `the rule on the entity's owner needs ${plural(
            rule.minApprovals,
            'approval',
          )}, but the entity has no owner`,
          rule,
        );
        aloneFails = true;
      } else if (eligible < rule.minApprovals) {
        const who =
          eligible === 0 ? 'no member' : `only ${plural(eligible, 'member')}`;
        report(
          eligible,
          `${rule.group} needs ${plural(
            rule.minApprovals,
            'approval',
          )} but ${who}${others} can approve`,
          rule,
        );
        aloneFails = true;
      }
    });
    if (aloneFails) return;

    // Jointly: a maximum matching of everyone eligible; any rule left short cannot be filled.
    const groupsOf = new Map<string, string[]>();
    stage.rules.forEach((rule, r) =>
      candidates[r].forEach(person =>
        groupsOf.set(person, [...(groupsOf.get(person) ?? []), rule.group]),
      ),
    );
    const assigned = assignApprovers(
      stage.rules,
      [...groupsOf].map(([actor, groups]) => ({ actor, groups })),
    );
    const ruleOf = new Map<string, number>();
    assigned.forEach((actors, r) => actors.forEach(a => ruleOf.set(a, r)));
    const reported = new Set<number>();
    stage.rules.forEach((rule, r) => {
      if (assigned[r].length >= rule.minApprovals || reported.has(r)) return;
      // The rules competing with this one: those whose counted people could fill it (alternating
      // paths). Together they need more people than they have (Hall's condition fails).
      const competing = new Set([r]);
      const people = new Set<string>();
      const queue = [r];
      while (queue.length > 0) {
        for (const person of candidates[queue.shift()!]) {
          if (people.has(person)) continue;
          people.add(person);
          const other = ruleOf.get(person);
          if (other !== undefined && !competing.has(other)) {
            competing.add(other);
            queue.push(other);
          }
        }
      }
      competing.forEach(c => reported.add(c));
      const rules = [...competing]
        .sort((a, b) => a - b)
        .map(c => stage.rules[c]);
      const needed = rules.reduce((sum, x) => sum + x.minApprovals, 0);
      report(
        people.size,
        `${rules
          .map(x => `${x.group} (${x.minApprovals})`)
          .join(' and ')} need ${plural(
          needed,
          'approval',
        )} from different people, but only ${
          people.size === 1 ? '1 person' : `${people.size} people`
        }${others} ${
          people.size === 1 ? 'is a member' : 'are members'
        } of these groups; a person in several groups counts once`,
        rule,
      );
    });
  });
  return problems;
}
