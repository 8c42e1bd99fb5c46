import { Config } from '@backstage/config';
import { ApprovalPolicy } from '@lockstep/backstage-plugin-lockstep-common';
import { z } from 'zod';
import {
  configDuration,
  configId,
  configSection,
  entityFilterSchema,
} from '../configReading';

/** Lockstep's approval settings, validated. */
export interface ApprovalsConfig {
  policies: ApprovalPolicy[];
  /** Pending requests get a reminder to their approvers this long before they expire. */
  reminderBeforeMs: number;
  /** Groups whose members may replace anyone's open request (besides its requester and the owners). */
  supersedeGroups: string[];
}

const section = configSection('lockstep.approvals', 'approvals');

const ruleSchema = z
  .object({
    group: z.string().min(1),
    minApprovals: z.number().int().min(1),
  })
  .strict();

const policySchema = z
  .object({
    id: configId,
    title: z.string().min(1),
    filter: entityFilterSchema.default({}),
    environments: z.array(z.string().min(1)).min(1).optional(),
    stages: z
      .array(
        z
          .object({
            name: z.string().min(1),
            rules: z.array(ruleSchema).min(1),
          })
          .strict(),
      )
      .min(1),
    requesterCannotApprove: z.boolean().default(true),
    rejectReasonRequired: z.boolean().default(true),
    expiresAfter: configDuration.optional(),
    requireReadiness: z.boolean().default(false),
  })
  .strict();

const configSchema = z
  .object({
    policies: z.array(policySchema).default([]),
    reminderBefore: configDuration.optional(),
    supersedeGroups: z.array(z.string().min(1)).default([]),
  })
  .strict();

/**
 * Reads and validates `lockstep.approvals`: a mistake (a group that is not a Group ref, a quorum
 * below one, duplicate ids, an empty stage) stops the backend at start with the offending key.
 */
export function readApprovalsConfig(config: Config): ApprovalsConfig {
  const raw = section.parse(
    configSchema,
    config.getOptional('lockstep.approvals'),
  );
  const seen = new Set<string>();
  const policies = raw.policies.map((policy, p): ApprovalPolicy => {
    if (seen.has(policy.id)) {
      throw section.error(
        ['policies', p, 'id'],
        `duplicate policy id '${policy.id}'`,
      );
    }
    seen.add(policy.id);
    return {
      id: policy.id,
      title: policy.title,
      filter: policy.filter,
      ...(policy.environments && { environments: policy.environments }),
      stages: policy.stages.map((stage, s) => {
        const groups = new Set<string>();
        return {
          name: stage.name,
          rules: stage.rules.map((rule, r) => {
            const at = ['policies', p, 'stages', s, 'rules', r, 'group'];
            const group = section.team(rule.group, at);
            if (groups.has(group)) {
              throw section.error(
                at,
                `${group} appears twice in stage '${stage.name}'; give it one rule with the total quorum`,
              );
            }
            groups.add(group);
            return { group, minApprovals: rule.minApprovals };
          }),
        };
      }),
      requesterCannotApprove: policy.requesterCannotApprove,
      rejectReasonRequired: policy.rejectReasonRequired,
      ...(policy.expiresAfter && {
        expiresAfterMs: section.duration(policy.expiresAfter, [
          'policies',
          p,
          'expiresAfter',
        ]),
      }),
      requireReadiness: policy.requireReadiness,
    };
  });
  return {
    policies,
    reminderBeforeMs: raw.reminderBefore
      ? section.duration(raw.reminderBefore, ['reminderBefore'])
      : 24 * 3_600_000,
    supersedeGroups: raw.supersedeGroups.map((group, g) => {
      const ref = section.team(group, ['supersedeGroups', g]);
      if (ref === 'owner') {
        throw section.error(
          ['supersedeGroups', g],
          'the owners may always supersede; name Group refs here',
        );
      }
      return ref;
    }),
  };
}
