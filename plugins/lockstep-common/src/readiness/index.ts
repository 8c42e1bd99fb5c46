export * from './types';
export {
  findBlockers,
  gateStatusAt,
  ownReadiness,
  READINESS_RELATIONS,
  readinessUpstream,
  rollUpReadiness,
} from './rollUp';
export type { BlockerPath, OwnReadiness } from './rollUp';
export { describeReadiness, entityLabel, gateWaits } from './describe';
export {
  isAtLeastAsStrict,
  READINESS_PROFILE_ANNOTATION,
  selectProfile,
} from './profiles';
export type {
  ReadinessGateDefinition,
  ReadinessProfile,
  ReadinessProfileFilter,
} from './profiles';
export {
  SIGN_OFF_ACTIONS,
  signOffCommentProblem,
  signOffExpiry,
} from './signOffRules';
export type { SignOffAction } from './signOffRules';
export {
  afterEvaluation,
  afterExpiry,
  afterRevocation,
  afterSignOff,
} from './gateRecords';
export type {
  EvaluationRecord,
  GateChange,
  GateOutcome,
  GateRecord,
  GateRecordStatus,
  SignOffInput,
} from './gateRecords';
