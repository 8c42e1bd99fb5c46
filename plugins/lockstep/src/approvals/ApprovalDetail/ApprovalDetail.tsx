import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import Alert from '@material-ui/lab/Alert';
import { lockstepApiRef } from '../../api';
import { Contained } from '../../components/Contained';
import { describeError } from '../../lib/errors';
import { AuditTimeline, AuditVerification } from '../AuditTimeline';
import { useReadinessNow } from '../DecisionForm';
import { useApprovalChanges } from '../useApprovalChanges';
import { ActionsPanel } from './ActionsPanel';
import { CancelDialog } from './CancelDialog';
import { Decisions } from './Decisions';
import { ReadinessComparison } from './ReadinessComparison';
import { Section } from './Section';
import { StageBox } from './StageBox';
import { Summary } from './Summary';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

const useStyles = makeStyles(
  theme => ({
    // Long words (a version, a group ref) break where they must; never a letter per line.
    root: { overflowWrap: 'break-word', minWidth: 0 },
    header: {
      display: 'flex',
      alignItems: 'flex-start',
      gap: theme.spacing(1),
      padding: theme.spacing(2, 2, 1, 3),
      [theme.breakpoints.down('xs')]: { padding: theme.spacing(1.5, 1, 1, 2) },
    },
    heading: { flex: 1, minWidth: 0 },
    title: {
      wordBreak: 'normal',
      hyphens: 'auto',
      [theme.breakpoints.down('xs')]: { fontSize: '1.25rem' },
    },
    body: {
      padding: theme.spacing(0, 3, 3, 3),
      [theme.breakpoints.down('xs')]: { padding: theme.spacing(0, 2, 2, 2) },
    },
  }),
  { name: 'LockstepApprovalDetail' },
);

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
  const { t } = useTranslationRef(lockstepTranslationRef);
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
    <Box
      role="region"
      aria-label={t('approvals.detail.region')}
      className={classes.root}
    >
      <Box className={classes.header}>
        <Box className={classes.heading}>
          <Typography variant="h5" component="h2" className={classes.title}>
            {request?.title ?? t('approvals.detail.fallbackTitle')}
          </Typography>
          {request && (
            <Contained
              what={t('approvals.detail.theEntity')}
              resetKey={request}
            >
              <Typography variant="body2" color="textSecondary">
                <strong>{request.version}</strong> → {request.environment} ·{' '}
                <EntityRefLink entityRef={request.entityRef} />
              </Typography>
            </Contained>
          )}
        </Box>
        <IconButton
          aria-label={t('approvals.detail.close')}
          onClick={props.onClose}
          size="small"
        >
          <CloseIcon />
        </IconButton>
      </Box>
      <Box className={classes.body}>
        {loaded.loading && !request && <Progress />}
        {loaded.error && !request && (
          <ResponseErrorPanel
            error={loaded.error}
            title={t('approvals.detail.loadFailed', { id })}
          />
        )}
        {request && (
          <>
            <Contained
              what={t('approvals.detail.theSummary')}
              resetKey={request}
            >
              <Summary request={request} />
            </Contained>
            {notice && (
              <Alert severity="warning" role="alert" style={{ marginTop: 16 }}>
                {notice}
              </Alert>
            )}
            <Contained
              what={t('approvals.detail.theDecision')}
              resetKey={request}
            >
              <ActionsPanel
                request={request}
                readiness={readinessNow}
                onDecided={(next, decision) =>
                  changed(
                    t(
                      decision === 'reject'
                        ? 'approvals.rejected'
                        : 'approvals.approved',
                      { title: next.title },
                    ),
                  )
                }
                onConflict={conflicted}
                onCancel={() => setCancelling(true)}
              />
            </Contained>
            <Section
              title={t('approvals.detail.stages')}
              what={t('approvals.detail.theStages')}
              resetKey={request}
            >
              {request.progress.stages.map((stage, index) => (
                <StageBox
                  key={index}
                  request={request}
                  stage={stage}
                  index={index}
                />
              ))}
            </Section>
            <Section
              title={t('approvals.detail.decisions')}
              what={t('approvals.detail.theDecisions')}
              resetKey={request}
            >
              <Decisions request={request} />
            </Section>
            <Section
              title={t('approvals.detail.readiness')}
              what={t('approvals.detail.theReadiness')}
              resetKey={readinessNow.value}
            >
              <ReadinessComparison
                request={request}
                readinessNow={readinessNow}
              />
            </Section>
            <Section
              title={t('approvals.detail.auditTrail')}
              what={t('approvals.detail.theAuditTrail')}
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
                  {t('approvals.detail.auditFailed', {
                    message: describeError(audit.error).message,
                  })}
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
            changed(t('approvals.cancelled', { title: request.title }));
          }}
        />
      )}
    </Box>
  );
}
