import {
  ApprovalState,
  ApprovalTone,
} from '@lockstep/backstage-plugin-lockstep-common';
import Chip from '@material-ui/core/Chip';
import BlockIcon from '@material-ui/icons/Block';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import ScheduleIcon from '@material-ui/icons/Schedule';
import SkipNextIcon from '@material-ui/icons/SkipNext';
import { approvalStateLook } from './progress';
import { useStatusLabels } from '../components/statusLabels';

const TONE_ICONS: Record<ApprovalTone, typeof CheckCircleIcon> = {
  open: HourglassEmptyIcon,
  success: CheckCircleIcon,
  danger: CancelIcon,
  neutral: BlockIcon,
  warning: ScheduleIcon,
  faded: SkipNextIcon,
};

/** A request's state as a coloured chip with an icon, so it does not rely on colour alone. */
export function ApprovalStateChip(props: {
  state: ApprovalState;
  size?: 'small' | 'medium';
}) {
  const look = approvalStateLook(props.state);
  const labels = useStatusLabels();
  const Icon = TONE_ICONS[look.tone];
  return (
    <Chip
      size={props.size ?? 'small'}
      label={labels.approval(props.state)}
      icon={<Icon style={{ color: look.contrastText }} />}
      style={{
        backgroundColor: look.color,
        color: look.contrastText,
        fontWeight: 500,
      }}
    />
  );
}
