import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ApprovalDecisionKind,
  ApprovalRequestView,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { lockstepTranslationRef } from '../../translation';
import { useStyles } from './styles';

/** Opens the decision dialog for a request; `from`, the button pressed, gets focus back after it. */
export type Decide = (
  request: ApprovalRequestView,
  decision: ApprovalDecisionKind,
  from: HTMLElement,
) => void;

/** Reject and Approve for one request, each opening the decision dialog. */
export function DecideButtons(props: {
  request: ApprovalRequestView;
  onDecide: Decide;
  /** Full width, as under a card. */
  block?: boolean;
}) {
  const { request } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <Box
      className={`${classes.actions} ${
        props.block ? classes.blockActions : ''
      }`}
    >
      <Button
        size="small"
        variant="outlined"
        color="secondary"
        aria-label={t('approvals.rejectRequest', { title: request.title })}
        onClick={e => props.onDecide(request, 'reject', e.currentTarget)}
      >
        {t('approvals.reject')}
      </Button>
      <Button
        size="small"
        variant="contained"
        color="primary"
        aria-label={t('approvals.approveRequest', { title: request.title })}
        onClick={e => props.onDecide(request, 'approve', e.currentTarget)}
      >
        {t('approvals.approve')}
      </Button>
    </Box>
  );
}
