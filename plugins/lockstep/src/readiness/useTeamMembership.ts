import useAsync from 'react-use/esm/useAsync';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

const normalize = (ref: string) => {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return ref.toLocaleLowerCase('en-US');
  }
};

/**
 * Whether the signed-in user may act for a team: the team is one of the user's ownership refs
 * (the user and the groups they belong to) or the user themself. Only decides what to show; the
 * backend checks membership again.
 */
export function useTeamMembership(): {
  loading: boolean;
  userEntityRef?: string;
  isMember(teamRef: string): boolean;
} {
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const refs = new Set(
    [
      ...(identity.value?.ownershipEntityRefs ?? []),
      ...(identity.value?.userEntityRef ? [identity.value.userEntityRef] : []),
    ].map(normalize),
  );
  return {
    loading: identity.loading,
    userEntityRef: identity.value?.userEntityRef,
    isMember: teamRef => refs.has(normalize(teamRef)),
  };
}
