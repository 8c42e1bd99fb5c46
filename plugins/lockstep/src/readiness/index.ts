export { EntityReadinessCard } from './EntityReadinessCard';
export { ReadinessBoard } from './ReadinessBoard';
export {
  ReadinessBoardContent,
  ReadinessBoardPage,
} from './ReadinessBoardPage';
export { ReadinessStatusChip, GateStatusChip } from './StatusChip';
export {
  READINESS_STATUS_LOOK,
  GATE_STATUS_LOOK,
  worstGateStatus,
} from './statusColors';
