import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
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
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Contained, ContainedError } from '../components/Contained';
import { LoadMore } from '../components/LoadMore';
import { PrincipalLink } from '../components/Principal';
import { durationSince, formatTimestamp, relativeTime } from '../lib/format';
import { ApprovalDrawer, useRequestParam } from './ApprovalDetail';
import { DecisionDialog } from './DecisionForm';
import { oldestFirst } from './progress';
import { ProgressText } from './ProgressText';
import { useApprovalChanges } from './useApprovalChanges';
import { useApprovalList } from './useApprovalList';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

const useStyles = makeStyles(theme => ({
  waited: { whiteSpace: 'nowrap', fontWeight: 500 },
  title: { fontWeight: 500, textAlign: 'left' },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    justifyContent: 'flex-end',
    '& button': { whiteSpace: 'nowrap' },
  },
  nowrap: { whiteSpace: 'nowrap' },
  head: { '& th': { whiteSpace: 'nowrap' } },
  list: { outline: 'none' },
}));

const COLUMNS = 7;

/**
 * Everything waiting for the signed-in user's decision, the longest wait first, with Approve and
 * Reject on each row and the full request in a drawer. It reloads when the backend signals a change.
 */
export function MyApprovals() {
  const classes = useStyles();
  const alertApi = useApi(alertApiRef);
  const { t } = useTranslationRef(lockstepTranslationRef);
  const changes = useApprovalChanges();
  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads(n => n + 1);
  const inbox = useApprovalList({ pendingFor: 'me' }, changes + reloads);
  const items = useMemo(
    () => inbox.list && oldestFirst(inbox.list.items),
    [inbox.list],
  );
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
      <Typography variant="body1" color="textSecondary" paragraph>
        {t('approvals.inbox.intro')}
      </Typography>
      {inbox.loading && !inbox.list && <Progress />}
      {inbox.error && (
        <ResponseErrorPanel
          error={inbox.error}
          title={t('approvals.inbox.loadFailed')}
        />
      )}
      <div
        ref={listRef}
        tabIndex={-1}
        className={classes.list}
        role="region"
        aria-label={t('approvals.inbox.region')}
      >
        {items && items.length === 0 && (
          <Paper>
            <Box p={3}>
              <Typography variant="h6" component="p">
                {t('approvals.inbox.empty')}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {t('approvals.inbox.emptyHint')}
              </Typography>
            </Box>
          </Paper>
        )}
        {items && items.length > 0 && (
          <TableContainer component={Paper}>
            <Table aria-label={t('approvals.inbox.ariaLabel')}>
              <TableHead className={classes.head}>
                <TableRow>
                  <TableCell>{t('approvals.inbox.waiting')}</TableCell>
                  <TableCell>{t('approvals.inbox.entity')}</TableCell>
                  <TableCell>{t('approvals.inbox.request')}</TableCell>
                  <TableCell>{t('approvals.inbox.requester')}</TableCell>
                  <TableCell>{t('approvals.inbox.progress')}</TableCell>
                  <TableCell>{t('approvals.inbox.expires')}</TableCell>
                  <TableCell align="right">
                    {t('approvals.inbox.decide')}
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map(request => (
                  <Contained
                    key={request.id}
                    resetKey={request}
                    fallback={error => (
                      <TableRow data-testid="inbox-row">
                        <TableCell colSpan={COLUMNS}>
                          <ContainedError
                            what={t('approvals.requestWhat', {
                              id: request.id,
                            })}
                            error={error}
                          />
                        </TableCell>
                      </TableRow>
                    )}
                  >
                    <InboxRow
                      request={request}
                      onOpen={() => openRequest(request.id)}
                      onDecide={decide}
                    />
                  </Contained>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </div>
      {inbox.list?.nextCursor && (
        <LoadMore
          summary={
            inbox.list.total !== undefined
              ? t('approvals.inbox.showing', {
                  shown: String(inbox.list.items.length),
                  count: inbox.list.total,
                })
              : t('approvals.inbox.showingFirst', {
                  count: inbox.list.items.length,
                })
          }
          loading={inbox.loadingMore}
          error={inbox.loadMoreError}
          onLoadMore={inbox.loadMore}
        />
      )}
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

function InboxRow(props: {
  request: ApprovalRequestView;
  onOpen(): void;
  onDecide(
    request: ApprovalRequestView,
    decision: ApprovalDecisionKind,
    from: HTMLElement,
  ): void;
}) {
  const { request } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <TableRow data-testid="inbox-row">
      <TableCell className={classes.waited}>
        <Tooltip
          title={t('approvals.inbox.requestedAt', {
            time: formatTimestamp(request.createdAt),
          })}
        >
          <span>{durationSince(request.createdAt)}</span>
        </Tooltip>
      </TableCell>
      <TableCell>
        <EntityRefLink entityRef={request.entityRef} />
      </TableCell>
      <TableCell>
        <Link
          component="button"
          variant="body2"
          className={classes.title}
          onClick={props.onOpen}
        >
          {request.title}
        </Link>
        <Typography variant="body2" color="textSecondary">
          {request.version} → {request.environment}
        </Typography>
      </TableCell>
      <TableCell className={classes.nowrap}>
        <PrincipalLink principal={request.requester} defaultKind="service" />
      </TableCell>
      <TableCell>
        <ProgressText request={request} />
      </TableCell>
      <TableCell className={classes.nowrap}>
        {request.expiresAt ? (
          <Tooltip title={formatTimestamp(request.expiresAt)}>
            <span>{relativeTime(request.expiresAt)}</span>
          </Tooltip>
        ) : (
          t('common.never')
        )}
      </TableCell>
      <TableCell>
        <Box className={classes.actions}>
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
      </TableCell>
    </TableRow>
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
