import { Fragment } from 'react';
import { ApprovalRequestView } from '@lockstep/backstage-plugin-lockstep-common';
import Typography from '@material-ui/core/Typography';
import { PrincipalName } from '../components/Principal';
import { summarizeProgress } from './progress';

/** "Stage 2 of 2 · Security and operations: needs 1 more from Platform & SRE", or how it ended. */
export function ProgressText(props: { request: ApprovalRequestView }) {
  const summary = summarizeProgress(props.request);
  if (summary.kind === 'done') {
    return (
      <Typography variant="body2" color="textSecondary">
        {summary.text}
      </Typography>
    );
  }
  return (
    <Typography variant="body2" data-testid="approval-progress">
      Stage {summary.stage} of {summary.stageCount}
      {summary.stageName && ` · ${summary.stageName}`}
      {summary.needs.length > 0 && ': needs '}
      {summary.needs.map((need, i) => (
        <Fragment key={need.group}>
          {i > 0 && (i === summary.needs.length - 1 ? ' and ' : ', ')}
          {need.missing} more from <PrincipalName principal={need.group} />
        </Fragment>
      ))}
    </Typography>
  );
}
