import { useEntityPresentation } from '@backstage/plugin-catalog-react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

/** A team's name as the catalog presents it (title or display name), for sentences. */
export function useTeamLabel(teamRef: string) {
  const { t } = useTranslationRef(lockstepTranslationRef);
  const { primaryTitle } = useEntityPresentation(teamRef, {
    defaultKind: 'group',
  });
  return t('readiness.team.label', { name: primaryTitle });
}
