import { ReadinessBoardEntry } from '@lockstep/backstage-plugin-lockstep-common';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { GATE_ICONS } from '../../components/StatusChip';
import { durationSince } from '../../lib/format';
import { GATE_STATUS_LOOK, worstGateStatus } from '../../lib/statusColors';
import { useStatusLabels } from '../../components/statusLabels';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

/** The coloured square of a gate status; the legend draws its swatches with it too. */
export const useGateCellStyles = makeStyles(
  {
    cell: {
      display: 'inline-flex',
      alignItems: 'center',
      justifyContent: 'center',
      width: 30,
      height: 24,
      borderRadius: 4,
    },
  },
  { name: 'LockstepGateCell' },
);

/** The worst status of a team's gates on one entity, with each gate in the tooltip. */
export function GateCell(props: {
  gates: ReadinessBoardEntry['gates'];
  teamTitle: string;
  now: number;
}) {
  const { gates, teamTitle, now } = props;
  const classes = useGateCellStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const labels = useStatusLabels();
  const worst = worstGateStatus(gates);
  if (!worst) return null;
  const look = GATE_STATUS_LOOK[worst.status];
  const Icon = GATE_ICONS[worst.status];
  const lines = gates.map(gate => {
    const line = t(
      gate.required
        ? 'readiness.board.cellGate'
        : 'readiness.board.cellGateOptional',
      { gate: gate.title, status: labels.gate(gate.status) },
    );
    return gate.since && !['passed', 'expiring'].includes(gate.status)
      ? t('readiness.board.cellWaiting', {
          gate: line,
          duration: durationSince(gate.since, now),
        })
      : line;
  });
  return (
    <Tooltip
      title={
        <>
          <strong>{teamTitle}</strong>
          {lines.map(line => (
            <div key={line}>{line}</div>
          ))}
        </>
      }
    >
      <span
        className={classes.cell}
        role="img"
        aria-label={`${teamTitle}: ${lines.join('; ')}`}
        style={{
          background: look.color,
          opacity: worst.optionalOnly ? 0.45 : 1,
        }}
      >
        <Icon style={{ fontSize: 16, color: look.contrastText }} />
      </span>
    </Tooltip>
  );
}
