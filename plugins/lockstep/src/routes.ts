import { createRouteRef } from '@backstage/core-plugin-api';

/** The readiness board page, `/lockstep/readiness` by default. @public */
export const readinessBoardRouteRef = createRouteRef({
  id: 'lockstep-readiness-board',
});

/** The approvals waiting for the signed-in user, `/lockstep/approvals` by default. @public */
export const myApprovalsRouteRef = createRouteRef({
  id: 'lockstep-my-approvals',
});

/** The readiness profiles and approval policies in force, `/lockstep/policies` by default. @public */
export const policiesRouteRef = createRouteRef({
  id: 'lockstep-policies',
});
