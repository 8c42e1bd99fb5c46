import useAsync from 'react-use/esm/useAsync';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ReadinessEvent,
  ReadinessGate,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { lockstepApiRef } from '../api';
import { PrincipalLink } from '../components/Principal';
import { formatDuration, formatTimestamp, relativeTime } from '../lib/format';
import { GateStatusChip } from '../components/StatusChip';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { LockstepMessageKey, lockstepTranslationRef } from '../translation';

const EVENT_KEYS = {
  evaluated: 'readiness.history.evaluated',
  'signed-off': 'readiness.history.signedOff',
  revoked: 'readiness.history.revoked',
  expired: 'readiness.history.expired',
} as const satisfies Record<ReadinessEvent['kind'], LockstepMessageKey>;

/** Every sign-off, revocation, expiry and check change of an entity (newest first), and its waits. */
export function ReadinessHistoryDialog(props: {
  entityRef: string;
  gates: ReadinessGate[];
  onClose(): void;
}) {
  const api = useApi(lockstepApiRef);
  const { t } = useTranslationRef(lockstepTranslationRef);
  const history = useAsync(
    () => api.getReadinessHistory(props.entityRef),
    [api, props.entityRef],
  );
  const titleOf = (gateId: string) =>
    props.gates.find(gate => gate.id === gateId)?.title ?? gateId;
  const events = [...(history.value?.events ?? [])].sort((a, b) =>
    b.at.localeCompare(a.at),
  );
  const waits = history.value?.waits ?? [];
  const eventLabel = (kind: ReadinessEvent['kind']) =>
    kind in EVENT_KEYS ? t(EVENT_KEYS[kind]) : kind;

  return (
    <Dialog
      open
      onClose={props.onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="lockstep-history-title"
    >
      <DialogTitle id="lockstep-history-title">
        {t('readiness.history.title')}
      </DialogTitle>
      <DialogContent dividers>
        {history.loading && <Progress />}
        {history.error && <ResponseErrorPanel error={history.error} />}
        {history.value && (
          <>
            <Typography variant="h6" gutterBottom>
              {t('readiness.history.waits')}
            </Typography>
            {waits.length === 0 ? (
              <Typography variant="body2" color="textSecondary" paragraph>
                {t('readiness.history.noWaits')}
              </Typography>
            ) : (
              <Table size="small" aria-label={t('readiness.history.waits')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('readiness.history.gate')}</TableCell>
                    <TableCell>{t('readiness.history.from')}</TableCell>
                    <TableCell>{t('readiness.history.until')}</TableCell>
                    <TableCell>{t('readiness.history.waited')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {waits.map(wait => (
                    <TableRow key={`${wait.gateId}-${wait.from}`}>
                      <TableCell>{titleOf(wait.gateId)}</TableCell>
                      <TableCell>{formatTimestamp(wait.from)}</TableCell>
                      <TableCell>
                        {wait.until ? (
                          formatTimestamp(wait.until)
                        ) : (
                          <strong>{t('readiness.history.stillWaiting')}</strong>
                        )}
                      </TableCell>
                      <TableCell>{formatDuration(wait.durationMs)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            <Box mt={3}>
              <Typography variant="h6" gutterBottom>
                {t('readiness.history.eventsHeading')}
              </Typography>
            </Box>
            {events.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                {t('readiness.history.noEvents')}
              </Typography>
            ) : (
              <Table size="small" aria-label={t('readiness.history.events')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('readiness.history.when')}</TableCell>
                    <TableCell>{t('readiness.history.gate')}</TableCell>
                    <TableCell>{t('readiness.history.what')}</TableCell>
                    <TableCell>{t('readiness.history.stateAfter')}</TableCell>
                    <TableCell>{t('readiness.history.by')}</TableCell>
                    <TableCell>{t('readiness.history.comment')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {events.map(event => (
                    <TableRow key={event.id}>
                      <TableCell style={{ whiteSpace: 'nowrap' }}>
                        <Tooltip title={formatTimestamp(event.at)}>
                          <span>{relativeTime(event.at)}</span>
                        </Tooltip>
                      </TableCell>
                      <TableCell>{titleOf(event.gateId)}</TableCell>
                      <TableCell>
                        {event.version
                          ? t('readiness.history.withVersion', {
                              what: eventLabel(event.kind),
                              version: event.version,
                            })
                          : eventLabel(event.kind)}
                      </TableCell>
                      <TableCell>
                        <GateStatusChip status={event.status} />
                      </TableCell>
                      <TableCell>
                        {event.actor ? (
                          <PrincipalLink
                            principal={event.actor}
                            defaultKind="service"
                          />
                        ) : (
                          '—'
                        )}
                      </TableCell>
                      <TableCell>
                        {event.comment ?? event.detail ?? ''}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
