import { useEffect, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  EntityReadiness,
  ReadinessGate,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import HistoryIcon from '@material-ui/icons/History';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import { lockstepApiRef } from '../../api';
import { useLiveAsync } from '../../hooks/useLiveAsync';
import { useReadinessChanges } from '../../hooks/useReadinessChanges';
import { describeError } from '../../lib/errors';
import { GateAction } from '../GateActionDialog';
import { ReadinessHistoryDialog } from '../ReadinessHistoryDialog';
import { useTeamMembership } from '../useTeamMembership';
import { ReadinessDetails } from './ReadinessDetails';
import { TeamGateActionDialog } from './TeamGateActionDialog';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

/**
 * Overview card: the entity's readiness status and why, its gates by owning team (with sign-off and
 * revocation for members of that team), what blocks it upstream, a refresh and the history. It
 * reloads quietly when the backend signals a readiness change.
 */
export function EntityReadinessCard(props: { title?: string }) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(lockstepApiRef);
  const alertApi = useApi(alertApiRef);
  const { t } = useTranslationRef(lockstepTranslationRef);
  const membership = useTeamMembership();

  const changes = useReadinessChanges();
  const loaded = useLiveAsync(
    () => api.getReadiness(entityRef),
    [api, entityRef],
    changes,
  );
  // A sign-off, revocation or refresh answers with the new readiness; it replaces what was loaded
  // until the next load.
  const [latest, setLatest] = useState<EntityReadiness>();
  useEffect(() => setLatest(undefined), [entityRef, loaded.value]);
  const readiness = latest ?? loaded.value;

  const [refreshing, refresh] = useAsyncFn(async () => {
    const next = await api.refreshReadiness(entityRef);
    setLatest(next);
    return next;
  }, [api, entityRef]);

  const [dialog, setDialog] = useState<
    { gate: ReadinessGate; action: GateAction } | undefined
  >();
  const [showHistory, setShowHistory] = useState(false);

  const actions = readiness && (
    <Box display="flex" alignItems="center">
      <Tooltip title={t('readiness.card.refreshTooltip')}>
        <span>
          <IconButton
            aria-label={t('readiness.card.refresh')}
            onClick={refresh}
            disabled={refreshing.loading}
            size="small"
          >
            <RefreshIcon />
          </IconButton>
        </span>
      </Tooltip>
      <Button
        size="small"
        startIcon={<HistoryIcon />}
        onClick={() => setShowHistory(true)}
      >
        {t('readiness.card.history')}
      </Button>
    </Box>
  );

  return (
    <InfoCard
      title={props.title ?? t('readiness.card.title')}
      titleTypographyProps={{ component: 'h2' }}
      action={actions}
    >
      {loaded.loading && !readiness && <Progress />}
      {loaded.error && !readiness && (
        <ResponseErrorPanel error={loaded.error} />
      )}
      {refreshing.loading && <Progress />}
      {refreshing.error && (
        <Alert severity="error" style={{ marginBottom: 8 }}>
          {t('readiness.card.refreshFailed', {
            message: describeError(refreshing.error).message,
          })}
        </Alert>
      )}
      {readiness && (
        <ReadinessDetails
          readiness={readiness}
          isMember={membership.loading ? () => false : membership.isMember}
          onAction={(gate, action) => setDialog({ gate, action })}
        />
      )}
      {dialog && readiness && (
        <TeamGateActionDialog
          entityRef={entityRef}
          gate={dialog.gate}
          action={dialog.action}
          onClose={() => setDialog(undefined)}
          onDone={next => {
            setLatest(next);
            setDialog(undefined);
            alertApi.post({
              message:
                dialog.action === 'revoke'
                  ? t('readiness.card.revoked', { gate: dialog.gate.title })
                  : t('readiness.card.signedOff', { gate: dialog.gate.title }),
              severity: 'success',
              display: 'transient',
            });
          }}
        />
      )}
      {showHistory && readiness && (
        <ReadinessHistoryDialog
          entityRef={entityRef}
          gates={readiness.gates}
          onClose={() => setShowHistory(false)}
        />
      )}
    </InfoCard>
  );
}
