import { Entity } from '@backstage/catalog-model';
import type { EntityReadiness } from '@lockstep/backstage-plugin-lockstep-common';

/** A service in the default namespace owned by `owner`, as the catalog returns it with relations. */
export const serviceEntity = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

/** The readiness of an entity held back by a security review nobody signed off. */
export const blockedBySecurityReview = (
  entityRef: string,
): EntityReadiness => ({
  entityRef,
  status: 'blocked',
  reason: 'Security review is not signed off',
  gates: [
    {
      id: 'security-review',
      title: 'Security review',
      team: 'group:default/security',
      type: 'signoff',
      required: true,
      status: 'pending',
      detail: 'Waiting for a sign-off',
    },
  ],
  blockedBy: [],
});
