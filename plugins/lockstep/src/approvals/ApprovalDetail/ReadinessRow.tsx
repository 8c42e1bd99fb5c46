import { ReadinessStatus } from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReadinessStatusChip } from '../../components/StatusChip';

const useStyles = makeStyles(
  theme => ({
    readinessRow: {
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(1.5),
      '& + &': { marginTop: theme.spacing(1) },
      // on a phone the reason goes under the label and chip, at full width
      [theme.breakpoints.down('xs')]: {
        flexWrap: 'wrap',
        gap: theme.spacing(1),
      },
    },
    readinessLabel: {
      flex: '0 0 110px',
      [theme.breakpoints.down('xs')]: { flex: '0 0 auto' },
    },
    reason: {
      flex: 1,
      minWidth: 0,
      [theme.breakpoints.down('xs')]: { flexBasis: '100%' },
    },
  }),
  { name: 'LockstepReadinessRow' },
);

/** One readiness, labelled by when it was taken, with its status and reason. */
export function ReadinessRow(props: {
  label: string;
  status?: ReadinessStatus;
  reason: string;
  loading?: boolean;
}) {
  const classes = useStyles();
  return (
    <Box className={classes.readinessRow}>
      <Typography variant="body2" className={classes.readinessLabel}>
        {props.label}
      </Typography>
      {props.loading && <CircularProgress size={16} />}
      {props.status && <ReadinessStatusChip status={props.status} />}
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.reason}
      >
        {props.reason}
      </Typography>
    </Box>
  );
}
