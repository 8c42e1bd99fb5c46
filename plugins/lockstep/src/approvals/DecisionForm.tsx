import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import {
  ApprovalDecisionKind,
  ApprovalRequestView,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import CheckIcon from '@material-ui/icons/Check';
import CloseIcon from '@material-ui/icons/Close';
import Alert from '@material-ui/lab/Alert';
import { lockstepApiRef } from '../api';
import { describeError } from '../readiness/errors';

/**
 * Approve or reject with a comment. A policy that requires a reason to reject gets one before the
 * request is sent; what the backend refuses (already decided, not an approver, not ready) is shown
 * with its own words.
 */
export function DecisionForm(props: {
  request: ApprovalRequestView;
  /** Only this decision (the inbox asks for one); both when absent. */
  only?: ApprovalDecisionKind;
  onDecided(request: ApprovalRequestView, decision: ApprovalDecisionKind): void;
  onCancel?(): void;
}) {
  const { request, only } = props;
  const api = useApi(lockstepApiRef);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<ApprovalDecisionKind>();
  const [error, setError] = useState<string>();
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonRequired = request.policy.rejectReasonRequired;

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
      });
      setBusy(undefined);
      props.onDecided(next, decision);
    } catch (e) {
      setError(
        `Could not ${decision} this request: ${describeError(e).message}`,
      );
      setBusy(undefined);
    }
  };

  const shows = (decision: ApprovalDecisionKind) => !only || only === decision;
  let helperText: string | undefined;
  if (reasonMissing) {
    helperText = 'Say why you reject: this policy requires a reason';
  } else if (reasonRequired && shows('reject')) {
    helperText = 'Required to reject; optional to approve';
  }

  return (
    <Box component="form" onSubmit={e => e.preventDefault()}>
      <TextField
        id={`lockstep-decision-comment-${request.id}`}
        label={
          only === 'reject' && reasonRequired ? 'Reason (required)' : 'Comment'
        }
        value={comment}
        onChange={e => {
          setComment(e.target.value);
          if (e.target.value.trim()) setReasonMissing(false);
        }}
        error={reasonMissing}
        helperText={helperText}
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        variant="outlined"
        disabled={!!busy}
      />
      {error && (
        <Alert severity="error" style={{ marginTop: 8 }}>
          {error}
        </Alert>
      )}
      <Box display="flex" gridGap={8} mt={1} justifyContent="flex-end">
        {props.onCancel && (
          <Button onClick={props.onCancel} disabled={!!busy}>
            Cancel
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
            Reject
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
            Approve
          </Button>
        )}
      </Box>
    </Box>
  );
}

/** Approve or reject one request from a list, in a dialog. */
export function DecisionDialog(props: {
  request: ApprovalRequestView;
  decision: ApprovalDecisionKind;
  onClose(): void;
  onDecided(request: ApprovalRequestView, decision: ApprovalDecisionKind): void;
}) {
  const { request, decision } = props;
  const titleId = `lockstep-decision-title-${request.id}`;
  return (
    <Dialog
      open
      onClose={props.onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>
        {decision === 'approve' ? 'Approve' : 'Reject'}: {request.title}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {request.version} → {request.environment} ·{' '}
          <EntityDisplayName entityRef={request.entityRef} />
        </Typography>
        <DecisionForm
          request={request}
          only={decision}
          onDecided={props.onDecided}
          onCancel={props.onClose}
        />
      </DialogContent>
    </Dialog>
  );
}
