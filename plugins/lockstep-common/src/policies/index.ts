export * from './types';
export {
  explainPolicyChoice,
  explainProfileChoice,
  policyEnvironments,
} from './explain';
export { dryRunRequest, requestRefusal } from './dryRun';
export type { DryRun } from './dryRun';
