import {
  ApprovalRequestView,
  EntityReadiness,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import { LiveAsyncState } from '../../hooks/useLiveAsync';
import { describeError } from '../../lib/errors';
import { ReadinessRow } from './ReadinessRow';

const useStyles = makeStyles(
  theme => ({
    box: {
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
      padding: theme.spacing(1.5, 2),
    },
  }),
  { name: 'LockstepReadinessComparison' },
);

/** The entity's readiness when the request was created beside its readiness now. */
export function ReadinessComparison(props: {
  request: ApprovalRequestView;
  readinessNow: LiveAsyncState<EntityReadiness | undefined>;
}) {
  const { request, readinessNow } = props;
  const classes = useStyles();
  return (
    <Box className={classes.box}>
      <ReadinessRow
        label="When requested"
        status={request.readinessAtCreation?.status}
        reason={
          request.readinessAtCreation?.reason ??
          'Not recorded: readiness was unavailable when the request was created'
        }
      />
      <ReadinessRow
        label="Now"
        status={readinessNow.value?.status}
        reason={
          readinessNow.error
            ? `Could not load the readiness now: ${
                describeError(readinessNow.error).message
              }`
            : readinessNow.value?.reason ?? ''
        }
        loading={readinessNow.loading && !readinessNow.value}
      />
    </Box>
  );
}
