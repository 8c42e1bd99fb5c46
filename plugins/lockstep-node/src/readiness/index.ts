export {
  createReadinessCheck,
  lockstepReadinessChecksExtensionPoint,
} from './checks';
export type {
  LockstepReadinessChecksExtensionPoint,
  ReadinessCheck,
  ReadinessCheckInput,
  ReadinessCheckResult,
} from './checks';
