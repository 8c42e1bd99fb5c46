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

const specOf = (entity: Entity) =>
  (entity.spec ?? {}) as Record<string, unknown>;

const anyOf = (allowed: string[] | undefined, values: unknown[]) =>
  !allowed ||
  values.some(
    value =>
      typeof value === 'string' && allowed.some(a => lower(a) === lower(value)),
  );

/** What each field of a filter compares: the entity's values for it, and its name in words. */
const FILTER_FIELDS: ReadonlyArray<{
  field: keyof EntityFilter;
  label: string;
  valuesOf: (entity: Entity) => unknown[];
}> = [
  { field: 'kind', label: 'kind', valuesOf: entity => [entity.kind] },
  { field: 'type', label: 'type', valuesOf: entity => [specOf(entity).type] },
  {
    field: 'lifecycle',
    label: 'lifecycle',
    valuesOf: entity => [specOf(entity).lifecycle],
  },
  {
    field: 'tags',
    label: 'tags',
    valuesOf: entity => entity.metadata.tags ?? [],
  },
  { field: 'system', label: 'system', valuesOf: systemsOf },
];

/** Whether `entity` is one that `filter` selects. @public */
export function matchesEntityFilter(
  entity: Entity,
  filter: EntityFilter,
): boolean {
  return FILTER_FIELDS.every(({ field, valuesOf }) =>
    anyOf(filter[field], valuesOf(entity)),
  );
}

/**
 * Why `filter` does not select `entity`, one sentence per field that does not match (e.g. `kind is
 * API; the filter takes Component`); empty when it selects it.
 *
 * @public
 */
export function entityFilterMismatches(
  entity: Entity,
  filter: EntityFilter,
): string[] {
  return FILTER_FIELDS.flatMap(({ field, label, valuesOf }) => {
    const allowed = filter[field];
    const values = valuesOf(entity);
    if (anyOf(allowed, values)) return [];
    const has = values.filter((v): v is string => typeof v === 'string');
    return [
      `${label} is ${
        has.length ? has.join(', ') : 'not set'
      }; the filter takes ${allowed!.join(' or ')}`,
    ];
  });
}
