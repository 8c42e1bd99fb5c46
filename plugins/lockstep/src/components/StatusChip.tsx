import {
  ReadinessGateStatus,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import Chip from '@material-ui/core/Chip';
import BlockIcon from '@material-ui/icons/Block';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import ScheduleIcon from '@material-ui/icons/Schedule';
import CancelIcon from '@material-ui/icons/Cancel';
import {
  GATE_STATUS_LOOK,
  READINESS_STATUS_LOOK,
  StatusLook,
} from '../lib/statusColors';
import { useStatusLabels } from './statusLabels';

const STATUS_ICONS: Record<ReadinessStatus, typeof CheckCircleIcon> = {
  'not-ready': ErrorIcon,
  blocked: BlockIcon,
  'at-risk': ReportProblemIcon,
  ready: CheckCircleIcon,
  unknown: HelpOutlineIcon,
};

const GATE_ICONS: Record<ReadinessGateStatus, typeof CheckCircleIcon> = {
  error: ErrorIcon,
  failed: CancelIcon,
  expired: ScheduleIcon,
  pending: HourglassEmptyIcon,
  expiring: ReportProblemIcon,
  passed: CheckCircleIcon,
};

function LookChip(props: {
  look: StatusLook;
  Icon: typeof CheckCircleIcon;
  size?: 'small' | 'medium';
  label: string;
}) {
  const { look, Icon } = props;
  return (
    <Chip
      size={props.size ?? 'small'}
      label={props.label}
      icon={<Icon style={{ color: look.contrastText }} />}
      style={{
        backgroundColor: look.color,
        color: look.contrastText,
        fontWeight: 500,
      }}
    />
  );
}

/** An entity's readiness as a coloured chip with an icon (so it does not rely on colour alone). */
export function ReadinessStatusChip(props: {
  status: ReadinessStatus;
  size?: 'small' | 'medium';
}) {
  const labels = useStatusLabels();
  return (
    <LookChip
      look={READINESS_STATUS_LOOK[props.status]}
      Icon={STATUS_ICONS[props.status]}
      size={props.size}
      label={labels.readiness(props.status)}
    />
  );
}

/** One gate's state as a chip. */
export function GateStatusChip(props: { status: ReadinessGateStatus }) {
  const labels = useStatusLabels();
  return (
    <LookChip
      look={GATE_STATUS_LOOK[props.status]}
      Icon={GATE_ICONS[props.status]}
      label={labels.gate(props.status)}
    />
  );
}

export { GATE_ICONS, STATUS_ICONS };
