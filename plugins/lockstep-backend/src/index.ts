/**
 * Lockstep backend plugin: dependency graph, cross-team readiness and approvals for the Backstage catalog.
 *
 * @packageDocumentation
 */
export { lockstepPlugin as default } from './plugin';
// For adopters' permission policies: conditional decisions on approval requests, e.g.
// createApprovalRequestConditionalDecision(permission,
//   approvalRequestConditions.isEligibleApprover({ claims: user.info.ownershipEntityRefs }))
export {
  approvalRequestConditions,
  createApprovalRequestConditionalDecision,
} from './approvals/permissionRules';
