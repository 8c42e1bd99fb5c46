export { ApprovalDetail } from './ApprovalDetail';
export { ApprovalDrawer } from './ApprovalDrawer';
export { useRequestParam } from './useRequestParam';
