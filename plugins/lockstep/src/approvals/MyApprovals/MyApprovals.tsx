import { useEffect, useMemo, useRef, useState } from 'react';
import { Content, Header, Page } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ApprovalDecisionKind,
  ApprovalRequestView,
} from '@lockstep/backstage-plugin-lockstep-common';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { lockstepApiRef } from '../../api';
import { useLiveAsync } from '../../hooks/useLiveAsync';
import { lockstepTranslationRef } from '../../translation';
import { ApprovalDrawer, useRequestParam } from '../ApprovalDetail';
import { DecisionDialog } from '../DecisionForm';
import { oldestFirst } from '../progress';
import { useApprovalChanges } from '../useApprovalChanges';
import { ApprovalPage } from '../useApprovalList';
import { Inbox } from './Inbox';
import { MyRequests } from './MyRequests';
import { useStyles } from './styles';
import { MyApprovalsTab, useTabParam } from './useTabParam';

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
            <Typography variant="body1" paragraph className={classes.intro}>
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
