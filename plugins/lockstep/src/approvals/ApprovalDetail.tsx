import { ReactNode, useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ApprovalDecisionKind,
  ApprovalRequestView,
  ApprovalStageProgress,
  EntityReadiness,
  ReadinessStatus,
  DECISION_OUTCOMES,
  isTerminal,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import CircularProgress from '@material-ui/core/CircularProgress';
import Divider from '@material-ui/core/Divider';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import Alert from '@material-ui/lab/Alert';
import { lockstepApiRef } from '../api';
import { ActionDialog } from '../components/ActionDialog';
import { Contained } from '../components/Contained';
import { PrincipalLink, PrincipalName } from '../components/Principal';
import { LiveAsyncState } from '../hooks/useLiveAsync';
import { describeError } from '../lib/errors';
import {
  durationSince,
  formatDuration,
  formatTimestamp,
  relativeTime,
} from '../lib/format';
import { ReadinessStatusChip } from '../components/StatusChip';
import { ApprovalStateChip } from './ApprovalStateChip';
import { AuditTimeline, AuditVerification } from './AuditTimeline';
import { DecisionForm, useReadinessNow } from './DecisionForm';
import { useApprovalChanges } from './useApprovalChanges';

const useStyles = makeStyles(theme => ({
  paper: { width: 'min(720px, 100vw)' },
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    padding: theme.spacing(2, 2, 1, 3),
  },
  body: { padding: theme.spacing(0, 3, 3, 3) },
  section: { marginTop: theme.spacing(3) },
  sectionTitle: { marginBottom: theme.spacing(1) },
  box: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1.5, 2),
  },
  stage: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    '& + &': { marginTop: theme.spacing(1) },
  },
  stageHeader: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    padding: theme.spacing(0.75, 1.5),
    backgroundColor: theme.palette.background.default,
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  rule: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(1.5),
    padding: theme.spacing(0.75, 1.5),
    '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
  },
  ruleGroup: { flex: '0 0 38%', fontWeight: 500 },
  missing: { color: theme.palette.warning.dark, fontWeight: 500 },
  met: { color: theme.palette.success.dark },
  readinessRow: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    '& + &': { marginTop: theme.spacing(1) },
  },
  readinessLabel: { flex: '0 0 110px' },
  decision: {
    padding: theme.spacing(1, 0),
    '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
  },
}));

/** The `?request=<id>` query parameter: which request the drawer shows, and how to open or close it. */
export function useRequestParam() {
  const [searchParams, setSearchParams] = useSearchParams();
  const id = searchParams.get('request') ?? undefined;
  const open = useCallback(
    (next: string | undefined) =>
      setSearchParams(current => {
        const params = new URLSearchParams(current);
        if (next) params.set('request', next);
        else params.delete('request');
        return params;
      }),
    [setSearchParams],
  );
  return [id, open] as const;
}

/**
 * The request named by `?request=<id>` in a side drawer, so that a link (a notification, a chat
 * message) opens it directly and the browser's back button closes it.
 */
export function ApprovalDrawer(props: { onChanged?(): void }) {
  const classes = useStyles();
  const [id, open] = useRequestParam();
  const close = () => open(undefined);
  return (
    <Drawer
      anchor="right"
      open={!!id}
      onClose={close}
      classes={{ paper: classes.paper }}
    >
      {id && (
        <ApprovalDetail id={id} onClose={close} onChanged={props.onChanged} />
      )}
    </Drawer>
  );
}

/**
 * One request in full: who asked for what, the stages with who approved for which group and what is
 * still needed, the decisions and their comments, readiness when requested and now, the actions the
 * viewer may take, and the verified audit trail. It reloads when the backend signals a change.
 */
