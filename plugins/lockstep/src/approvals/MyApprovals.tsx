import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Content, Header, Page } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ApprovalDecisionKind,
  ApprovalRequestView,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { lockstepApiRef } from '../api';
import { PrincipalLink } from '../components/Principal';
import { useLiveAsync } from '../hooks/useLiveAsync';
import { durationSince, formatTimestamp, relativeTime } from '../lib/format';
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
import { DecisionDialog } from './DecisionForm';
import { ExpiryText } from './EntityApprovalsContent';
import { oldestFirst } from './progress';
import { ProgressText } from './ProgressText';
import { useApprovalChanges } from './useApprovalChanges';
import { ApprovalPage } from './useApprovalList';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

const useStyles = makeStyles(
  theme => ({
    waited: { fontWeight: 500 },
    title: { fontWeight: 500, textAlign: 'left' },
    actions: {
      display: 'flex',
      gap: theme.spacing(1),
      justifyContent: 'flex-end',
      '& button': { whiteSpace: 'nowrap' },
    },
    // under a card on a phone: two buttons sharing the card's width
    blockActions: { width: '100%', '& button': { flex: 1 } },
    tabs: { marginBottom: theme.spacing(2) },
    list: { outline: 'none' },
  }),
  { name: 'LockstepMyApprovals' },
);

type MyApprovalsTab = 'waiting' | 'mine';

/** Which tab shows, in the URL (`?tab=mine`), so that a link opens it. */
function useTabParam() {
  const [searchParams, setSearchParams] = useSearchParams();
  const tab: MyApprovalsTab =
    searchParams.get('tab') === 'mine' ? 'mine' : 'waiting';
  const setTab = (next: MyApprovalsTab) =>
    setSearchParams(current => {
      const params = new URLSearchParams(current);
      if (next === 'mine') params.set('tab', 'mine');
      else params.delete('tab');
      return params;
    });
  return [tab, setTab] as const;
}

/**
 * My approvals in two tabs: what waits for the signed-in user's decision ("Waiting for me", the
 * longest wait first, with Approve and Reject on each row and how many wait in the tab), and the
 * requests they asked for ("My requests", every state, with filters). The full request opens in a
 * drawer. Both reload the page shown when the backend signals a change.
 */
