import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Signing off or revoking a readiness gate. The backend also requires membership of the gate's team;
 * this permission lets an adopter's policy narrow it further (for example to production entities).
 *
 * @public
 */
export const lockstepReadinessSignOffPermission = createPermission({
  name: 'lockstep.readiness.signoff',
  attributes: { action: 'update' },
});

/**
 * The resource type of approval requests, for conditional permission decisions (for example, only
 * requests for production environments). Resource ids are request ids.
 *
 * @public
 */
export const LOCKSTEP_APPROVAL_REQUEST_RESOURCE_TYPE =
  'lockstep-approval-request';

/**
 * Asking for approval of a release of an entity. A basic permission: there is no request yet to
 * decide on; the backend also requires that the caller can read the entity.
 *
 * @public
 */
export const lockstepApprovalCreatePermission = createPermission({
  name: 'lockstep.approval.create',
  attributes: { action: 'create' },
});

/** Seeing an approval request, its decisions and its audit trail. @public */
export const lockstepApprovalReadPermission = createPermission({
  name: 'lockstep.approval.read',
  attributes: { action: 'read' },
  resourceType: LOCKSTEP_APPROVAL_REQUEST_RESOURCE_TYPE,
});

/**
 * Approving or rejecting a request. The backend also requires that the policy snapshot makes the
 * caller eligible now (group of the open stage, not the requester, not yet decided); this permission
 * lets an adopter's policy narrow it further, never widen it.
 *
 * @public
 */
export const lockstepApprovalDecidePermission = createPermission({
  name: 'lockstep.approval.decide',
  attributes: { action: 'update' },
  resourceType: LOCKSTEP_APPROVAL_REQUEST_RESOURCE_TYPE,
});

/** Withdrawing a pending request (by default its requester or an admin). @public */
export const lockstepApprovalCancelPermission = createPermission({
  name: 'lockstep.approval.cancel',
  attributes: { action: 'update' },
  resourceType: LOCKSTEP_APPROVAL_REQUEST_RESOURCE_TYPE,
});

/**
 * Replacing the open request for an entity and environment with a new one, which ends it and discards
 * its approvals. The backend also requires that the caller is the open request's requester, an owner
 * of the entity, or a member of `lockstep.approvals.supersedeGroups`; this permission lets an
 * adopter's policy narrow that further (for example, no supersedes by service principals).
 *
 * @public
 */
export const lockstepApprovalSupersedePermission = createPermission({
  name: 'lockstep.approval.supersede',
  attributes: { action: 'update' },
});

/** Every permission Lockstep defines, for registration. @public */
export const lockstepPermissions = [
  lockstepReadinessSignOffPermission,
  lockstepApprovalCreatePermission,
  lockstepApprovalReadPermission,
  lockstepApprovalDecidePermission,
  lockstepApprovalCancelPermission,
  lockstepApprovalSupersedePermission,
];

/**
 * What a caller is told when the permission framework denies `action` ("create approval
 * requests"), in the 403 and wherever a screen says in advance that it would be denied.
 *
 * @public
 */
export const permissionRefusal = (action: string) =>
  `The permission policy does not allow you to ${action}`;