export function ApprovalDetail(props: {
  id: string;
  onClose(): void;
  onChanged?(): void;
}) {
  const { id } = props;
  const classes = useStyles();
  const api = useApi(lockstepApiRef);
  const alertApi = useApi(alertApiRef);
  const changes = useApprovalChanges();
  const [reloads, setReloads] = useState(0);
  const loaded = useAsync(
    () => api.getApprovalRequest(id),
    [api, id, changes, reloads],
  );
  const audit = useAsync(
    () => api.getApprovalAudit(id),
    [api, id, changes, reloads],
  );
  const request = loaded.value?.id === id ? loaded.value : undefined;
  const readinessNow = useReadinessNow(request?.entityRef, changes + reloads);
  const [cancelling, setCancelling] = useState(false);
  // A decision refused because the request moved on: shown above the request as it is now.
  const [notice, setNotice] = useState<string>();
  useEffect(() => setNotice(undefined), [id]);

  const changed = (message: string) => {
    setNotice(undefined);
    setReloads(n => n + 1);
    props.onChanged?.();
    alertApi.post({ message, severity: 'success', display: 'transient' });
  };
  const conflicted = (message: string) => {
    setNotice(message);
    setReloads(n => n + 1);
    props.onChanged?.();
  };

  return (
    <Box role="region" aria-label="Approval request">
      <Box className={classes.header}>
        <Box flex={1} minWidth={0}>
          <Typography variant="h5" component="h2">
            {request?.title ?? 'Approval request'}
          </Typography>
          {request && (
            <Contained what="the entity" resetKey={request}>
              <Typography variant="body2" color="textSecondary">
                <strong>{request.version}</strong> → {request.environment} ·{' '}
                <EntityRefLink entityRef={request.entityRef} />
              </Typography>
            </Contained>
          )}
        </Box>
        <IconButton aria-label="Close" onClick={props.onClose} size="small">
          <CloseIcon />
        </IconButton>
      </Box>
      <Box className={classes.body}>
        {loaded.loading && !request && <Progress />}
        {loaded.error && !request && (
          <ResponseErrorPanel
            error={loaded.error}
            title={`Could not load approval request ${id}`}
          />
        )}
        {request && (
          <>
            <Contained what="the summary" resetKey={request}>
              <Summary request={request} />
            </Contained>
            {notice && (
              <Alert severity="warning" role="alert" style={{ marginTop: 16 }}>
                {notice}
              </Alert>
            )}
            <Contained what="the decision" resetKey={request}>
              <Actions
                request={request}
                readiness={readinessNow}
                onDecided={(next, decision) =>
                  changed(
                    `${decision === 'reject' ? 'Rejected' : 'Approved'}: ${
                      next.title
                    }`,
                  )
                }
                onConflict={conflicted}
                onCancel={() => setCancelling(true)}
              />
            </Contained>
            <Section title="Stages" resetKey={request}>
              {request.progress.stages.map((stage, index) => (
                <StageBox
                  key={index}
                  request={request}
                  stage={stage}
                  index={index}
                />
              ))}
            </Section>
            <Section title="Decisions" resetKey={request}>
              <Decisions request={request} />
            </Section>
            <Section title="Readiness" resetKey={readinessNow.value}>
              <Box className={classes.box}>
                <ReadinessRow
                  label="When requested"
                  status={request.readinessAtCreation?.status}
                  reason={
                    request.readinessAtCreation?.reason ??
                    'Not recorded: readiness was unavailable when the request was created'
                  }
                />
                <ReadinessRow
                  label="Now"
                  status={readinessNow.value?.status}
                  reason={
                    readinessNow.error
                      ? `Could not load the readiness now: ${
                          describeError(readinessNow.error).message
                        }`
                      : readinessNow.value?.reason ?? ''
                  }
                  loading={readinessNow.loading && !readinessNow.value}
                />
              </Box>
            </Section>
            <Section
              title="Audit trail"
              resetKey={audit.value}
              action={
                audit.value && (
                  <AuditVerification verification={audit.value.verification} />
                )
              }
            >
              {audit.loading && !audit.value && <Progress />}
              {audit.error && (
                <Alert severity="error">
                  Could not load the audit trail:{' '}
                  {describeError(audit.error).message}
                </Alert>
              )}
              {audit.value && (
                <AuditTimeline
                  audit={audit.value}
                  requestLink={other => `?request=${encodeURIComponent(other)}`}
                />
              )}
            </Section>
          </>
        )}
      </Box>
      {cancelling && request && (
        <CancelDialog
          request={request}
          onClose={() => setCancelling(false)}
          onCancelled={() => {
            setCancelling(false);
            changed(`Cancelled: ${request.title}`);
          }}
        />
      )}
    </Box>
  );
}

/** A titled part of the request; one that fails to render says so and leaves the others. */
function Section(props: {
  title: string;
  action?: ReactNode;
  children: ReactNode;
  resetKey?: unknown;
}) {
  const classes = useStyles();
  return (
    <Box
      className={classes.section}
      component="section"
      aria-label={props.title}
    >
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        className={classes.sectionTitle}
      >
        <Typography variant="h6" component="h3">
          {props.title}
        </Typography>
        {props.action}
      </Box>
      <Contained
        what={`the ${props.title.toLocaleLowerCase('en-US')}`}
        resetKey={props.resetKey}
      >
        {props.children}
      </Contained>
    </Box>
  );
}

