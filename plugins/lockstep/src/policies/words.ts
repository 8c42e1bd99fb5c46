import { parseEntityRef } from '@backstage/catalog-model';
import type { EntityFilter } from '@lockstep/backstage-plugin-lockstep-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/** A system ref as people read it: `shop`, or `other/shop` outside the default namespace. */
function shortRef(ref: string, defaultKind: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: 'default',
    });
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/** Lists in words: "a, b or c". */
export function useListWords() {
  const { t } = useTranslationRef(lockstepTranslationRef);
  return {
    or(values: string[]): string {
      if (values.length <= 1) return values.join('');
      return t('policies.filter.or', {
        items: values.slice(0, -1).join(t('policies.filter.separator')),
        last: values[values.length - 1],
      });
    },
  };
}

const FIELDS = ['kind', 'type', 'lifecycle', 'tags', 'system'] as const;

/**
 * A profile's or policy's filter in words: "Entities of kind component, of type service or website,
 * tagged pci", or "Every entity" for an empty filter.
 */
export function useFilterWords(): (filter: EntityFilter) => string {
  const { t } = useTranslationRef(lockstepTranslationRef);
  const list = useListWords();
  return filter => {
    const clauses = FIELDS.flatMap(field => {
      const values = filter[field];
      if (!values || values.length === 0) return [];
      const shown =
        field === 'system' ? values.map(v => shortRef(v, 'system')) : values;
      return [
        t(`policies.filter.${field}` as const, { values: list.or(shown) }),
      ];
    });
    if (clauses.length === 0) return t('policies.filter.every');
    return t('policies.filter.entities', {
      clauses: clauses.join(t('policies.filter.clauseSeparator')),
    });
  };
}
