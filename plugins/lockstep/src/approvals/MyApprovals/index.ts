export {
  MyApprovals,
  MyApprovalsContent,
  MyApprovalsPage,
} from './MyApprovals';
