import { Fragment } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ApprovalRequestView } from '@lockstep/backstage-plugin-lockstep-common';
import Typography from '@material-ui/core/Typography';
import { PrincipalName } from '../components/Principal';
import { useStatusLabels } from '../components/statusLabels';
import { lockstepTranslationRef } from '../translation';
import { ProgressSummary, summarizeProgress } from './progress';

/** How a request that is over ended, in a sentence; a state without one shows its name. */
function useEndedText() {
  const { t } = useTranslationRef(lockstepTranslationRef);
  const labels = useStatusLabels();
  return (summary: Extract<ProgressSummary, { kind: 'done' }>): string => {
    const where = {
      stage: String(summary.stage),
      total: String(summary.stageCount),
    };
    switch (summary.state) {
      case 'approved':
        return t('approvals.progress.approved', { count: summary.stageCount });
      case 'rejected':
        return summary.stage
          ? t('approvals.progress.rejectedInStage', where)
          : t('approvals.progress.rejected');
      case 'cancelled':
        return t('approvals.progress.cancelled');
      case 'expired':
        return t('approvals.progress.expiredInStage', where);
      case 'superseded':
        return t('approvals.progress.superseded', {
          environment: summary.environment,
        });
      default:
        return labels.approval(summary.state);
    }
  };
}

/** "Stage 2 of 2 · Security and operations: needs 1 more from Platform & SRE", or how it ended. */
export function ProgressText(props: { request: ApprovalRequestView }) {
  const { t } = useTranslationRef(lockstepTranslationRef);
  const endedText = useEndedText();
  const summary = summarizeProgress(props.request);
  if (summary.kind === 'done') {
    return (
      <Typography variant="body2" color="textSecondary">
        {endedText(summary)}
      </Typography>
    );
  }
  const last = summary.needs.length - 1;
  return (
    <Typography variant="body2" data-testid="approval-progress">
      {t('approvals.progress.stage', {
        stage: String(summary.stage),
        total: String(summary.stageCount),
      })}
      {summary.stageName && ` · ${summary.stageName}`}
      {summary.needs.length > 0 && `: ${t('approvals.progress.needs')} `}
      {summary.needs.map((need, i) => (
        <Fragment key={need.group}>
          {i > 0 && (i === last ? ` ${t('common.and')} ` : ', ')}
          {t('approvals.progress.moreFrom', {
            number: String(need.missing),
            group: <PrincipalName principal={need.group} />,
          })}
        </Fragment>
      ))}
    </Typography>
  );
}
