import {
  gatePasses,
  ReadinessGate,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PrincipalLink } from '../../components/Principal';
import { GateStatusChip } from '../../components/StatusChip';
import {
  durationSince,
  formatDate,
  formatTimestamp,
  relativeTime,
} from '../../lib/format';
import { surfacesOf } from '../../lib/palette';
import { GateAction } from '../GateActionDialog';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

const useStyles = makeStyles(
  theme => ({
    gate: {
      display: 'flex',
      alignItems: 'flex-start',
      gap: theme.spacing(1.5),
      padding: theme.spacing(1, 1.5),
      '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
    },
    gateState: { flex: '0 0 150px', paddingTop: 2 },
    gateBody: { flex: 1, minWidth: 0 },
    gateActions: { display: 'flex', gap: theme.spacing(1), flexShrink: 0 },
    wait: { color: surfacesOf(theme).waiting, fontWeight: 500 },
  }),
  { name: 'LockstepGateRow' },
);

/**
 * One gate: its status, kind, detail, who signed it and until when, how long it waits, and sign-off
 * or revocation for members of the owning team.
 */
export function GateRow(props: {
  gate: ReadinessGate;
  isMember: boolean;
  teamLabel: string;
  onAction(gate: ReadinessGate, action: GateAction): void;
}) {
  const { gate, isMember, teamLabel } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const passes = gatePasses(gate.status);
  const isSignoff = gate.type === 'signoff';
  const signed = isSignoff && !!gate.signedBy && passes;
  return (
    <Box className={classes.gate} data-testid={`gate-${gate.id}`}>
      <Box className={classes.gateState}>
        <GateStatusChip status={gate.status} />
      </Box>
      <Box className={classes.gateBody}>
        <Box display="flex" alignItems="center" gridGap={6} flexWrap="wrap">
          <Typography variant="body2" style={{ fontWeight: 500 }}>
            {gate.title}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {isSignoff
              ? t('readiness.gate.signoff')
              : t('readiness.gate.automatic')}
          </Typography>
          {!gate.required && (
            <Chip
              size="small"
              variant="outlined"
              label={t('readiness.gate.optional')}
            />
          )}
        </Box>
        {gate.detail && (
          <Typography variant="body2" color="textSecondary">
            {gate.detail}
          </Typography>
        )}
        {isSignoff && gate.signedBy && (
          <Typography variant="body2" color="textSecondary">
            {t('readiness.gate.signedBy')}{' '}
            <PrincipalLink principal={gate.signedBy} defaultKind="service" />
            {gate.signedAt && (
              <Tooltip title={formatTimestamp(gate.signedAt)}>
                <span> {relativeTime(gate.signedAt)}</span>
              </Tooltip>
            )}
            {gate.version &&
              ` · ${t('readiness.gate.version', { version: gate.version })}`}
            {gate.expiresAt &&
              ` · ${t(
                Date.parse(gate.expiresAt) > Date.now()
                  ? 'readiness.gate.expires'
                  : 'readiness.gate.expired',
                {
                  when: relativeTime(gate.expiresAt),
                  date: formatDate(gate.expiresAt),
                },
              )}`}
          </Typography>
        )}
        {isSignoff && gate.comment && (
          <Typography variant="body2" color="textSecondary">
            “{gate.comment}”
          </Typography>
        )}
        {!passes && gate.since && (
          <Typography variant="body2" className={classes.wait}>
            <Tooltip
              title={t('readiness.gate.since', {
                time: formatTimestamp(gate.since),
              })}
            >
              <span>
                {t('readiness.gate.waiting', {
                  duration: durationSince(gate.since),
                })}
              </span>
            </Tooltip>
          </Typography>
        )}
        {isSignoff && !passes && !isMember && (
          <Typography variant="caption" color="textSecondary">
            {t('readiness.gate.needsSignoff', { team: teamLabel })}
          </Typography>
        )}
      </Box>
      {isSignoff && isMember && (
        <Box className={classes.gateActions}>
          {gate.status !== 'passed' && (
            <Button
              size="small"
              variant="outlined"
              color="primary"
              onClick={() => props.onAction(gate, 'signoff')}
              aria-label={t('readiness.gate.signOffGate', { gate: gate.title })}
            >
              {t('readiness.gate.signOff')}
            </Button>
          )}
          {signed && (
            <Button
              size="small"
              onClick={() => props.onAction(gate, 'revoke')}
              aria-label={t('readiness.gate.revokeGate', { gate: gate.title })}
            >
              {t('readiness.gate.revoke')}
            </Button>
          )}
        </Box>
      )}
    </Box>
  );
}
