import { useState } from 'react';
import {
  EntityReadiness,
  ReadinessGate,
  SIGN_OFF_ACTIONS,
  signOffCommentProblem,
  SignOffAction,
} from '@lockstep/backstage-plugin-lockstep-common';
import { useApi } from '@backstage/core-plugin-api';
import TextField from '@material-ui/core/TextField';
import { lockstepApiRef } from '../api';
import { ActionDialog } from '../components/ActionDialog';
import { describeActionError } from '../lib/errors';

export type GateAction = SignOffAction;

/**
 * Sign off a gate (an optional version, and a comment) or revoke its sign-off; what the comment must
 * say is the action's rule in `SIGN_OFF_ACTIONS`. On success it hands back the entity's new readiness; a refusal (403 for someone outside
 * the team) stays in the dialog as an error.
 */
export function GateActionDialog(props: {
  entityRef: string;
  gate: ReadinessGate;
  action: GateAction;
  teamLabel: string;
  onClose(): void;
  onDone(readiness: EntityReadiness): void;
}) {
  const { entityRef, gate, action, teamLabel } = props;
  const api = useApi(lockstepApiRef);
  const [version, setVersion] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [touched, setTouched] = useState(false);
  const isRevoke = action === 'revoke';
  const rule = SIGN_OFF_ACTIONS[action];
  const commentMissing = signOffCommentProblem(action, comment) !== undefined;

  const submit = async () => {
    if (commentMissing) return;
    setBusy(true);
    setError(undefined);
    try {
      const readiness = isRevoke
        ? await api.revokeSignOff(entityRef, gate.id, comment.trim())
        : await api.signOff(entityRef, {
            gateId: gate.id,
            ...(version.trim() && { version: version.trim() }),
            ...(comment.trim() && { comment: comment.trim() }),
          });
      props.onDone(readiness);
    } catch (e) {
      setError(
        describeActionError(
          e,
          isRevoke ? 'revoke the sign-off of' : 'sign off',
          teamLabel,
        ),
      );
      setBusy(false);
    }
  };

  const title = isRevoke
    ? `Revoke sign-off: ${gate.title}`
    : `Sign off: ${gate.title}`;
  return (
    <ActionDialog
      id="lockstep-gate-action"
      title={title}
      explanation={
        isRevoke
          ? `The gate stops passing until someone from ${teamLabel} signs it off again. Say why, for the history.`
          : `You sign off for ${teamLabel}. The sign-off is recorded with your name and expires after the gate's validity.`
      }
      error={error === undefined ? undefined : { message: error }}
      busy={busy}
      closeLabel="Cancel"
      submitLabel={isRevoke ? 'Revoke' : 'Sign off'}
      submitColor={isRevoke ? 'secondary' : 'primary'}
      submitDisabled={commentMissing}
      onSubmit={submit}
      onClose={props.onClose}
    >
      {!isRevoke && (
        <TextField
          id="lockstep-signoff-version"
          label="Version (optional)"
          helperText="The version you checked, e.g. 2.4.0"
          value={version}
          onChange={e => setVersion(e.target.value)}
          fullWidth
          margin="dense"
          variant="outlined"
          disabled={busy}
        />
      )}
      <TextField
        id="lockstep-gate-action-comment"
        label={`${rule.commentLabel} (${
          rule.commentRequired ? 'required' : 'optional'
        })`}
        value={comment}
        onChange={e => setComment(e.target.value)}
        onBlur={() => setTouched(true)}
        required={rule.commentRequired}
        error={touched && commentMissing}
        helperText={
          rule.commentRequired
            ? `A comment is required: ${rule.commentAsks}`
            : undefined
        }
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
