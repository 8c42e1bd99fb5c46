import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  ApprovalRequestView,
  EntityPolicies,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { lockstepApiRef } from '../api';
import { ActionDialog } from '../components/ActionDialog';
import { describeError } from '../lib/errors';
import { DryRunDetails } from '../policies/DryRunDetails';
import {
  dryRunFor,
  EntityPoliciesState,
  useEntityPolicies,
} from '../policies/useEntityPolicies';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/** How long after the environment was last typed the backend is asked about it. */
const DRY_RUN_DELAY_MS = 400;

const useStyles = makeStyles(
  theme => ({
    dryRun: {
      marginTop: theme.spacing(2),
      padding: theme.spacing(1.5),
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
      overflowWrap: 'anywhere',
    },
    option: { display: 'flex', flexDirection: 'column' },
  }),
  { name: 'LockstepRequestApprovalDialog' },
);

/** Before the request is sent: the policy that would decide it and who would approve, in order. */
function DryRunPanel(props: {
  environment: string;
  policies: EntityPoliciesState;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const { run, checking, runError } = props.policies;
  let body;
  if (!props.environment.trim()) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {t('policies.dryRun.chooseEnvironment')}
      </Typography>
    );
  } else if (run) {
    body = <DryRunDetails run={run} refusalAlert />;
  } else if (checking) {
    body = (
      <Box display="flex" alignItems="center" gridGap={8} role="status">
        <CircularProgress size={16} />
        <Typography variant="body2" color="textSecondary">
          {t('policies.dryRun.checking')}
        </Typography>
      </Box>
    );
  } else if (runError) {
    body = (
      <Typography variant="body2" color="textSecondary" role="status">
        {t('policies.dryRun.failed', {
          message: describeError(runError).message,
        })}
      </Typography>
    );
  } else {
    return null;
  }
  return (
    <Box
      className={classes.dryRun}
      aria-live="polite"
      data-testid="request-dry-run"
    >
      {body}
    </Box>
  );
}

/**
 * Asks for approval to release the entity to an environment. Before it is sent, a dry run shows the
 * policy that would decide it and who would have to approve in which order (asked as the
 * environment is typed); where the viewer could not ask, its refusal shows and the request cannot
 * be sent. The backend decides in the end: when it refuses, its 400 message stays here.
 */
export function RequestApprovalDialog(props: {
  entityRef: string;
  entityName: string;
  /** The entity's open requests: a new one for the same environment supersedes the open one. */
  open: ApprovalRequestView[];
  /** The entity's policies as the caller already has them, so that opening does not ask again. */
  policies?: EntityPolicies;
  onClose(): void;
  onCreated(request: ApprovalRequestView): void;
}) {
  const api = useApi(lockstepApiRef);
  const classes = useStyles();
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
  const policies = useEntityPolicies(
    props.entityRef,
    environment,
    DRY_RUN_DELAY_MS,
    props.policies,
  );
  const refused = policies.run?.requestable === false;
  const environments =
    policies.value?.environments.map(run => run.environment) ?? [];
  const replaces = props.open.find(
    request =>
      request.environment.toLocaleLowerCase('en-US') ===
      environment.trim().toLocaleLowerCase('en-US'),
  );

  const submit = async () => {
    setTouched(true);
    if (incomplete || refused) return;
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
      submitDisabled={(touched && incomplete) || refused}
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
        options={environments}
        renderOption={option => {
          const run = dryRunFor(policies.value, option);
          return (
            <span className={classes.option}>
              <span>{option}</span>
              <Typography variant="caption" color="textSecondary">
                {run?.policy
                  ? t('policies.dryRun.optionPolicy', {
                      policy: run.policy.title,
                    })
                  : t('policies.dryRun.optionNoPolicy')}
                {run && !run.requestable && (
                  <> · {t('policies.dryRun.notRequestable')}</>
                )}
              </Typography>
            </span>
          );
        }}
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
      <DryRunPanel environment={environment} policies={policies} />
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
