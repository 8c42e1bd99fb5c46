import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatDuration } from '../lib/format';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

const useStyles = makeStyles(
  theme => ({
    flags: {
      margin: theme.spacing(0.5, 0, 0),
      paddingLeft: theme.spacing(2.5),
    },
  }),
  { name: 'LockstepPolicyFlags' },
);

/** A policy's settings in words, one sentence each; a setting left out is not mentioned. */
export function PolicyFlags(props: {
  requesterCannotApprove?: boolean;
  rejectReasonRequired?: boolean;
  requireReadiness?: boolean;
  expiresAfterMs?: number;
  /** Whether "Requests do not expire" is said when `expiresAfterMs` is absent. */
  sayExpiry?: boolean;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const flags: string[] = [];
  if (props.requesterCannotApprove !== undefined) {
    flags.push(
      props.requesterCannotApprove
        ? t('policies.flags.requesterCannotApprove')
        : t('policies.flags.requesterCanApprove'),
    );
  }
  if (props.rejectReasonRequired !== undefined) {
    flags.push(
      props.rejectReasonRequired
        ? t('policies.flags.rejectReasonRequired')
        : t('policies.flags.rejectReasonOptional'),
    );
  }
  if (props.requireReadiness !== undefined) {
    flags.push(
      props.requireReadiness
        ? t('policies.flags.requireReadiness')
        : t('policies.flags.readinessNotRequired'),
    );
  }
  if (props.expiresAfterMs) {
    flags.push(
      t('policies.flags.expiresAfter', {
        duration: formatDuration(props.expiresAfterMs),
      }),
    );
  } else if (props.sayExpiry !== false) {
    flags.push(t('policies.flags.neverExpires'));
  }
  return (
    <Typography variant="body2" component="ul" className={classes.flags}>
      {flags.map(flag => (
        <li key={flag}>{flag}</li>
      ))}
    </Typography>
  );
}
