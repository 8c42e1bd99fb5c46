import { Entity } from '@backstage/catalog-model';
import { entityFilterMismatches, matchesEntityFilter } from '../catalog/entity';
import type { ApprovalPolicy } from '../approvals/types';
import { selectApprovalPolicy } from '../approvals/policy';
import {
  READINESS_PROFILE_ANNOTATION,
  ReadinessProfile,
  selectProfile,
} from '../readiness/profiles';
import type { ReadinessProfileRef } from '../readiness/types';
import type { SelectionCandidate } from './types';

const lower = (value: string) => value.toLocaleLowerCase('en-US');

/** Sentences as one, starting with a capital. */
const capitalise = (sentences: string[]) => {
  const text = sentences.join('; ');
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
};

/**
 * Which readiness profile applies to `entity`, and for every profile in configured order, why it
 * does or does not: the same choice `selectProfile` makes, in words.
 *
 * @public
 */
export function explainProfileChoice(
  entity: Entity,
  profiles: ReadonlyArray<ReadinessProfile>,
): { profile?: ReadinessProfileRef; candidates: SelectionCandidate[] } {
  const chosen = selectProfile(entity, profiles);
  const firstMatch = profiles.find(p => matchesEntityFilter(entity, p.filter));
  const candidates = profiles.map((profile): SelectionCandidate => {
    const { id, title } = profile;
    if (profile === chosen?.profile) {
      const why =
        chosen.ref.selectedBy === 'annotation'
          ? `The entity asks for it with ${READINESS_PROFILE_ANNOTATION}${
              firstMatch ? `, and it extends '${firstMatch.id}'` : ''
            }`
          : 'The first profile whose filter matches';
      return { id, title, outcome: 'applies', why };
    }
    const mismatches = entityFilterMismatches(entity, profile.filter);
    if (mismatches.length > 0) {
      return { id, title, outcome: 'no-match', why: capitalise(mismatches) };
    }
    const why =
      profile === firstMatch
        ? `Its filter matches, but the entity asks for the stricter '${chosen?.profile.id}'`
        : `Its filter matches too, but '${firstMatch?.id}' comes first`;
    return { id, title, outcome: 'shadowed', why };
  });
  return { ...(chosen && { profile: chosen.ref }), candidates };
}

/**
 * Which approval policy would decide a request for `entity` in `environment`, and for every policy
 * in configured order, why it would or would not: the same choice `selectApprovalPolicy` makes.
 *
 * @public
 */
export function explainPolicyChoice(
  entity: Entity,
  environment: string,
  policies: ReadonlyArray<ApprovalPolicy>,
): { policy?: ApprovalPolicy; candidates: SelectionCandidate[] } {
  const chosen = selectApprovalPolicy(entity, environment, policies);
  const candidates = policies.map((policy): SelectionCandidate => {
    const { id, title } = policy;
    if (policy === chosen) {
      return {
        id,
        title,
        outcome: 'applies',
        why: `The first policy that covers ${environment} and whose filter matches`,
      };
    }
    const problems = entityFilterMismatches(entity, policy.filter);
    const environments = policy.environments ?? [];
    if (
      environments.length > 0 &&
      !environments.some(env => lower(env) === lower(environment))
    ) {
      problems.unshift(
        `it covers ${environments.join(', ')}, not ${environment}`,
      );
    }
    if (problems.length > 0) {
      return { id, title, outcome: 'no-match', why: capitalise(problems) };
    }
    return {
      id,
      title,
      outcome: 'shadowed',
      why: `It matches too, but '${chosen?.id}' comes first`,
    };
  });
  return { ...(chosen && { policy: chosen }), candidates };
}

/** Every environment the policies name, in configured order, each once (case-insensitively). */
export function policyEnvironments(
  policies: ReadonlyArray<ApprovalPolicy>,
): string[] {
  const seen = new Map<string, string>();
  for (const env of policies.flatMap(p => p.environments ?? [])) {
    if (!seen.has(lower(env))) seen.set(lower(env), env);
  }
  return [...seen.values()];
}
