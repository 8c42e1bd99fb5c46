export { EntityApprovalsContent } from './EntityApprovalsContent';
export {
  MyApprovals,
  MyApprovalsContent,
  MyApprovalsPage,
} from './MyApprovals';
export {
  PendingApprovalsIcon,
  usePendingApprovalCount,
} from './PendingApprovalsIcon';
export { APPROVALS_SIGNAL_CHANNEL } from './useApprovalChanges';