/** State, requester, when, expiry, policy and description. */
function Summary({ request }: { request: ApprovalRequestView }) {
  const { policy } = request;
  const expires = request.expiresAt && Date.parse(request.expiresAt);
  const terms = [
    policy.requesterCannotApprove && 'the requester cannot approve',
    policy.rejectReasonRequired && 'a rejection needs a reason',
    policy.expiresAfterMs &&
      `open requests expire after ${formatDuration(policy.expiresAfterMs)}`,
    policy.requireReadiness && 'only a ready entity can be approved',
  ].filter(Boolean);
  return (
    <Box>
      <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
        <ApprovalStateChip state={request.state} size="medium" />
        <Typography variant="body2">
          Requested by{' '}
          <PrincipalLink principal={request.requester} defaultKind="service" />{' '}
          <Tooltip title={formatTimestamp(request.createdAt)}>
            <span>{relativeTime(request.createdAt)}</span>
          </Tooltip>
          {request.decidedAt && isTerminal(request.state) && (
            <>
              {' · closed '}
              <Tooltip title={formatTimestamp(request.decidedAt)}>
                <span>{relativeTime(request.decidedAt)}</span>
              </Tooltip>
            </>
          )}
          {!isTerminal(request.state) && expires && (
            <>
              {' · '}
              <Tooltip title={formatTimestamp(request.expiresAt!)}>
                <span>expires {relativeTime(request.expiresAt!)}</span>
              </Tooltip>
            </>
          )}
        </Typography>
      </Box>
      {request.description && (
        <Typography
          variant="body1"
          style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}
        >
          {request.description}
        </Typography>
      )}
      <Typography
        variant="body2"
        color="textSecondary"
        style={{ marginTop: 8 }}
      >
        Policy <strong>{policy.policyTitle}</strong>
        {terms.length > 0 && `: ${terms.join(', ')}`}.
      </Typography>
      {policy.additions.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          The entity's approvers annotation added: {policy.additions.join('; ')}
          .
        </Typography>
      )}
      {policy.ignored.length > 0 && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          Ignored from the entity's approvers annotation (it may only add
          approvers): {policy.ignored.join('; ')}.
        </Alert>
      )}
    </Box>
  );
}

/** Approve or reject for those who may, otherwise why not; cancel for the requester. */
function Actions(props: {
  request: ApprovalRequestView;
  readiness: LiveAsyncState<EntityReadiness | undefined>;
  onDecided(next: ApprovalRequestView, decision: ApprovalDecisionKind): void;
  onConflict(message: string): void;
  onCancel(): void;
}) {
  const { request } = props;
  const classes = useStyles();
  const { viewer } = request;
  if (isTerminal(request.state)) {
    return null;
  }
  return (
    <Box className={`${classes.section} ${classes.box}`}>
      {viewer.canDecide ? (
        <>
          <Typography variant="subtitle1" component="h3">
            Your decision
          </Typography>
          <DecisionForm
            request={request}
            readiness={props.readiness}
            onDecided={props.onDecided}
            onConflict={props.onConflict}
          />
        </>
      ) : (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="decision-hint"
        >
          {viewer.reason ?? 'You cannot decide on this request.'}
        </Typography>
      )}
      {viewer.canCancel && (
        <>
          <Divider style={{ margin: '12px 0' }} />
          <Box display="flex" alignItems="center" gridGap={12}>
            <Typography
              variant="body2"
              color="textSecondary"
              style={{ flex: 1 }}
            >
              You asked for this release. Cancel it if it is no longer needed.
            </Typography>
            <Button variant="outlined" onClick={props.onCancel}>
              Cancel request
            </Button>
          </Box>
        </>
      )}
    </Box>
  );
}

function stageState(
  request: ApprovalRequestView,
  stage: ApprovalStageProgress,
  index: number,
): { label: string; color: string; contrastText: string } {
  const current = request.progress.currentStage;
  if (stage.passed)
    return { label: 'Passed', color: '#2e7d32', contrastText: '#fff' };
  if (request.progress.state === DECISION_OUTCOMES.reject && index === current)
    return { label: 'Rejected', color: '#d32f2f', contrastText: '#fff' };
  if (!isTerminal(request.state) && index === current)
    return { label: 'Waiting', color: '#1565c0', contrastText: '#fff' };
  if (!isTerminal(request.state))
    return {
      label: 'After the stage before',
      color: '#e0e0e0',
      contrastText: '#212121',
    };
  return { label: 'Not reached', color: '#e0e0e0', contrastText: '#212121' };
}

