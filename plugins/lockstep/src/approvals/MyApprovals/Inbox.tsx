import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { PrincipalLink } from '../../components/Principal';
import { durationSince, formatTimestamp, relativeTime } from '../../lib/format';
import { lockstepTranslationRef } from '../../translation';
import { ApprovalColumn, ApprovalTable } from '../ApprovalTable';
import { oldestFirst } from '../progress';
import { ProgressText } from '../ProgressText';
import { ApprovalPage } from '../useApprovalList';
import { Decide, DecideButtons } from './DecideButtons';
import { useStyles } from './styles';

/** "Waiting for me": the inbox, oldest first, a page at a time. */
export function Inbox(props: {
  refresh: number;
  onOpen(id: string): void;
  onDecide: Decide;
  onPage(page: ApprovalPage | undefined): void;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const { onOpen, onDecide } = props;
  const columns: ApprovalColumn[] = [
    {
      title: t('approvals.inbox.waiting'),
      nowrap: true,
      render: request => (
        <Tooltip
          title={t('approvals.inbox.requestedAt', {
            time: formatTimestamp(request.createdAt),
          })}
        >
          <span className={classes.waited}>
            {durationSince(request.createdAt)}
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('approvals.inbox.entity'),
      render: request => <EntityRefLink entityRef={request.entityRef} />,
    },
    {
      title: t('approvals.inbox.request'),
      render: request => (
        <>
          <Link
            component="button"
            variant="body2"
            className={classes.title}
            onClick={() => onOpen(request.id)}
          >
            {request.title}
          </Link>
          <Typography variant="body2" color="textSecondary">
            {request.version} → {request.environment}
          </Typography>
        </>
      ),
    },
    {
      title: t('approvals.inbox.requester'),
      nowrap: true,
      render: request => (
        <PrincipalLink principal={request.requester} defaultKind="service" />
      ),
    },
    {
      title: t('approvals.inbox.progress'),
      render: request => <ProgressText request={request} />,
    },
    {
      title: t('approvals.inbox.expires'),
      nowrap: true,
      render: request =>
        request.expiresAt ? (
          <Tooltip title={formatTimestamp(request.expiresAt)}>
            <span>{relativeTime(request.expiresAt)}</span>
          </Tooltip>
        ) : (
          t('common.never')
        ),
    },
    {
      title: t('approvals.inbox.decide'),
      align: 'right',
      nowrap: true,
      render: request => (
        <DecideButtons request={request} onDecide={onDecide} />
      ),
    },
  ];
  return (
    <ApprovalTable
      query={{ pendingFor: 'me' }}
      refresh={props.refresh}
      ariaLabel={t('approvals.inbox.ariaLabel')}
      columns={columns}
      loadFailed={t('approvals.inbox.loadFailed')}
      empty={
        <Box p={2} textAlign="left">
          <Typography variant="h6" component="p">
            {t('approvals.inbox.empty')}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {t('approvals.inbox.emptyHint')}
          </Typography>
        </Box>
      }
      testId={() => 'inbox-row'}
      onOpen={request => onOpen(request.id)}
      age={request => durationSince(request.createdAt)}
      cardActions={request => (
        <DecideButtons request={request} onDecide={onDecide} block />
      )}
      arrange={oldestFirst}
      onPage={props.onPage}
    />
  );
}
