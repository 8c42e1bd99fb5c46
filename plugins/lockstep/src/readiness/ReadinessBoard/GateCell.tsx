import { ReadinessBoardEntry } from '@lockstep/backstage-plugin-lockstep-common';
import { useState } from 'react';
import ButtonBase from '@material-ui/core/ButtonBase';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { GATE_ICONS } from '../../components/StatusChip';
import { durationSince } from '../../lib/format';
import { GATE_STATUS_LOOK, worstGateStatus } from '../../lib/statusColors';
import { useStatusLabels } from '../../components/statusLabels';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

/** A gate as the board lists it. */
export type BoardGate = ReadinessBoardEntry['gates'][number];

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
    wrap: { display: 'inline-flex' },
    button: {
      borderRadius: 4,
      '&:focus-visible': {
        outline: '2px solid currentColor',
        outlineOffset: 2,
      },
    },
  },
  { name: 'LockstepGateCell' },
);

/** The worst status of a team's gates on one entity, with each gate in the tooltip. */
export function GateCell(props: {
  gates: ReadinessBoardEntry['gates'];
  teamTitle: string;
  now: number;
  /** Given when the signed-in user may sign off this team's gates: called with the gate chosen. */
  onSignOff?(gate: BoardGate): void;
}) {
  const { gates, teamTitle, now, onSignOff } = props;
  const [menu, setMenu] = useState<HTMLElement>();
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
  const label = `${teamTitle}: ${lines.join('; ')}`;
  const signable = onSignOff
    ? gates.filter(gate => gate.type === 'signoff' && gate.status !== 'passed')
    : [];
  const square = (
    <span
      className={classes.cell}
      style={{ background: look.color, opacity: worst.optionalOnly ? 0.45 : 1 }}
    >
      <Icon style={{ fontSize: 16, color: look.contrastText }} />
    </span>
  );
  const tooltip = (
    <>
      <strong>{teamTitle}</strong>
      {lines.map(line => (
        <div key={line}>{line}</div>
      ))}
    </>
  );
  if (signable.length === 0) {
    return (
      <Tooltip title={tooltip}>
        <span role="img" aria-label={label} className={classes.wrap}>
          {square}
        </span>
      </Tooltip>
    );
  }
  return (
    <>
      <Tooltip title={tooltip}>
        <ButtonBase
          className={classes.button}
          aria-label={t('readiness.board.signOffFromCell', {
            cell: label,
            team: teamTitle,
          })}
          aria-haspopup={signable.length > 1 ? 'menu' : 'dialog'}
          onClick={e =>
            signable.length > 1
              ? setMenu(e.currentTarget)
              : onSignOff!(signable[0])
          }
        >
          {square}
        </ButtonBase>
      </Tooltip>
      <Menu open={!!menu} anchorEl={menu} onClose={() => setMenu(undefined)}>
        {signable.map(gate => (
          <MenuItem
            key={gate.id}
            onClick={() => {
              setMenu(undefined);
              onSignOff!(gate);
            }}
          >
            {t('readiness.board.signOffGate', { gate: gate.title })}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
