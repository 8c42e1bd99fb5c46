import { Entity } from '@backstage/catalog-model';

/**
 * The key two spellings of one entity ref share: refs compare case-insensitively, as the catalog's
 * do. For refs already in `kind:namespace/name` form.
 *
 * @public
 */
export const refKey = (ref: string) => ref.toLocaleLowerCase('en-US');

const lower = (value: string) => value.toLocaleLowerCase('en-US');

/**
 * Which entities a readiness profile or an approval policy applies to: every listed field must
 * match, a list matches any of its values, case-insensitively.
 *
 * @public
 */
export interface EntityFilter {
  kind?: string[];
  type?: string[];
  lifecycle?: string[];
  /** Matches when the entity has any of these tags. */
  tags?: string[];
  /** System entity refs (`system:default/payments`). */
  system?: string[];
}

/** The systems an entity is part of, as the refs its relations carry. @public */
export function systemsOf(entity: Entity): string[] {
  return (entity.relations ?? [])
    .filter(
      r => r.type === 'partOf' && lower(r.targetRef).startsWith('system:'),
    )
    .map(r => r.targetRef);
}

/** Whether `entity` is one that `filter` selects. @public */
export function matchesEntityFilter(
  entity: Entity,
  filter: EntityFilter,
): boolean {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const anyOf = (allowed: string[] | undefined, values: unknown[]) =>
    !allowed ||
    values.some(
      value =>
        typeof value === 'string' &&
        allowed.some(a => lower(a) === lower(value)),
    );
  return (
    anyOf(filter.kind, [entity.kind]) &&
    anyOf(filter.type, [spec.type]) &&
    anyOf(filter.lifecycle, [spec.lifecycle]) &&
    anyOf(filter.tags, entity.metadata.tags ?? []) &&
    anyOf(filter.system, systemsOf(entity))
  );
}
