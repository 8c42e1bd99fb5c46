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
