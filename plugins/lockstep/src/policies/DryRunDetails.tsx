import type { EnvironmentPolicy } from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { ApproverStages } from './ApproverStages';
import { CandidateList } from './CandidateList';
import { PolicyFlags } from './PolicyFlags';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

const useStyles = makeStyles(
  theme => ({
    section: { marginTop: theme.spacing(1) },
    first: { marginBottom: theme.spacing(1) },
    notes: { margin: 0, paddingLeft: theme.spacing(2.5) },
  }),
  { name: 'LockstepDryRunDetails' },
);

function Notes(props: { title: string; notes: string[] }) {
  const classes = useStyles();
  if (props.notes.length === 0) return null;
  return (
    <Box className={classes.section}>
      <Typography variant="body2">{props.title}</Typography>
      <Typography variant="body2" component="ul" className={classes.notes}>
        {props.notes.map(note => (
          <li key={note}>{note}</li>
        ))}
      </Typography>
    </Box>
  );
}

/**
 * A dry run of a request by the viewer for one environment: the policy that would decide and why,
 * who would have to approve in which order, what the entity's annotation changed, the readiness
 * requirement and expiry, and why the viewer could not ask now.
 */
export function DryRunDetails(props: {
  run: EnvironmentPolicy;
  /** Show the refusal first, as an error alert (the request dialog), rather than last as a warning. */
  refusalAlert?: boolean;
}) {
  const { run } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const refusal = !run.requestable && run.refusal && (
    <Alert
      severity={props.refusalAlert ? 'error' : 'warning'}
      role={props.refusalAlert ? 'alert' : 'status'}
      className={props.refusalAlert ? classes.first : classes.section}
      data-testid="dry-run-refusal"
    >
      <AlertTitle>
        {t('policies.dryRun.cannotRequest', { environment: run.environment })}
      </AlertTitle>
      {run.refusal}
    </Alert>
  );
  if (!run.policy) {
    return (
      <Box data-testid="dry-run">
        <Typography variant="body2">
          {t('policies.dryRun.noPolicy', { environment: run.environment })}
        </Typography>
        {props.refusalAlert && refusal}
        <CandidateList candidates={run.candidates} />
      </Box>
    );
  }
  return (
    <Box data-testid="dry-run">
      {props.refusalAlert && refusal}
      <Typography variant="body2">
        {t('policies.dryRun.decidedBy', {
          policy: <strong>{run.policy.title}</strong>,
        })}
      </Typography>
      <CandidateList candidates={run.candidates} />
      <PolicyFlags
        requireReadiness={run.requireReadiness}
        expiresAfterMs={run.expiresAfterMs}
      />
      {run.stages.length > 0 && (
        <Box className={classes.section}>
          <Typography variant="body2" gutterBottom>
            {t('policies.dryRun.approvers')}
          </Typography>
          <ApproverStages stages={run.stages} />
          {run.requesterCannotApprove && (
            <Typography variant="caption" color="textSecondary">
              {t('policies.dryRun.withoutYou')}
            </Typography>
          )}
        </Box>
      )}
      <Notes title={t('policies.dryRun.additions')} notes={run.additions} />
      <Notes title={t('policies.dryRun.ignored')} notes={run.ignored} />
      {!props.refusalAlert && refusal}
    </Box>
  );
}
