import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Paper from '@material-ui/core/Paper';
import { relativeTime } from '../../lib/format';
import { lockstepTranslationRef } from '../../translation';
import {
  ApprovalFilters,
  filterQuery,
  hasFilters,
  useApprovalFilters,
} from '../ApprovalFilters';
import { ApprovalStateChip } from '../ApprovalStateChip';
import { ApprovalColumn, ApprovalTable, RequestTitle } from '../ApprovalTable';
import { useTimelineColumns } from '../EntityApprovalsContent';

/** "My requests": what the signed-in user asked for, in every state, with filters. */
export function MyRequests(props: {
  refresh: number;
  onOpen(id: string): void;
}) {
  const { t } = useTranslationRef(lockstepTranslationRef);
  const timeline = useTimelineColumns();
  const [filters, setFilters] = useApprovalFilters();
  const { onOpen } = props;
  const mine = { ...filters, requester: '' };
  const columns: ApprovalColumn[] = [
    {
      title: t('approvals.entity.state'),
      nowrap: true,
      render: request => <ApprovalStateChip state={request.state} />,
    },
    {
      title: t('approvals.list.request'),
      render: request => (
        <RequestTitle request={request} onOpen={() => onOpen(request.id)} />
      ),
    },
    {
      title: t('approvals.list.entity'),
      render: request => (
        <EntityRefLink
          entityRef={request.entityRef}
          onClick={e => e.stopPropagation()}
        />
      ),
    },
    {
      title: t('approvals.list.environment'),
      render: request => request.environment,
    },
    ...timeline,
  ];
  return (
    <>
      <ApprovalFilters
        id="lockstep-my-requests"
        value={mine}
        onChange={setFilters}
      />
      <Paper>
        <ApprovalTable
          query={{ requester: 'me', ...filterQuery(mine) }}
          refresh={props.refresh}
          ariaLabel={t('approvals.inbox.mineAriaLabel')}
          columns={columns}
          loadFailed={t('approvals.inbox.mineLoadFailed')}
          empty={
            hasFilters(mine)
              ? t('approvals.list.noMatch')
              : t('approvals.inbox.mineEmpty')
          }
          testId={request => `my-request-row-${request.id}`}
          onOpen={request => onOpen(request.id)}
          rowOpens
          age={request => relativeTime(request.createdAt)}
          bare
        />
      </Paper>
    </>
  );
}
