import { ReactNode } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ApprovalRequestView,
  EntityReadiness,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { PrincipalName } from '../components/Principal';
import { LiveAsyncState } from '../hooks/useLiveAsync';
import { describeError } from '../lib/errors';
import { ReadinessStatusChip } from '../components/StatusChip';
import { useStatusLabels } from '../components/statusLabels';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';
import { surfacesOf } from '../lib/palette';

const useStyles = makeStyles(theme => ({
  root: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1.5, 2),
    marginBottom: theme.spacing(1.5),
  },
  line: { '& + &': { marginTop: theme.spacing(0.75) } },
  rules: { margin: theme.spacing(0.5, 0, 0, 0), paddingLeft: theme.spacing(3) },
  missing: { color: surfacesOf(theme).waiting, fontWeight: 500 },
  readiness: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.75),
  },
  readinessLabel: { flex: '0 0 110px' },
}));

/** Statuses that mean the entity should not ship now. */
const NOT_READY: ReadinessStatus[] = ['not-ready', 'blocked'];

function ReadinessLine(props: {
  label: string;
  status?: ReadinessStatus;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <Box className={classes.readiness}>
      <Typography variant="body2" className={classes.readinessLabel}>
        {props.label}
      </Typography>
      {props.status && <ReadinessStatusChip status={props.status} />}
      <Typography variant="body2" color="textSecondary" component="span">
        {props.children}
      </Typography>
    </Box>
  );
}

/**
 * What a decision is about, next to the buttons: the entity, version and environment, the policy,
 * the open stage with what each of its groups still needs, and the entity's readiness now (with a
 * warning when it is not ready) and when the request was made. `stage` is the stage shown, which
 * the decision names so that it never counts for a stage the decider did not see.
 */
export function DecisionSubject(props: {
  request: ApprovalRequestView;
  readiness: LiveAsyncState<EntityReadiness | undefined>;
}) {
  const { request, readiness } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const stages = request.progress.stages;
  const stage = stages[request.currentStage];
  const now = readiness.value;
  const atCreation = request.readinessAtCreation;
  const labels = useStatusLabels();
  return (
    <Box
      className={classes.root}
      component="section"
      aria-label={t('approvals.decision.subject')}
    >
      <Typography variant="body2" className={classes.line}>
        {t('approvals.decision.versionTo', {
          entity: <EntityRefLink entityRef={request.entityRef} />,
          version: <strong>{request.version}</strong>,
          environment: <strong>{request.environment}</strong>,
        })}
      </Typography>
      <Typography variant="body2" className={classes.line}>
        {t('approvals.decision.policy', {
          policy: <strong>{request.policy.policyTitle}</strong>,
        })}
      </Typography>
      {stage && (
        <Box className={classes.line} data-testid="decision-stage">
          <Typography variant="body2">
            {t('approvals.decision.stage', {
              stage: String(request.currentStage + 1),
              total: String(stages.length),
              name: <strong>{stage.name}</strong>,
            })}
          </Typography>
          <ul className={classes.rules}>
            {stage.rules.map(rule => (
              <li key={rule.group}>
                <Typography variant="body2" component="span">
                  {t('approvals.decision.rule', {
                    group: <PrincipalName principal={rule.group} />,
                    approvals: t('approvals.approvals', {
                      approved: String(rule.approvedBy.length),
                      count: rule.minApprovals,
                    }),
                  })}
                  {rule.missing > 0 ? (
                    <span className={classes.missing}>
                      {' · '}
                      {t('approvals.decision.needsMore', {
                        number: String(rule.missing),
                      })}
                    </span>
                  ) : (
                    ` · ${t('approvals.decision.met')}`
                  )}
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
      <Box data-testid="decision-readiness">
        <ReadinessLine
          label={t('approvals.decision.readinessNow')}
          status={now?.status}
        >
          {readiness.loading && !now && <CircularProgress size={14} />}
          {now?.reason}
          {readiness.error &&
            t('approvals.decision.readinessFailed', {
              message: describeError(readiness.error).message,
            })}
        </ReadinessLine>
        <ReadinessLine
          label={t('approvals.decision.whenRequested')}
          status={atCreation?.status}
        >
          {atCreation?.reason ?? t('approvals.decision.notRecorded')}
        </ReadinessLine>
      </Box>
      {now && NOT_READY.includes(now.status) && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          <AlertTitle>
            {t('approvals.decision.statusNow', {
              status: labels.readiness(now.status),
            })}
          </AlertTitle>
          {now.reason}.{' '}
          {request.policy.requireReadiness
            ? t('approvals.decision.requiresReady')
            : t('approvals.decision.doesNotRequireReady')}
        </Alert>
      )}
    </Box>
  );
}