/** A stage: each rule with who was counted for it and how many more it needs. */
function StageBox(props: {
  request: ApprovalRequestView;
  stage: ApprovalStageProgress;
  index: number;
}) {
  const { request, stage, index } = props;
  const classes = useStyles();
  const look = stageState(request, stage, index);
  const open = !isTerminal(request.state);
  return (
    <Box
      className={classes.stage}
      component="section"
      aria-label={`Stage ${index + 1}: ${stage.name}`}
    >
      <Box className={classes.stageHeader}>
        <Typography variant="subtitle2" component="h4">
          Stage {index + 1} of {request.progress.stages.length} · {stage.name}
        </Typography>
        <Chip
          size="small"
          label={look.label}
          style={{ backgroundColor: look.color, color: look.contrastText }}
        />
      </Box>
      {stage.rules.map(rule => (
        <Box key={rule.group} className={classes.rule}>
          <Typography variant="body2" className={classes.ruleGroup}>
            <PrincipalName principal={rule.group} />
          </Typography>
          <Box flex={1}>
            <Typography variant="body2">
              {rule.approvedBy.length} of {rule.minApprovals}{' '}
              {rule.minApprovals === 1 ? 'approval' : 'approvals'}
              {rule.approvedBy.length > 0 && ': '}
              {rule.approvedBy.map((user, i) => (
                <span key={user}>
                  {i > 0 && ', '}
                  <PrincipalLink principal={user} defaultKind="service" />
                </span>
              ))}
            </Typography>
            {rule.missing > 0 && open && (
              <Typography variant="body2" className={classes.missing}>
                needs {rule.missing} more from a member of{' '}
                <PrincipalName principal={rule.group} />
              </Typography>
            )}
            {rule.missing === 0 && (
              <Typography variant="caption" className={classes.met}>
                met
              </Typography>
            )}
          </Box>
        </Box>
      ))}
    </Box>
  );
}

function Decisions({ request }: { request: ApprovalRequestView }) {
  const classes = useStyles();
  if (request.decisions.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No decisions yet
        {!isTerminal(request.state)
          ? ` (waiting ${durationSince(request.createdAt)})`
          : ''}
        .
      </Typography>
    );
  }
  return (
    <Box>
      {request.decisions.map((decision, i) => (
        <Box key={decision.id ?? i} className={classes.decision}>
          <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
            <ApprovalStateChip state={DECISION_OUTCOMES[decision.decision]} />
            <PrincipalLink principal={decision.actor} defaultKind="service" />
            <Typography variant="caption" color="textSecondary">
              in stage {decision.stage + 1} ·{' '}
              <Tooltip title={formatTimestamp(decision.at)}>
                <span>{relativeTime(decision.at)}</span>
              </Tooltip>
            </Typography>
          </Box>
          {decision.comment && (
            <Typography variant="body2" style={{ marginTop: 4 }}>
              “{decision.comment}”
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
}

function ReadinessRow(props: {
  label: string;
  status?: ReadinessStatus;
  reason: string;
  loading?: boolean;
}) {
  const classes = useStyles();
  return (
    <Box className={classes.readinessRow}>
      <Typography variant="body2" className={classes.readinessLabel}>
        {props.label}
      </Typography>
      {props.loading && <CircularProgress size={16} />}
      {props.status && <ReadinessStatusChip status={props.status} />}
      <Typography variant="body2" color="textSecondary" style={{ flex: 1 }}>
        {props.reason}
      </Typography>
    </Box>
  );
}

function CancelDialog(props: {
  request: ApprovalRequestView;
  onClose(): void;
  onCancelled(): void;
}) {
  const api = useApi(lockstepApiRef);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.cancelApprovalRequest(
        props.request.id,
        comment.trim() || undefined,
      );
      props.onCancelled();
    } catch (e) {
      setError(`Could not cancel: ${describeError(e).message}`);
      setBusy(false);
    }
  };
  return (
    <ActionDialog
      id="lockstep-cancel-request"
      title={`Cancel “${props.request.title}”?`}
      explanation="Approvers stop seeing it and the approvals given so far lapse. This cannot be undone; ask again with a new request."
      error={error === undefined ? undefined : { message: error }}
      busy={busy}
      closeLabel="Keep it"
      submitLabel="Cancel request"
      submitColor="secondary"
      onSubmit={submit}
      onClose={props.onClose}
    >
      <TextField
        id="lockstep-cancel-comment"
        label="Why (optional)"
        value={comment}
        onChange={e => setComment(e.target.value)}
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        variant="outlined"
        disabled={busy}
      />
    </ActionDialog>
  );
}
