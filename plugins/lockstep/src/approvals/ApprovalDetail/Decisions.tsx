import {
  ApprovalRequestView,
  DECISION_OUTCOMES,
  isTerminal,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PrincipalLink } from '../../components/Principal';
import { durationSince, formatTimestamp, relativeTime } from '../../lib/format';
import { ApprovalStateChip } from '../ApprovalStateChip';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

const useStyles = makeStyles(
  theme => ({
    decision: {
      padding: theme.spacing(1, 0),
      '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
    },
  }),
  { name: 'LockstepDecisions' },
);

/** The decisions taken so far, each with who, in which stage, when and the comment. */
export function Decisions({ request }: { request: ApprovalRequestView }) {
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  if (request.decisions.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {isTerminal(request.state)
          ? t('approvals.detail.noDecisions')
          : t('approvals.detail.noDecisionsWaiting', {
              duration: durationSince(request.createdAt),
            })}
      </Typography>
    );
  }
  return (
    <Box>
      {request.decisions.map((decision, i) => (
        <Box key={decision.id ?? i} className={classes.decision}>
          <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
            <ApprovalStateChip state={DECISION_OUTCOMES[decision.decision]} />
            <PrincipalLink principal={decision.actor} defaultKind="service" />
            <Typography variant="caption" color="textSecondary">
              {t('approvals.detail.inStage', {
                stage: String(decision.stage + 1),
              })}
              {' · '}
              <Tooltip title={formatTimestamp(decision.at)}>
                <span>{relativeTime(decision.at)}</span>
              </Tooltip>
            </Typography>
          </Box>
          {decision.comment && (
            <Typography variant="body2" style={{ marginTop: 4 }}>
              “{decision.comment}”
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
}
