import { ApprovalState } from '@lockstep/backstage-plugin-lockstep-common';
import Chip from '@material-ui/core/Chip';
import BlockIcon from '@material-ui/icons/Block';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import ScheduleIcon from '@material-ui/icons/Schedule';
import SkipNextIcon from '@material-ui/icons/SkipNext';
import { APPROVAL_STATE_LOOK } from './progress';

const STATE_ICONS: Record<ApprovalState, typeof CheckCircleIcon> = {
  pending: HourglassEmptyIcon,
  approved: CheckCircleIcon,
  rejected: CancelIcon,
  cancelled: BlockIcon,
  expired: ScheduleIcon,
  superseded: SkipNextIcon,
};

/** A request's state as a coloured chip with an icon, so it does not rely on colour alone. */
export function ApprovalStateChip(props: {
  state: ApprovalState;
  size?: 'small' | 'medium';
}) {
  const look = APPROVAL_STATE_LOOK[props.state];
  const Icon = STATE_ICONS[props.state];
  return (
    <Chip
      size={props.size ?? 'small'}
      label={look.label}
      icon={<Icon style={{ color: look.contrastText }} />}
      style={{
        backgroundColor: look.color,
        color: look.contrastText,
        fontWeight: 500,
      }}
    />
  );
}
