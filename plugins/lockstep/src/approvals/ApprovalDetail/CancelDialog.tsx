import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { ApprovalRequestView } from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApiRef } from '../../api';
import { ActionDialog } from '../../components/ActionDialog';
import { CommentField } from '../../components/CommentField';
import { describeError } from '../../lib/errors';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

/** The requester withdraws the request, optionally saying why. */
export function CancelDialog(props: {
  request: ApprovalRequestView;
  onClose(): void;
  onCancelled(): void;
}) {
  const { t } = useTranslationRef(lockstepTranslationRef);
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
      setError(
        t('approvals.cancelDialog.failed', {
          message: describeError(e).message,
        }),
      );
      setBusy(false);
    }
  };
  return (
    <ActionDialog
      id="lockstep-cancel-request"
      title={t('approvals.cancelDialog.title', { title: props.request.title })}
      explanation={t('approvals.cancelDialog.explanation')}
      error={error === undefined ? undefined : { message: error }}
      busy={busy}
      closeLabel={t('approvals.cancelDialog.keep')}
      submitLabel={t('approvals.cancelDialog.submit')}
      submitColor="secondary"
      onSubmit={submit}
      onClose={props.onClose}
    >
      <CommentField
        id="lockstep-cancel-comment"
        label={t('approvals.cancelDialog.why')}
        value={comment}
        onChange={setComment}
        disabled={busy}
      />
    </ActionDialog>
  );
}
