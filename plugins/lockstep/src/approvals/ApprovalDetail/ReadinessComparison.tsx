import {
  ApprovalRequestView,
  EntityReadiness,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import { LiveAsyncState } from '../../hooks/useLiveAsync';
import { describeError } from '../../lib/errors';
import { ReadinessRow } from './ReadinessRow';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

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
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <Box className={classes.box}>
      <ReadinessRow
        label={t('approvals.decision.whenRequested')}
        status={request.readinessAtCreation?.status}
        reason={
          request.readinessAtCreation?.reason ??
          t('approvals.detail.notRecorded')
        }
      />
      <ReadinessRow
        label={t('approvals.detail.now')}
        status={readinessNow.value?.status}
        reason={
          readinessNow.error
            ? t('approvals.decision.readinessFailed', {
                message: describeError(readinessNow.error).message,
              })
            : readinessNow.value?.reason ?? ''
        }
        loading={readinessNow.loading && !readinessNow.value}
      />
    </Box>
  );
}
