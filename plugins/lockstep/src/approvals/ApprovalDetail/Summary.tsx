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
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

/** State, requester, when, expiry, policy and description. */
export function Summary({ request }: { request: ApprovalRequestView }) {
  const { policy } = request;
  const { t } = useTranslationRef(lockstepTranslationRef);
  const expires = request.expiresAt && Date.parse(request.expiresAt);
  const terms = [
    policy.requesterCannotApprove &&
      t('approvals.detail.termRequesterCannotApprove'),
    policy.rejectReasonRequired && t('approvals.detail.termReasonRequired'),
    policy.expiresAfterMs &&
      t('approvals.detail.termExpires', {
        duration: formatDuration(policy.expiresAfterMs),
      }),
    policy.requireReadiness && t('approvals.detail.termRequiresReady'),
  ].filter(Boolean);
  const policyTitle = <strong>{policy.policyTitle}</strong>;
  return (
    <Box>
      <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
        <ApprovalStateChip state={request.state} size="medium" />
        <Typography variant="body2">
          {t('approvals.detail.requestedBy', {
            who: (
              <PrincipalLink
                principal={request.requester}
                defaultKind="service"
              />
            ),
            when: (
              <Tooltip title={formatTimestamp(request.createdAt)}>
                <span>{relativeTime(request.createdAt)}</span>
              </Tooltip>
            ),
          })}
          {request.decidedAt && isTerminal(request.state) && (
            <>
              {' · '}
              {t('common.closedAt', {
                when: (
                  <Tooltip title={formatTimestamp(request.decidedAt)}>
                    <span>{relativeTime(request.decidedAt)}</span>
                  </Tooltip>
                ),
              })}
            </>
          )}
          {!isTerminal(request.state) && expires && (
            <>
              {' · '}
              <Tooltip title={formatTimestamp(request.expiresAt!)}>
                <span>
                  {t('common.expiresIn', {
                    when: relativeTime(request.expiresAt!),
                  })}
                </span>
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
        {terms.length > 0
          ? t('approvals.detail.policyWithTerms', {
              policy: policyTitle,
              terms: terms.join(', '),
            })
          : t('approvals.detail.policy', { policy: policyTitle })}
      </Typography>
      {policy.additions.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('approvals.detail.additions', {
            additions: policy.additions.join('; '),
          })}
        </Typography>
      )}
      {policy.ignored.length > 0 && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          {t('approvals.detail.ignored', {
            ignored: policy.ignored.join('; '),
          })}
        </Alert>
      )}
    </Box>
  );
}
