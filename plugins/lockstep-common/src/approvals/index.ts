export * from './types';
export {
  applyApproverAnnotation,
  APPROVERS_ANNOTATION,
  eligibleApprovers,
  OWNER_APPROVER,
  selectApprovalPolicy,
  snapshotPolicy,
  unsatisfiableRules,
} from './policy';
export type { UnsatisfiableRule } from './policy';
export {
  assignApprovers,
  eligibleFor,
  evaluateRequest,
  isPerson,
  stageSatisfied,
} from './quorum';
export type { Approver } from './quorum';
export {
  APPROVAL_STATE_MACHINE,
  APPROVAL_STATES,
  canTransition,
  DECISION_OUTCOMES,
  INITIAL_APPROVAL_STATE,
  isDecidable,
  isTerminal,
  nextApprovalState,
  OPEN_APPROVAL_STATES,
  statesTaking,
  takes,
  TERMINAL_APPROVAL_STATES,
} from './states';
export type {
  ApprovalEvent,
  ApprovalStateDefinition,
  ApprovalTone,
} from './states';
export {
  AUDIT_GENESIS_HASH,
  auditPayload,
  canonicalJson,
  chainEntry,
  verifyAuditChain,
} from './audit';
export type { AuditChainVerdict, AuditDigest } from './audit';
export { decideOn, isRefusal } from './decide';
export type { DecisionEffect, DecisionInput, DecisionRefusal } from './decide';
export { maySupersede } from './supersede';
export type { SupersedeContext } from './supersede';
export { requestContentDigest, verifyRequestRecord } from './record';
export {
  readinessAsSeenBy,
  recordReadiness,
  refsInReadinessRecord,
} from './readinessRecord';
export type {
  ReadinessAtCreation,
  ReadinessAtCreationView,
  RecordedGate,
} from './readinessRecord';
