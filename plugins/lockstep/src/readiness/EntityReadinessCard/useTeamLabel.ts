import { useEntityPresentation } from '@backstage/plugin-catalog-react';

/** A team's name as the catalog presents it (title or display name), for sentences. */
export function useTeamLabel(teamRef: string) {
  const { primaryTitle } = useEntityPresentation(teamRef, {
    defaultKind: 'group',
  });
  return `team ${primaryTitle}`;
}
