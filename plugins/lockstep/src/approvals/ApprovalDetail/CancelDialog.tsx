import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { ApprovalRequestView } from '@lockstep/backstage-plugin-lockstep-common';
import TextField from '@material-ui/core/TextField';
import { lockstepApiRef } from '../../api';
import { ActionDialog } from '../../components/ActionDialog';
import { describeError } from '../../lib/errors';

/** The requester withdraws the request, optionally saying why. */
export function CancelDialog(props: {
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