export function MyApprovals() {
  const classes = useStyles();
  const api = useApi(lockstepApiRef);
  const alertApi = useApi(alertApiRef);
  const { t } = useTranslationRef(lockstepTranslationRef);
  const [tab, setTab] = useTabParam();
  const changes = useApprovalChanges();
  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads(n => n + 1);
  const [inbox, setInbox] = useState<ApprovalPage>();
  // The inbox's count while another tab shows (the inbox's own answers count it otherwise).
  const waitingElsewhere = useLiveAsync(
    async () =>
      tab === 'waiting'
        ? undefined
        : (await api.listApprovalRequests({ pendingFor: 'me', limit: 1 }))
            .total,
    [api, tab],
    changes + reloads,
  );
  const waiting =
    tab === 'waiting' ? inbox?.total : waitingElsewhere.value ?? inbox?.total;
  const items = useMemo(() => inbox && oldestFirst(inbox.items), [inbox]);
  const [, openRequest] = useRequestParam();
  const [deciding, setDeciding] = useState<{
    request: ApprovalRequestView;
    decision: ApprovalDecisionKind;
  }>();

  // The dialog gives focus back to the button that opened it; when deciding took that row out of
  // the list (and focus with it), focus goes to the list rather than to the top of the page.
  const opener = useRef<HTMLElement | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const from = opener.current;
    if (!from || deciding || from.isConnected) return;
    opener.current = null;
    if (!document.activeElement || document.activeElement === document.body) {
      listRef.current?.focus();
    }
  }, [items, deciding]);
  const decide = (
    request: ApprovalRequestView,
    decision: ApprovalDecisionKind,
    from: HTMLElement,
  ) => {
    opener.current = from;
    setDeciding({ request, decision });
  };

  return (
    <>
      <Tabs
        value={tab}
        onChange={(_, next: MyApprovalsTab) => setTab(next)}
        aria-label={t('approvals.inbox.tabs')}
        indicatorColor="primary"
        textColor="primary"
        variant="scrollable"
        scrollButtons="off"
        className={classes.tabs}
      >
        <Tab
          value="waiting"
          id="lockstep-my-approvals-tab-waiting"
          aria-controls="lockstep-my-approvals-panel-waiting"
          label={
            waiting === undefined
              ? t('approvals.inbox.waitingTab')
              : t('approvals.inbox.waitingTabCount', {
                  number: String(waiting),
                })
          }
        />
        <Tab
          value="mine"
          id="lockstep-my-approvals-tab-mine"
          aria-controls="lockstep-my-approvals-panel-mine"
          label={t('approvals.inbox.mineTab')}
        />
      </Tabs>
      <div
        role="tabpanel"
        id={`lockstep-my-approvals-panel-${tab}`}
        aria-labelledby={`lockstep-my-approvals-tab-${tab}`}
      >
        {tab === 'waiting' ? (
          <>
            <Typography variant="body1" color="textSecondary" paragraph>
              {t('approvals.inbox.intro')}
            </Typography>
            <div
              ref={listRef}
              tabIndex={-1}
              className={classes.list}
              role="region"
              aria-label={t('approvals.inbox.region')}
            >
              <Inbox
                refresh={changes + reloads}
                onOpen={openRequest}
                onDecide={decide}
                onPage={setInbox}
              />
            </div>
          </>
        ) : (
          <MyRequests refresh={changes + reloads} onOpen={openRequest} />
        )}
      </div>
      {deciding && (
        <DecisionDialog
          request={deciding.request}
          decision={deciding.decision}
          onClose={() => setDeciding(undefined)}
          onChanged={reload}
          onDecided={(next, decision) => {
            setDeciding(undefined);
            reload();
            alertApi.post({
              message: t(
                decision === 'reject'
                  ? 'approvals.rejected'
                  : 'approvals.approved',
                { title: next.title },
              ),
              severity: 'success',
              display: 'transient',
            });
          }}
        />
      )}
      <ApprovalDrawer onChanged={reload} />
    </>
  );
}

type Decide = (
  request: ApprovalRequestView,
  decision: ApprovalDecisionKind,
  from: HTMLElement,
) => void;

/** Reject and Approve for one request, each opening the decision dialog. */
function DecideButtons(props: {
  request: ApprovalRequestView;
  onDecide: Decide;
  /** Full width, as under a card. */
  block?: boolean;
}) {
  const { request } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <Box
      className={`${classes.actions} ${
        props.block ? classes.blockActions : ''
      }`}
    >
      <Button
        size="small"
        variant="outlined"
        color="secondary"
        aria-label={t('approvals.rejectRequest', { title: request.title })}
        onClick={e => props.onDecide(request, 'reject', e.currentTarget)}
      >
        {t('approvals.reject')}
      </Button>
      <Button
        size="small"
        variant="contained"
        color="primary"
        aria-label={t('approvals.approveRequest', { title: request.title })}
        onClick={e => props.onDecide(request, 'approve', e.currentTarget)}
      >
        {t('approvals.approve')}
      </Button>
    </Box>
  );
}

/** "Waiting for me": the inbox, oldest first, a page at a time. */
function Inbox(props: {
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

/** "My requests": what the signed-in user asked for, in every state, with filters. */
function MyRequests(props: { refresh: number; onOpen(id: string): void }) {
  const { t } = useTranslationRef(lockstepTranslationRef);
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

/** The inbox as a full page for apps on the legacy frontend system (header included). */
export function MyApprovalsPage() {
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <Page themeId="tool">
      <Header
        title={t('approvals.inbox.pageTitle')}
        subtitle={t('approvals.inbox.pageSubtitle')}
      />
      <Content>
        <MyApprovals />
      </Content>
    </Page>
  );
}

/** The inbox inside the new frontend system's page layout, which brings its own header. */
export function MyApprovalsContent() {
  return (
    <Content>
      <MyApprovals />
    </Content>
  );
}
