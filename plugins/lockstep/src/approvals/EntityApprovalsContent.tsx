import { Fragment, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  useEntity,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import {
  ApprovalRequestView,
  isTerminal,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import { Contained, ContainedError } from '../components/Contained';
import { LoadMore } from '../components/LoadMore';
import { PrincipalLink } from '../components/Principal';
import { formatTimestamp, relativeTime } from '../lib/format';
import { ApprovalDrawer, useRequestParam } from './ApprovalDetail';
import { ApprovalStateChip } from './ApprovalStateChip';
import { ProgressText } from './ProgressText';
import { RequestApprovalDialog } from './RequestApprovalDialog';
import { useApprovalChanges } from './useApprovalChanges';
import { useApprovalList } from './useApprovalList';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

const COLUMNS = 5;

const useStyles = makeStyles(theme => ({
  row: { cursor: 'pointer' },
  groupRow: {
    backgroundColor: theme.palette.background.default,
    '& td': { paddingTop: theme.spacing(1), paddingBottom: theme.spacing(1) },
  },
  title: { fontWeight: 500, textAlign: 'left' },
  nowrap: { whiteSpace: 'nowrap' },
}));

/**
 * The Approvals tab: the entity's release and change requests, open ones first, with how far each
 * is, a button to ask for approval, and a drawer with the details (`?request=<id>` opens it).
 */
export function EntityApprovalsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { primaryTitle } = useEntityPresentation(entity);
  const { t } = useTranslationRef(lockstepTranslationRef);
  const changes = useApprovalChanges();
  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads(n => n + 1);
  const list = useApprovalList({ entityRef }, changes + reloads);
  const [, openRequest] = useRequestParam();
  const [asking, setAsking] = useState(false);
  const requests = list.list?.items ?? [];
  const open = requests.filter(r => !isTerminal(r.state));
  const closed = requests.filter(r => isTerminal(r.state));

  return (
    <>
      <InfoCard
        title={t('approvals.entity.title')}
        subheader={t('approvals.entity.subheader', { entity: primaryTitle })}
        action={
          <Box mt={1} mr={1}>
            <Button
              variant="contained"
              color="primary"
              startIcon={<AddIcon />}
              onClick={() => setAsking(true)}
            >
              {t('approvals.entity.requestApproval')}
            </Button>
          </Box>
        }
      >
        {list.loading && !list.list && <Progress />}
        {list.error && (
          <ResponseErrorPanel
            error={list.error}
            title={t('approvals.entity.loadFailed')}
          />
        )}
        {list.list && requests.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            {t('approvals.entity.empty', {
              action: <strong>{t('approvals.entity.requestApproval')}</strong>,
              entity: primaryTitle,
            })}
          </Typography>
        )}
        {requests.length > 0 && (
          <RequestTable
            groups={[
              {
                label: t('approvals.entity.open', {
                  total: String(open.length),
                }),
                requests: open,
              },
              {
                label: t('approvals.entity.closed', {
                  total: String(closed.length),
                }),
                requests: closed,
              },
            ]}
            onOpen={openRequest}
          />
        )}
        {list.list?.nextCursor && (
          <LoadMore
            summary={t('approvals.entity.showing', { count: requests.length })}
            loading={list.loadingMore}
            error={list.loadMoreError}
            onLoadMore={list.loadMore}
          />
        )}
      </InfoCard>
      {asking && (
        <RequestApprovalDialog
          entityRef={entityRef}
          entityName={primaryTitle}
          open={open}
          onClose={() => setAsking(false)}
          onCreated={created => {
            setAsking(false);
            reload();
            openRequest(created.id);
          }}
        />
      )}
      <ApprovalDrawer onChanged={reload} />
    </>
  );
}

function RequestTable(props: {
  groups: Array<{ label: string; requests: ApprovalRequestView[] }>;
  onOpen(id: string): void;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <Table size="small" aria-label={t('approvals.entity.ariaLabel')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('approvals.entity.request')}</TableCell>
          <TableCell>{t('approvals.entity.state')}</TableCell>
          <TableCell>{t('approvals.entity.progress')}</TableCell>
          <TableCell>{t('approvals.entity.requested')}</TableCell>
          <TableCell>{t('approvals.entity.expiry')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.groups
          .filter(group => group.requests.length > 0)
          .map(group => (
            <Fragment key={group.label}>
              <TableRow className={classes.groupRow}>
                <TableCell colSpan={COLUMNS}>
                  <Typography variant="subtitle2" component="span">
                    {group.label}
                  </Typography>
                </TableCell>
              </TableRow>
              {group.requests.map(request => (
                <Contained
                  key={request.id}
                  resetKey={request}
                  fallback={error => (
                    <TableRow data-testid={`approval-row-${request.id}`}>
                      <TableCell colSpan={COLUMNS}>
                        <ContainedError
                          what={t('approvals.requestWhat', { id: request.id })}
                          error={error}
                        />
                      </TableCell>
                    </TableRow>
                  )}
                >
                  <RequestRow
                    request={request}
                    onOpen={() => props.onOpen(request.id)}
                  />
                </Contained>
              ))}
            </Fragment>
          ))}
      </TableBody>
    </Table>
  );
}

function RequestRow(props: { request: ApprovalRequestView; onOpen(): void }) {
  const { request } = props;
  const classes = useStyles();
  return (
    <TableRow
      hover
      className={classes.row}
      onClick={props.onOpen}
      data-testid={`approval-row-${request.id}`}
    >
      <TableCell>
        <Link
          component="button"
          variant="body2"
          className={classes.title}
          onClick={e => {
            e.stopPropagation();
            props.onOpen();
          }}
        >
          {request.title}
        </Link>
        <Typography variant="body2" color="textSecondary">
          {request.version} → {request.environment}
        </Typography>
      </TableCell>
      <TableCell className={classes.nowrap}>
        <ApprovalStateChip state={request.state} />
      </TableCell>
      <TableCell>
        <ProgressText request={request} />
      </TableCell>
      <TableCell className={classes.nowrap}>
        <Typography variant="body2">
          <PrincipalLink
            principal={request.requester}
            defaultKind="service"
            onClick={e => e.stopPropagation()}
          />
        </Typography>
        <Tooltip title={formatTimestamp(request.createdAt)}>
          <Typography variant="caption" color="textSecondary">
            {relativeTime(request.createdAt)}
          </Typography>
        </Tooltip>
      </TableCell>
      <TableCell className={classes.nowrap}>
        <ExpiryText request={request} />
      </TableCell>
    </TableRow>
  );
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
