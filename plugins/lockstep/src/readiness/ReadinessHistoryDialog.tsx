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

const EVENT_LABELS: Record<ReadinessEvent['kind'], string> = {
  evaluated: 'Evaluated',
  'signed-off': 'Signed off',
  revoked: 'Sign-off revoked',
  expired: 'Sign-off expired',
};

/** Every sign-off, revocation, expiry and check change of an entity (newest first), and its waits. */
export function ReadinessHistoryDialog(props: {
  entityRef: string;
  gates: ReadinessGate[];
  onClose(): void;
}) {
  const api = useApi(lockstepApiRef);
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

  return (
    <Dialog
      open
      onClose={props.onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="lockstep-history-title"
    >
      <DialogTitle id="lockstep-history-title">Readiness history</DialogTitle>
      <DialogContent dividers>
        {history.loading && <Progress />}
        {history.error && <ResponseErrorPanel error={history.error} />}
        {history.value && (
          <>
            <Typography variant="h6" gutterBottom>
              Waits
            </Typography>
            {waits.length === 0 ? (
              <Typography variant="body2" color="textSecondary" paragraph>
                No gate has waited yet.
              </Typography>
            ) : (
              <Table size="small" aria-label="Waits">
                <TableHead>
                  <TableRow>
                    <TableCell>Gate</TableCell>
                    <TableCell>From</TableCell>
                    <TableCell>Until</TableCell>
                    <TableCell>Waited</TableCell>
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
                          <strong>still waiting</strong>
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
                Events, newest first
              </Typography>
            </Box>
            {events.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                Nothing has happened yet.
              </Typography>
            ) : (
              <Table size="small" aria-label="Events">
                <TableHead>
                  <TableRow>
                    <TableCell>When</TableCell>
                    <TableCell>Gate</TableCell>
                    <TableCell>What</TableCell>
                    <TableCell>State after</TableCell>
                    <TableCell>By</TableCell>
                    <TableCell>Comment / detail</TableCell>
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
                        {EVENT_LABELS[event.kind] ?? event.kind}
                        {event.version ? ` (version ${event.version})` : ''}
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
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
