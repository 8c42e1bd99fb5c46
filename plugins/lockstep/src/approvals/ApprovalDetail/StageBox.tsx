import {
  ApprovalRequestView,
  ApprovalStageProgress,
  DECISION_OUTCOMES,
  isTerminal,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PrincipalLink, PrincipalName } from '../../components/Principal';
import { FILLS, surfacesOf } from '../../lib/palette';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

const useStyles = makeStyles(
  theme => ({
    stage: {
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
      '& + &': { marginTop: theme.spacing(1) },
    },
    stageHeader: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      justifyContent: 'space-between',
      gap: theme.spacing(0.5, 1),
      padding: theme.spacing(0.75, 1.5),
      backgroundColor: theme.palette.background.default,
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
    rule: {
      display: 'flex',
      alignItems: 'baseline',
      gap: theme.spacing(1.5),
      padding: theme.spacing(0.75, 1.5),
      '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
      // on a phone the group goes above what it has, rather than squeezing both
      [theme.breakpoints.down('xs')]: {
        flexDirection: 'column',
        gap: theme.spacing(0.25),
      },
    },
    ruleGroup: {
      flex: '0 0 38%',
      fontWeight: 500,
      minWidth: 0,
      [theme.breakpoints.down('xs')]: { flex: '0 0 auto' },
    },
    ruleBody: { flex: 1, minWidth: 0 },
    missing: { color: surfacesOf(theme).waiting, fontWeight: 500 },
    met: { color: theme.palette.success.dark },
  }),
  { name: 'LockstepStageBox' },
);

/** The message naming where a stage is. */
type StageLabel =
  | 'approvals.detail.stagePassed'
  | 'approvals.detail.stageRejected'
  | 'approvals.detail.stageWaiting'
  | 'approvals.detail.stageLater'
  | 'approvals.detail.stageNotReached';

function stageState(
  request: ApprovalRequestView,
  stage: ApprovalStageProgress,
  index: number,
): { label: StageLabel; color: string; contrastText: string } {
  const current = request.progress.currentStage;
  if (stage.passed)
    return { label: 'approvals.detail.stagePassed', ...FILLS.success };
  if (request.progress.state === DECISION_OUTCOMES.reject && index === current)
    return { label: 'approvals.detail.stageRejected', ...FILLS.danger };
  if (!isTerminal(request.state) && index === current)
    return { label: 'approvals.detail.stageWaiting', ...FILLS.info };
  if (!isTerminal(request.state))
    return { label: 'approvals.detail.stageLater', ...FILLS.idle };
  return { label: 'approvals.detail.stageNotReached', ...FILLS.idle };
}

/** A stage: each rule with who was counted for it and how many more it needs. */
export function StageBox(props: {
  request: ApprovalRequestView;
  stage: ApprovalStageProgress;
  index: number;
}) {
  const { request, stage, index } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const look = stageState(request, stage, index);
  const open = !isTerminal(request.state);
  return (
    <Box
      className={classes.stage}
      component="section"
      aria-label={t('approvals.detail.stageRegion', {
        stage: String(index + 1),
        name: stage.name,
      })}
    >
      <Box className={classes.stageHeader}>
        <Typography variant="subtitle2" component="h4">
          {t('approvals.detail.stageHeading', {
            stage: String(index + 1),
            total: String(request.progress.stages.length),
            name: stage.name,
          })}
        </Typography>
        <Chip
          size="small"
          label={t(look.label)}
          style={{ backgroundColor: look.color, color: look.contrastText }}
        />
      </Box>
      {stage.rules.map(rule => (
        <Box key={rule.group} className={classes.rule}>
          <Typography variant="body2" className={classes.ruleGroup}>
            <PrincipalName principal={rule.group} />
          </Typography>
          <Box className={classes.ruleBody}>
            <Typography variant="body2">
              {t('approvals.approvals', {
                approved: String(rule.approvedBy.length),
                count: rule.minApprovals,
              })}
              {rule.approvedBy.length > 0 && ': '}
              {rule.approvedBy.map((user, i) => (
                <span key={user}>
                  {i > 0 && ', '}
                  <PrincipalLink principal={user} defaultKind="service" />
                </span>
              ))}
            </Typography>
            {rule.missing > 0 && open && (
              <Typography variant="body2" className={classes.missing}>
                {t('approvals.detail.needsFromMember', {
                  number: String(rule.missing),
                  group: <PrincipalName principal={rule.group} />,
                })}
              </Typography>
            )}
            {rule.missing === 0 && (
              <Typography variant="caption" className={classes.met}>
                {t('approvals.detail.met')}
              </Typography>
            )}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
