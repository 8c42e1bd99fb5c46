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
import { CommentField } from '../components/CommentField';
import { describeError } from '../lib/errors';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

export type GateAction = SignOffAction;

/**
 * Sign off a gate (an optional version, and a comment) or revoke its sign-off; what the comment must
 * say is the action's rule in `SIGN_OFF_ACTIONS`. On success it hands back the entity's new readiness; a refusal (403 for someone outside
 * the team) stays in the dialog as an error.
 */
export function GateActionDialog(props: {
  entityRef: string;
  gate: Pick<ReadinessGate, 'id' | 'title'>;
  action: GateAction;
  teamLabel: string;
  onClose(): void;
  onDone(readiness: EntityReadiness): void;
}) {
  const { t } = useTranslationRef(lockstepTranslationRef);
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

  /** The message of a failed sign-off or revocation, naming the team for a 403. */
  const refusal = (e: unknown) => {
    const { statusCode, message } = describeError(e);
    if (statusCode === 403)
      return t(
        isRevoke
          ? 'readiness.gateDialog.revokeForbidden'
          : 'readiness.gateDialog.signOffForbidden',
        { team: teamLabel, message },
      );
    if (statusCode === 404)
      return t('readiness.gateDialog.gateGone', { message });
    if (statusCode === 400)
      return t('readiness.gateDialog.notAccepted', { message });
    return message;
  };

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
      setError(refusal(e));
      setBusy(false);
    }
  };

  const title = isRevoke
    ? t('readiness.gateDialog.revokeTitle', { gate: gate.title })
    : t('readiness.gateDialog.signOffTitle', { gate: gate.title });
  return (
    <ActionDialog
      id="lockstep-gate-action"
      title={title}
      explanation={
        isRevoke
          ? t('readiness.gateDialog.revokeExplanation', { team: teamLabel })
          : t('readiness.gateDialog.signOffExplanation', { team: teamLabel })
      }
      error={error === undefined ? undefined : { message: error }}
      busy={busy}
      closeLabel={t('common.cancel')}
      submitLabel={
        isRevoke
          ? t('readiness.gateDialog.revoke')
          : t('readiness.gateDialog.signOff')
      }
      submitColor={isRevoke ? 'secondary' : 'primary'}
      submitDisabled={commentMissing}
      onSubmit={submit}
      onClose={props.onClose}
    >
      {!isRevoke && (
        <TextField
          id="lockstep-signoff-version"
          label={t('readiness.gateDialog.version')}
          helperText={t('readiness.gateDialog.versionHelp')}
          value={version}
          onChange={e => setVersion(e.target.value)}
          fullWidth
          margin="dense"
          variant="outlined"
          disabled={busy}
        />
      )}
      <CommentField
        id="lockstep-gate-action-comment"
        label={t(
          rule.commentRequired
            ? 'readiness.gateDialog.commentRequired'
            : 'readiness.gateDialog.commentOptional',
          { label: rule.commentLabel },
        )}
        value={comment}
        onChange={setComment}
        onBlur={() => setTouched(true)}
        required={rule.commentRequired}
        error={touched && commentMissing}
        helperText={
          rule.commentRequired
            ? t('readiness.gateDialog.commentHelp', { asks: rule.commentAsks })
            : undefined
        }
        disabled={busy}
      />
    </ActionDialog>
  );
}
