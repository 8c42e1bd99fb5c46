import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ReadinessBoardEntry } from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReadinessStatusChip } from '../../components/StatusChip';
import { durationSince } from '../../lib/format';
import { BoardGate, GateCell } from './GateCell';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

const useStyles = makeStyles(
  theme => ({
    heading: {
      display: 'flex',
      alignItems: 'flex-start',
      justifyContent: 'space-between',
      gap: theme.spacing(1),
    },
    teams: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(1, 2),
      marginTop: theme.spacing(1),
    },
    team: { display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) },
  }),
  { name: 'LockstepBoardCardRow' },
);

/**
 * One entity of the board on a phone: the row's cells stacked in one, so that nothing needs a
 * sideways scroll (name and status, why, how long, then each team's gates under the team's name).
 */
export function BoardCardRow(props: {
  item: ReadinessBoardEntry;
  teams: string[];
  titles: Map<string, string>;
  now: number;
  onSignOff?(gate: BoardGate, team: string): void;
  canSignOff?(team: string): boolean;
}) {
  const { item, now } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const teams = props.teams.filter(team =>
    item.gates.some(gate => gate.team === team),
  );
  return (
    <TableRow hover>
      <TableCell>
        <div className={classes.heading}>
          <div>
            <EntityRefLink entityRef={item.entityRef}>
              {item.title}
            </EntityRefLink>
            <Typography variant="caption" color="textSecondary" component="div">
              {item.profile}
            </Typography>
          </div>
          <ReadinessStatusChip status={item.status} />
        </div>
        <Box mt={1}>
          <Typography variant="body2">{item.reason}</Typography>
          {item.waitingSince && (
            <Typography variant="caption" color="textSecondary">
              {t('readiness.board.waiting')}:{' '}
              {durationSince(item.waitingSince, now)}
            </Typography>
          )}
        </Box>
        <div className={classes.teams}>
          {teams.map(team => (
            <div key={team} className={classes.team}>
              <Typography variant="caption">
                {props.titles.get(team) ?? team}
              </Typography>
              <GateCell
                gates={item.gates.filter(gate => gate.team === team)}
                teamTitle={props.titles.get(team) ?? team}
                now={now}
                onSignOff={
                  props.onSignOff && props.canSignOff?.(team)
                    ? gate => props.onSignOff!(gate, team)
                    : undefined
                }
              />
            </div>
          ))}
        </div>
      </TableCell>
    </TableRow>
  );
}
