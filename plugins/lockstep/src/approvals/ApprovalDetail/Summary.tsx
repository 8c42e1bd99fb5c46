import {
  ApprovalRequestView,
  isTerminal,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { PrincipalLink } from '../../components/Principal';
import {
  formatDuration,
  formatTimestamp,
  relativeTime,
} from '../../lib/format';
import { ApprovalStateChip } from '../ApprovalStateChip';

/** State, requester, when, expiry, policy and description. */
export function Summary({ request }: { request: ApprovalRequestView }) {
  const { policy } = request;
  const expires = request.expiresAt && Date.parse(request.expiresAt);
  const terms = [
    policy.requesterCannotApprove && 'the requester cannot approve',
    policy.rejectReasonRequired && 'a rejection needs a reason',
    policy.expiresAfterMs &&
      `open requests expire after ${formatDuration(policy.expiresAfterMs)}`,
    policy.requireReadiness && 'only a ready entity can be approved',
  ].filter(Boolean);
  return (
    <Box>
      <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
        <ApprovalStateChip state={request.state} size="medium" />
        <Typography variant="body2">
          Requested by{' '}
          <PrincipalLink principal={request.requester} defaultKind="service" />{' '}
          <Tooltip title={formatTimestamp(request.createdAt)}>
            <span>{relativeTime(request.createdAt)}</span>
          </Tooltip>
          {request.decidedAt && isTerminal(request.state) && (
            <>
              {' · closed '}
              <Tooltip title={formatTimestamp(request.decidedAt)}>
                <span>{relativeTime(request.decidedAt)}</span>
              </Tooltip>
            </>
          )}
          {!isTerminal(request.state) && expires && (
            <>
              {' · '}
              <Tooltip title={formatTimestamp(request.expiresAt!)}>
                <span>expires {relativeTime(request.expiresAt!)}</span>
              </Tooltip>
            </>
          )}
        </Typography>
      </Box>
      {request.description && (
        <Typography
          variant="body1"
          style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}
        >
          {request.description}
        </Typography>
      )}
      <Typography
        variant="body2"
        color="textSecondary"
        style={{ marginTop: 8 }}
      >
        Policy <strong>{policy.policyTitle}</strong>
        {terms.length > 0 && `: ${terms.join(', ')}`}.
      </Typography>
      {policy.additions.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          The entity's approvers annotation added: {policy.additions.join('; ')}
          .
        </Typography>
      )}
      {policy.ignored.length > 0 && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          Ignored from the entity's approvers annotation (it may only add
          approvers): {policy.ignored.join('; ')}.
        </Alert>
      )}
    </Box>
  );
}
