import { useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  ApprovalDecisionKind,
  ApprovalRequestView,
  EntityReadiness,
  isDecidable,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import CheckIcon from '@material-ui/icons/Check';
import CloseIcon from '@material-ui/icons/Close';
import Alert from '@material-ui/lab/Alert';
import { lockstepApiRef } from '../api';
import { LiveAsyncState, useLiveAsync } from '../hooks/useLiveAsync';
import { useReadinessChanges } from '../hooks/useReadinessChanges';
import { describeError } from '../lib/errors';
import { DecisionSubject } from './DecisionSubject';
import { CommentField } from '../components/CommentField';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/** The entity's readiness now, reloaded quietly when the backend signals a readiness change. */
export function useReadinessNow(
  entityRef: string | undefined,
  refresh = 0,
): LiveAsyncState<EntityReadiness | undefined> {
  const api = useApi(lockstepApiRef);
  const changes = useReadinessChanges();
  return useLiveAsync(
    async () => (entityRef ? api.getReadiness(entityRef) : undefined),
    [api, entityRef],
    changes + refresh,
  );
}

/**
 * Approve or reject with a comment, below what the decision is about (see `DecisionSubject`). The
 * decision names the stage shown; a policy that requires a reason to reject gets one before the
 * request is sent; what the backend refuses (already decided, not an approver, not ready) is shown
 * with its own words. A 409 means the request moved on meanwhile: `onConflict` gets the message and
 * reloads the request, so that the decider sees where it stands now.
 */
export function DecisionForm(props: {
  request: ApprovalRequestView;
  readiness: LiveAsyncState<EntityReadiness | undefined>;
  /** Only this decision (the inbox asks for one); both when absent. */
  only?: ApprovalDecisionKind;
  /** Focus the comment field on mount (in a dialog, so that typing goes there). */
  focusComment?: boolean;
  onDecided(request: ApprovalRequestView, decision: ApprovalDecisionKind): void;
  onConflict(message: string): void;
  onCancel?(): void;
}) {
  const { request, only } = props;
  const api = useApi(lockstepApiRef);
  const { t } = useTranslationRef(lockstepTranslationRef);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<ApprovalDecisionKind>();
  const [error, setError] = useState<string>();
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonRequired = request.policy.rejectReasonRequired;
  // Before the dialog's focus trap runs (a parent's effect), which then leaves focus where it is.
  const commentRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (props.focusComment) commentRef.current?.focus();
  }, [props.focusComment]);

  const decide = async (decision: ApprovalDecisionKind) => {
    const text = comment.trim();
    if (decision === 'reject' && reasonRequired && !text) {
      setReasonMissing(true);
      return;
    }
    setBusy(decision);
    setError(undefined);
    try {
      const next = await api.decideApprovalRequest(request.id, {
        decision,
        ...(text && { comment: text }),
        stage: request.currentStage,
      });
      setBusy(undefined);
      props.onDecided(next, decision);
    } catch (e) {
      const { statusCode, message } = describeError(e);
      const refusal = t(
        decision === 'reject'
          ? 'approvals.decision.rejectFailed'
          : 'approvals.decision.approveFailed',
        { message },
      );
      setBusy(undefined);
      if (statusCode === 409) props.onConflict(refusal);
      else setError(refusal);
    }
  };

  const shows = (decision: ApprovalDecisionKind) => !only || only === decision;
  let helperText: string | undefined;
  if (reasonMissing) {
    helperText = t('approvals.decision.reasonMissing');
  } else if (reasonRequired && shows('reject')) {
    helperText = t('approvals.decision.reasonRequired');
  }

  return (
    <Box component="form" onSubmit={e => e.preventDefault()}>
      <DecisionSubject request={request} readiness={props.readiness} />
      <CommentField
        id={`lockstep-decision-comment-${request.id}`}
        label={
          only === 'reject' && reasonRequired
            ? t('approvals.decision.reasonLabel')
            : t('approvals.decision.commentLabel')
        }
        value={comment}
        onChange={value => {
          setComment(value);
          if (value.trim()) setReasonMissing(false);
        }}
        error={reasonMissing}
        helperText={helperText}
        disabled={!!busy}
        inputRef={commentRef}
      />
      {error && (
        <Alert severity="error" style={{ marginTop: 8 }}>
          {error}
        </Alert>
      )}
      <Box display="flex" gridGap={8} mt={1} justifyContent="flex-end">
        {props.onCancel && (
          <Button onClick={props.onCancel} disabled={!!busy}>
            {t('common.cancel')}
          </Button>
        )}
        {shows('reject') && (
          <Button
            variant={only ? 'contained' : 'outlined'}
            color="secondary"
            onClick={() => decide('reject')}
            disabled={!!busy}
            startIcon={
              busy === 'reject' ? <CircularProgress size={16} /> : <CloseIcon />
            }
          >
            {t('approvals.reject')}
          </Button>
        )}
        {shows('approve') && (
          <Button
            variant="contained"
            color="primary"
            onClick={() => decide('approve')}
            disabled={!!busy}
            startIcon={
              busy === 'approve' ? (
                <CircularProgress size={16} />
              ) : (
                <CheckIcon />
              )
            }
          >
            {t('approvals.approve')}
          </Button>
        )}
      </Box>
    </Box>
  );
}

/**
 * Approve or reject one request from a list, in a dialog: typing goes to the comment at once, and
 * the dialog gives focus back to what opened it when it closes. When the request moved on before
 * the decision arrived (409), it says so and shows the request as it is now.
 */
export function DecisionDialog(props: {
  request: ApprovalRequestView;
  decision: ApprovalDecisionKind;
  onClose(): void;
  onDecided(request: ApprovalRequestView, decision: ApprovalDecisionKind): void;
  /** The request changed without this dialog's decision (a refused decision); reload the list. */
  onChanged?(): void;
}) {
  const { decision } = props;
  const api = useApi(lockstepApiRef);
  const { t } = useTranslationRef(lockstepTranslationRef);
  const [request, setRequest] = useState(props.request);
  const [notice, setNotice] = useState<string>();
  const readiness = useReadinessNow(request.entityRef);
  const titleId = `lockstep-decision-title-${request.id}`;
  const canDecide = isDecidable(request.state) && request.viewer.canDecide;

  const onConflict = async (message: string) => {
    setNotice(message);
    props.onChanged?.();
    try {
      setRequest(await api.getApprovalRequest(request.id));
    } catch {
      // the notice already says the decision was not recorded; the list reloads anyway
    }
  };

  return (
    <Dialog
      open
      onClose={props.onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>
        {t(
          decision === 'approve'
            ? 'approvals.decision.approveTitle'
            : 'approvals.decision.rejectTitle',
          { title: request.title },
        )}
      </DialogTitle>
      <DialogContent>
        {notice && (
          <Alert severity="warning" role="alert" style={{ marginBottom: 12 }}>
            {notice}
          </Alert>
        )}
        {canDecide ? (
          <DecisionForm
            request={request}
            readiness={readiness}
            only={decision}
            focusComment
            onDecided={props.onDecided}
            onConflict={onConflict}
            onCancel={props.onClose}
          />
        ) : (
          <>
            <Typography variant="body2" color="textSecondary" paragraph>
              {request.viewer.reason ??
                t('approvals.decision.noLongerDecidable')}
            </Typography>
            <Box display="flex" justifyContent="flex-end" mb={1}>
              <Button onClick={props.onClose}>{t('common.close')}</Button>
            </Box>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
