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
        Release and change requests waiting for your decision, the longest wait
        first. A request shows up here when a stage you approve for opens.
      </Typography>
      {inbox.loading && !inbox.list && <Progress />}
      {inbox.error && (
        <ResponseErrorPanel
          error={inbox.error}
          title="Could not load the requests waiting for you"
        />
      )}
      <div
        ref={listRef}
        tabIndex={-1}
        className={classes.list}
        role="region"
        aria-label="Requests waiting for you"
      >
        {items && items.length === 0 && (
          <Paper>
            <Box p={3}>
              <Typography variant="h6" component="p">
                Nothing is waiting for your approval.
              </Typography>
              <Typography variant="body2" color="textSecondary">
                You are notified when a request needs you.
              </Typography>
            </Box>
          </Paper>
        )}
        {items && items.length > 0 && (
          <TableContainer component={Paper}>
            <Table aria-label="Waiting for your approval">
              <TableHead className={classes.head}>
                <TableRow>
                  <TableCell>Waiting</TableCell>
                  <TableCell>Entity</TableCell>
                  <TableCell>Request</TableCell>
                  <TableCell>Requester</TableCell>
                  <TableCell>Progress</TableCell>
                  <TableCell>Expires</TableCell>
                  <TableCell align="right">Decide</TableCell>
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
                            what={`request ${request.id}`}
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
              ? `Showing ${inbox.list.items.length} of ${inbox.list.total} requests waiting for you.`
              : `Showing the first ${inbox.list.items.length} requests waiting for you.`
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
              message: `${decision === 'reject' ? 'Rejected' : 'Approved'}: ${
                next.title
              }`,
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
  return (
    <TableRow data-testid="inbox-row">
      <TableCell className={classes.waited}>
        <Tooltip title={`Requested ${formatTimestamp(request.createdAt)}`}>
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
          'never'
        )}
      </TableCell>
      <TableCell>
        <Box className={classes.actions}>
          <Button
            size="small"
            variant="outlined"
            color="secondary"
            aria-label={`Reject ${request.title}`}
            onClick={e => props.onDecide(request, 'reject', e.currentTarget)}
          >
            Reject
          </Button>
          <Button
            size="small"
            variant="contained"
            color="primary"
            aria-label={`Approve ${request.title}`}
            onClick={e => props.onDecide(request, 'approve', e.currentTarget)}
          >
            Approve
          </Button>
        </Box>
      </TableCell>
    </TableRow>
  );
}

/** The inbox as a full page for apps on the legacy frontend system (header included). */
export function MyApprovalsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="My approvals"
        subtitle="Release and change requests waiting for your decision, the longest wait first"
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
