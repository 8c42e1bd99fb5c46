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
import { READINESS_STATUS_LOOK } from '../lib/statusColors';

const useStyles = makeStyles(theme => ({
  root: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1.5, 2),
    marginBottom: theme.spacing(1.5),
  },
  line: { '& + &': { marginTop: theme.spacing(0.75) } },
  rules: { margin: theme.spacing(0.5, 0, 0, 0), paddingLeft: theme.spacing(3) },
  missing: { color: theme.palette.warning.dark, fontWeight: 500 },
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
  const stages = request.progress.stages;
  const stage = stages[request.currentStage];
  const now = readiness.value;
  const atCreation = request.readinessAtCreation;
  return (
    <Box
      className={classes.root}
      component="section"
      aria-label="What you decide on"
    >
      <Typography variant="body2" className={classes.line}>
        <EntityRefLink entityRef={request.entityRef} /> · version{' '}
        <strong>{request.version}</strong> →{' '}
        <strong>{request.environment}</strong>
      </Typography>
      <Typography variant="body2" className={classes.line}>
        Policy <strong>{request.policy.policyTitle}</strong>
      </Typography>
      {stage && (
        <Box className={classes.line} data-testid="decision-stage">
          <Typography variant="body2">
            Stage {request.currentStage + 1} of {stages.length} ·{' '}
            <strong>{stage.name}</strong>
          </Typography>
          <ul className={classes.rules}>
            {stage.rules.map(rule => (
              <li key={rule.group}>
                <Typography variant="body2" component="span">
                  <PrincipalName principal={rule.group} />:{' '}
                  {rule.approvedBy.length} of {rule.minApprovals}{' '}
                  {rule.minApprovals === 1 ? 'approval' : 'approvals'}
                  {rule.missing > 0 ? (
                    <span className={classes.missing}>
                      {' '}
                      · needs {rule.missing} more
                    </span>
                  ) : (
                    ' · met'
                  )}
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
      <Box data-testid="decision-readiness">
        <ReadinessLine label="Readiness now" status={now?.status}>
          {readiness.loading && !now && <CircularProgress size={14} />}
          {now?.reason}
          {readiness.error &&
            `Could not load the readiness now: ${
              describeError(readiness.error).message
            }`}
        </ReadinessLine>
        <ReadinessLine label="When requested" status={atCreation?.status}>
          {atCreation?.reason ?? 'Not recorded'}
        </ReadinessLine>
      </Box>
      {now && NOT_READY.includes(now.status) && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          <AlertTitle>{READINESS_STATUS_LOOK[now.status].label} now</AlertTitle>
          {now.reason}.{' '}
          {request.policy.requireReadiness
            ? 'This policy only lets a ready entity be approved.'
            : 'This policy does not stop an approval of it.'}
        </Alert>
      )}
    </Box>
  );
}
