import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityFilter, matchesEntityFilter } from '../catalog/entity';
import { ReadinessGateType, ReadinessProfileRef } from './types';

/** The annotation with which an entity asks for a stricter profile than its filters select. */
export const READINESS_PROFILE_ANNOTATION = 'lockstep.io/readiness-profile';

/** Which entities a profile applies to. */
export type ReadinessProfileFilter = EntityFilter;

/** A gate as an admin defines it, before any entity is evaluated. */
export interface ReadinessGateDefinition {
  id: string;
  title: string;
  /** A Group entity ref, or `owner` for the owner of the entity under evaluation. */
  team: string;
  type: ReadinessGateType;
  required: boolean;
  /** For checks: the check type and its validated params. */
  check?: string;
  params?: unknown;
  /** For sign-offs: how long a sign-off stays valid, in milliseconds. */
  validForMs?: number;
}

/** A profile with the gates of the profiles it extends already included. */
export interface ReadinessProfile {
  id: string;
  title: string;
  /** The chain of profiles this one extends, nearest first. */
  extends: string[];
  filter: ReadinessProfileFilter;
  gates: ReadinessGateDefinition[];
}

/** Whether `candidate` is `base` or extends it, so that it keeps every gate of `base`. */
export const isAtLeastAsStrict = (
  candidate: ReadinessProfile,
  base: ReadinessProfile,
) => candidate.id === base.id || candidate.extends.includes(base.id);

/**
 * The profile that applies to an entity: the first whose filter matches, in configured order. The
 * entity may ask for another one by annotation, which is followed only when that profile is at least
 * as strict (it extends the selected one), because whoever edits catalog-info.yaml must not be able to
 * loosen the gates their service is held to.
 */
export function selectProfile(
  entity: Entity,
  profiles: ReadonlyArray<ReadinessProfile>,
): { profile: ReadinessProfile; ref: ReadinessProfileRef } | undefined {
  const byFilter = profiles.find(profile =>
    matchesEntityFilter(entity, profile.filter),
  );
  const asked = entity.metadata.annotations?.[READINESS_PROFILE_ANNOTATION];
  const refOf = (
    profile: ReadinessProfile,
    selectedBy: ReadinessProfileRef['selectedBy'],
    note?: string,
  ) => ({
    profile,
    ref: {
      id: profile.id,
      title: profile.title,
      selectedBy,
      ...(note && { note }),
    },
  });

  if (!asked) return byFilter && refOf(byFilter, 'filter');
  const annotated = profiles.find(profile => profile.id === asked);
  const where = `${READINESS_PROFILE_ANNOTATION} of ${stringifyEntityRef(
    entity,
  )}`;
  if (!annotated) {
    const note = `The ${where} names '${asked}', which is not a profile; ignored`;
    return byFilter && refOf(byFilter, 'filter', note);
  }
  if (byFilter && !isAtLeastAsStrict(annotated, byFilter)) {
    const note = `The ${where} asks for '${asked}', which does not extend '${byFilter.id}' and would loosen it; ignored`;
    return refOf(byFilter, 'filter', note);
  }
  return refOf(annotated, 'annotation');
}
