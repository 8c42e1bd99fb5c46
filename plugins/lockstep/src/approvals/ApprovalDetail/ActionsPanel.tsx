import {
  ApprovalDecisionKind,
  ApprovalRequestView,
  EntityReadiness,
  isTerminal,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { LiveAsyncState } from '../../hooks/useLiveAsync';
import { DecisionForm } from '../DecisionForm';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

// Spaced like a Section and framed like the readiness comparison, under its own keys.
const useStyles = makeStyles(
  theme => ({
    section: { marginTop: theme.spacing(3) },
    box: {
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
      padding: theme.spacing(1.5, 2),
      // On a phone the decision's buttons (the form's last row) are a full-width bar that stays
      // at the bottom of the screen while the form is in view.
      [theme.breakpoints.down('xs')]: {
        padding: theme.spacing(1.5, 1.5, 0),
        '& form > :last-child': {
          position: 'sticky',
          bottom: 0,
          zIndex: 1,
          margin: theme.spacing(1, -1.5, 0),
          padding: theme.spacing(1, 1.5, 1.5),
          backgroundColor: theme.palette.background.paper,
          borderTop: `1px solid ${theme.palette.divider}`,
          '& > button': { flex: 1 },
        },
      },
    },
    hint: {
      [theme.breakpoints.down('xs')]: { paddingBottom: theme.spacing(1.5) },
    },
    cancel: {
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(1.5),
      [theme.breakpoints.down('xs')]: {
        flexDirection: 'column',
        alignItems: 'stretch',
        paddingBottom: theme.spacing(1.5),
      },
    },
  }),
  { name: 'LockstepActionsPanel' },
);

/** Approve or reject for those who may, otherwise why not; cancel for the requester. */
export function ActionsPanel(props: {
  request: ApprovalRequestView;
  readiness: LiveAsyncState<EntityReadiness | undefined>;
  onDecided(next: ApprovalRequestView, decision: ApprovalDecisionKind): void;
  onConflict(message: string): void;
  onCancel(): void;
}) {
  const { request } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const { viewer } = request;
  if (isTerminal(request.state)) {
    return null;
  }
  return (
    <Box className={`${classes.section} ${classes.box}`}>
      {viewer.canDecide ? (
        <>
          <Typography variant="subtitle1" component="h3">
            {t('approvals.detail.yourDecision')}
          </Typography>
          <DecisionForm
            request={request}
            readiness={props.readiness}
            onDecided={props.onDecided}
            onConflict={props.onConflict}
          />
        </>
      ) : (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="decision-hint"
          className={classes.hint}
        >
          {viewer.reason ?? t('approvals.detail.cannotDecide')}
        </Typography>
      )}
      {viewer.canCancel && (
        <>
          <Divider style={{ margin: '12px 0' }} />
          <Box className={classes.cancel}>
            <Typography
              variant="body2"
              color="textSecondary"
              style={{ flex: 1 }}
            >
              {t('approvals.detail.cancelHint')}
            </Typography>
            <Button variant="outlined" onClick={props.onCancel}>
              {t('approvals.detail.cancelRequest')}
            </Button>
          </Box>
        </>
      )}
    </Box>
  );
}
