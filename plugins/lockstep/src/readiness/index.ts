export { EntityReadinessCard } from './EntityReadinessCard';
export { ReadinessBoard } from './ReadinessBoard';
export {
  ReadinessBoardContent,
  ReadinessBoardPage,
} from './ReadinessBoardPage';
export { ReadinessStatusChip, GateStatusChip } from '../components/StatusChip';
export {
  READINESS_STATUS_LOOK,
  GATE_STATUS_LOOK,
  worstGateStatus,
} from '../lib/statusColors';
