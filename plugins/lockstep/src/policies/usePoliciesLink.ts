import { useRouteRef } from '@backstage/core-plugin-api';
import { policiesRouteRef } from '../routes';

/**
 * The path of the Policies page, or undefined where the app does not mount it (a legacy app that
 * leaves `PoliciesPage` out): the link is left out then instead of failing the card.
 */
export function usePoliciesLink(): string | undefined {
  try {
    // useRouteRef runs all its hooks before it throws for a route the app does not mount
    return useRouteRef(policiesRouteRef)();
  } catch {
    return undefined;
  }
}
