import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { ApprovalRequestView } from '@lockstep/backstage-plugin-lockstep-common';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { lockstepApiRef } from '../api';
import { ActionDialog } from '../components/ActionDialog';
import { describeError } from '../lib/errors';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

const ENVIRONMENTS = ['production', 'staging'];

/**
 * Asks for approval to release the entity to an environment. The backend picks the policy; when
 * none applies or its approvers cannot reach the quorum, its 400 message says so and stays here.
 */
export function RequestApprovalDialog(props: {
  entityRef: string;
  entityName: string;
  /** The entity's open requests: a new one for the same environment supersedes the open one. */
  open: ApprovalRequestView[];
  onClose(): void;
  onCreated(request: ApprovalRequestView): void;
}) {
  const api = useApi(lockstepApiRef);
  const { t } = useTranslationRef(lockstepTranslationRef);
  const [title, setTitle] = useState('');
  const [environment, setEnvironment] = useState('');
  const [version, setVersion] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ status?: number; message: string }>();
  const [touched, setTouched] = useState(false);

  const missing = {
    title: !title.trim(),
    environment: !environment.trim(),
    version: !version.trim(),
  };
  const incomplete = missing.title || missing.environment || missing.version;
  const replaces = props.open.find(
    request =>
      request.environment.toLocaleLowerCase('en-US') ===
      environment.trim().toLocaleLowerCase('en-US'),
  );

  const submit = async () => {
    setTouched(true);
    if (incomplete) return;
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.createApprovalRequest({
        entityRef: props.entityRef,
        title: title.trim(),
        environment: environment.trim(),
        version: version.trim(),
        ...(description.trim() && { description: description.trim() }),
      });
      props.onCreated(created);
    } catch (e) {
      const { statusCode, message } = describeError(e);
      setError({ status: statusCode, message });
      setBusy(false);
    }
  };

  return (
    <ActionDialog
      id="lockstep-request-approval"
      title={t('approvals.requestDialog.title', { entity: props.entityName })}
      explanation={t('approvals.requestDialog.explanation')}
      error={
        error && {
          title:
            error.status === 400
              ? t('approvals.requestDialog.cannotCreate')
              : t('approvals.requestDialog.createFailed'),
          message: error.message,
        }
      }
      busy={busy}
      closeLabel={t('common.cancel')}
      submitLabel={t('approvals.requestDialog.submit')}
      submitDisabled={touched && incomplete}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <TextField
        id="lockstep-request-title"
        label={t('approvals.requestDialog.titleLabel')}
        placeholder={t('approvals.requestDialog.titlePlaceholder', {
          entity: props.entityName,
        })}
        value={title}
        onChange={e => setTitle(e.target.value)}
        required
        error={touched && missing.title}
        fullWidth
        margin="dense"
        variant="outlined"
        disabled={busy}
      />
      <Autocomplete
        freeSolo
        forcePopupIcon
        options={ENVIRONMENTS}
        inputValue={environment}
        onInputChange={(_, value) => setEnvironment(value)}
        disabled={busy}
        renderInput={params => (
          <TextField
            {...params}
            id="lockstep-request-environment"
            label={t('approvals.requestDialog.environment')}
            required
            error={touched && missing.environment}
            helperText={t('approvals.requestDialog.environmentHelp')}
            margin="dense"
            variant="outlined"
          />
        )}
      />
      <TextField
        id="lockstep-request-version"
        label={t('approvals.requestDialog.version')}
        value={version}
        onChange={e => setVersion(e.target.value)}
        required
        error={touched && missing.version}
        helperText={t('approvals.requestDialog.versionHelp')}
        fullWidth
        margin="dense"
        variant="outlined"
        disabled={busy}
      />
      <TextField
        id="lockstep-request-description"
        label={t('approvals.requestDialog.description')}
        value={description}
        onChange={e => setDescription(e.target.value)}
        helperText={t('approvals.requestDialog.descriptionHelp')}
        fullWidth
        multiline
        minRows={3}
        margin="dense"
        variant="outlined"
        disabled={busy}
      />
      {replaces && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          {t('approvals.requestDialog.replaces', {
            title: replaces.title,
            version: replaces.version,
            environment: replaces.environment,
          })}
        </Alert>
      )}
    </ActionDialog>
  );
}
