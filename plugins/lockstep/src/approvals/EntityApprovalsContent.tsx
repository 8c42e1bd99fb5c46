import { useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  useEntity,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import {
  ApprovalRequestView,
  isTerminal,
  OPEN_APPROVAL_STATES,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { Theme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { lockstepApiRef } from '../api';
import { PrincipalLink } from '../components/Principal';
import { useLiveAsync } from '../hooks/useLiveAsync';
import { formatTimestamp, relativeTime } from '../lib/format';
import { ApprovalDrawer, useRequestParam } from './ApprovalDetail';
import {
  ApprovalFilters,
  filterQuery,
  hasFilters,
  useApprovalFilters,
} from './ApprovalFilters';
import { ApprovalStateChip } from './ApprovalStateChip';
import {
  ApprovalColumn,
  ApprovalTable,
  CreatedText,
  RequestTitle,
} from './ApprovalTable';
import { ProgressText } from './ProgressText';
import { RequestApprovalButton } from './RequestApprovalButton';
import { useApprovalChanges } from './useApprovalChanges';
import { ApprovalPage } from './useApprovalList';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/**
 * The Approvals tab: the entity's release and change requests, open ones first, with how far each
 * is, a button to ask for approval, and a drawer with the details (`?request=<id>` opens it).
 */
export function EntityApprovalsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { primaryTitle } = useEntityPresentation(entity);
  const api = useApi(lockstepApiRef);
  const { t } = useTranslationRef(lockstepTranslationRef);
  const changes = useApprovalChanges();
  const timeline = useTimelineColumns();
  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads(n => n + 1);
  const [filters, setFilters] = useApprovalFilters();
  const [, openRequest] = useRequestParam();
  const [shown, setShown] = useState<ApprovalPage>();
  const [asking, setAsking] = useState(false);
  // on a phone the button goes under the title, which would otherwise wrap a word per line
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'));
  // The dialog warns about the open request it replaces: the entity's open ones, whatever is shown.
  const openLoad = useLiveAsync(
    async () =>
      asking
        ? api.listApprovalRequests({
            entityRef,
            state: [...OPEN_APPROVAL_STATES],
            limit: 100,
          })
        : undefined,
    [api, entityRef, asking],
    changes + reloads,
  );
  const open =
    openLoad.value?.items ??
    (shown?.items ?? []).filter(r => !isTerminal(r.state));

  const columns: ApprovalColumn[] = [
    {
      title: t('approvals.entity.state'),
      nowrap: true,
      render: request => <ApprovalStateChip state={request.state} />,
    },
    {
      title: t('approvals.entity.request'),
      render: request => (
        <RequestTitle
          request={request}
          onOpen={() => openRequest(request.id)}
        />
      ),
    },
    {
      title: t('approvals.list.environment'),
      render: request => request.environment,
    },
    {
      title: t('approvals.list.requester'),
      nowrap: true,
      render: request => (
        <PrincipalLink
          principal={request.requester}
          defaultKind="service"
          onClick={e => e.stopPropagation()}
        />
      ),
    },
    ...timeline,
  ];

  const requestButton = (
    <RequestApprovalButton
      entityRef={entityRef}
      entityName={primaryTitle}
      open={open}
      onAsking={setAsking}
      onCreated={created => {
        reload();
        openRequest(created.id);
      }}
    />
  );

  return (
    <>
      <InfoCard
        title={t('approvals.entity.title')}
        subheader={t('approvals.entity.subheader', { entity: primaryTitle })}
        action={
          narrow ? undefined : (
            <Box mt={1} mr={1}>
              {requestButton}
            </Box>
          )
        }
      >
        {narrow && <Box mb={2}>{requestButton}</Box>}
        <ApprovalFilters
          id="lockstep-entity-approvals"
          value={filters}
          onChange={setFilters}
          requester
        />
        <ApprovalTable
          query={{ entityRef, ...filterQuery(filters) }}
          refresh={changes + reloads}
          ariaLabel={t('approvals.entity.ariaLabel')}
          columns={columns}
          loadFailed={t('approvals.entity.loadFailed')}
          empty={
            hasFilters(filters) ? (
              t('approvals.list.noMatch')
            ) : (
              <Typography variant="body2" color="textSecondary">
                {t('approvals.entity.empty', {
                  action: (
                    <strong>{t('approvals.entity.requestApproval')}</strong>
                  ),
                  entity: primaryTitle,
                })}
              </Typography>
            )
          }
          testId={request => `approval-row-${request.id}`}
          onOpen={request => openRequest(request.id)}
          rowOpens
          age={request => relativeTime(request.createdAt)}
          grouped
          bare
          onPage={setShown}
        />
      </InfoCard>
      <ApprovalDrawer onChanged={reload} />
    </>
  );
}

/** When a request was made, how far it is, and when it expires or closed: the lists' last columns. */
export function useTimelineColumns(): ApprovalColumn[] {
  const { t } = useTranslationRef(lockstepTranslationRef);
  return [
    {
      title: t('approvals.list.created'),
      nowrap: true,
      render: request => <CreatedText request={request} />,
    },
    {
      title: t('approvals.entity.progress'),
      render: request => <ProgressText request={request} />,
    },
    {
      title: t('approvals.entity.expiry'),
      nowrap: true,
      render: request => <ExpiryText request={request} />,
    },
  ];
}

/** "expires in 2 days" for an open request, "closed 3 hours ago" for a finished one. */
export function ExpiryText({ request }: { request: ApprovalRequestView }) {
  const { t } = useTranslationRef(lockstepTranslationRef);
  if (!isTerminal(request.state)) {
    if (!request.expiresAt) {
      return (
        <Typography variant="body2" color="textSecondary">
          {t('approvals.entity.neverExpires')}
        </Typography>
      );
    }
    return (
      <Tooltip title={formatTimestamp(request.expiresAt)}>
        <Typography variant="body2">
          {t('common.expiresIn', { when: relativeTime(request.expiresAt) })}
        </Typography>
      </Tooltip>
    );
  }
  const at = request.decidedAt ?? request.updatedAt;
  return (
    <Tooltip title={formatTimestamp(at)}>
      <Typography variant="body2" color="textSecondary">
        {t('common.closedAt', { when: relativeTime(at) })}
      </Typography>
    </Tooltip>
  );
}
