import { Fragment } from 'react';
import {
  EntityDisplayName,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import {
  READINESS_STATUSES,
  ReadinessBoard as Board,
  ReadinessBoardEntry,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { PrincipalLink } from '../../components/Principal';
import { ReadinessStatusChip } from '../../components/StatusChip';
import { durationSince, formatTimestamp } from '../../lib/format';
import { BoardCardRow } from './BoardCardRow';
import { BoardGate, GateCell } from './GateCell';
import { GroupBy } from './types';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { LockstepMessageKey, lockstepTranslationRef } from '../../translation';

const useStyles = makeStyles(
  theme => ({
    groupRow: {
      backgroundColor: theme.palette.background.default,
      '& td': {
        paddingTop: theme.spacing(1.5),
        paddingBottom: theme.spacing(1),
      },
    },
    teamHeader: {
      textAlign: 'center',
      width: 72,
      minWidth: 72,
      padding: theme.spacing(0.5, 0.5),
      wordBreak: 'normal',
      overflowWrap: 'normal',
      lineHeight: 1.2,
      fontSize: 11,
      verticalAlign: 'bottom',
    },
    entity: { minWidth: 160 },
    status: { whiteSpace: 'nowrap' },
    reason: { minWidth: 200 },
  }),
  { name: 'LockstepBoardTable' },
);

const noneKey = '';

/** "2 not ready": a count of rows in a status. */
const STATUS_COUNT_KEYS = {
  'not-ready': 'readiness.board.count.notReady',
  blocked: 'readiness.board.count.blocked',
  'at-risk': 'readiness.board.count.atRisk',
  ready: 'readiness.board.count.ready',
  unknown: 'readiness.board.count.unknown',
} as const satisfies Record<ReadinessStatus, LockstepMessageKey>;

/**
 * The board's rows in groups (by owner or system, in order of their oldest wait), each row with its
 * status, why, how long it waits and a cell per team owning one of its gates.
 */
export function BoardTable(props: {
  board: Board;
  teamTitles: Board['teams'];
  groupBy: GroupBy;
  /** Whether the signed-in user may sign off the gates of `team` from the board. */
  canSignOff?(team: string): boolean;
  onSignOff?(entityRef: string, gate: BoardGate, teamTitle: string): void;
}) {
  const { board, groupBy } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  // on a phone each row is a card of its own, in one column
  const cards = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'));
  // Columns: teams that own a gate of a row shown, in the board's order.
  const shownTeams = new Set(
    board.items.flatMap(item => item.gates.map(gate => gate.team)),
  );
  const titles = new Map(
    [...props.teamTitles, ...board.teams].map(team => [
      team.entityRef,
      team.title,
    ]),
  );
  const teams = [
    ...board.teams.map(team => team.entityRef),
    ...[...shownTeams].filter(
      team => !board.teams.some(b => b.entityRef === team),
    ),
  ].filter(team => shownTeams.has(team));

  // Groups in order of their oldest wait: the board is sorted by wait, so first appearance.
  const groups: Array<{ key: string; items: ReadinessBoardEntry[] }> = [];
  for (const item of board.items) {
    const key = (groupBy === 'owner' ? item.owner : item.system) ?? noneKey;
    const group = groups.find(g => g.key === key);
    if (group) group.items.push(item);
    else groups.push({ key, items: [item] });
  }
  const now = Date.now();
  const columns = cards ? 1 : 4 + teams.length;

  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label={t('readiness.board.ariaLabel')}>
        <TableHead>
          {cards ? (
            <TableRow>
              <TableCell>{t('readiness.board.entity')}</TableCell>
            </TableRow>
          ) : (
            <TableRow>
              <TableCell className={classes.entity}>
                {t('readiness.board.entity')}
              </TableCell>
              <TableCell>{t('readiness.board.status')}</TableCell>
              <TableCell className={classes.reason}>
                {t('readiness.board.why')}
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {t('readiness.board.waiting')}
              </TableCell>
              {teams.map(team => (
                <TableCell key={team} className={classes.teamHeader}>
                  <Tooltip
                    title={t('readiness.board.gatesOwnedBy', {
                      team: titles.get(team) ?? team,
                    })}
                  >
                    <span>
                      {titles.get(team) ?? (
                        <EntityDisplayName
                          entityRef={team}
                          defaultKind="group"
                          hideIcon
                          disableTooltip
                        />
                      )}
                    </span>
                  </Tooltip>
                </TableCell>
              ))}
            </TableRow>
          )}
        </TableHead>
        <TableBody>
          {groups.map(group => (
            <Fragment key={group.key}>
              <TableRow className={classes.groupRow}>
                <TableCell colSpan={columns}>
                  <Typography variant="subtitle2" component="span">
                    {group.key && groupBy === 'owner' && (
                      <PrincipalLink
                        principal={group.key}
                        defaultKind="group"
                        showIcon
                        title={titles.get(group.key)}
                      />
                    )}
                    {group.key && groupBy === 'system' && (
                      <EntityRefLink
                        entityRef={group.key}
                        defaultKind="system"
                      />
                    )}
                    {!group.key &&
                      (groupBy === 'owner'
                        ? t('readiness.board.noOwner')
                        : t('readiness.board.noSystem'))}
                  </Typography>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="span"
                  >
                    {' · '}
                    {summarize(group.items)
                      .map(({ status, count }) =>
                        t(STATUS_COUNT_KEYS[status], { number: String(count) }),
                      )
                      .join(', ')}
                  </Typography>
                </TableCell>
              </TableRow>
              {group.items.map(item =>
                cards ? (
                  <BoardCardRow
                    key={item.entityRef}
                    item={item}
                    teams={teams}
                    titles={titles}
                    now={now}
                    canSignOff={props.canSignOff}
                    onSignOff={
                      props.onSignOff &&
                      ((gate, team) =>
                        props.onSignOff!(
                          item.entityRef,
                          gate,
                          titles.get(team) ?? team,
                        ))
                    }
                  />
                ) : (
                  <TableRow key={item.entityRef} hover>
                    <TableCell className={classes.entity}>
                      <EntityRefLink entityRef={item.entityRef}>
                        {item.title}
                      </EntityRefLink>
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="div"
                      >
                        {item.profile}
                      </Typography>
                    </TableCell>
                    <TableCell className={classes.status}>
                      <ReadinessStatusChip status={item.status} />
                    </TableCell>
                    <TableCell className={classes.reason}>
                      <Typography variant="body2">{item.reason}</Typography>
                    </TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>
                      {item.waitingSince ? (
                        <Tooltip
                          title={t('readiness.board.waitingSince', {
                            time: formatTimestamp(item.waitingSince),
                          })}
                        >
                          <span>{durationSince(item.waitingSince, now)}</span>
                        </Tooltip>
                      ) : (
                        '—'
                      )}
                    </TableCell>
                    {teams.map(team => (
                      <TableCell key={team} align="center">
                        <GateCell
                          gates={item.gates.filter(gate => gate.team === team)}
                          teamTitle={titles.get(team) ?? team}
                          now={now}
                          onSignOff={
                            props.onSignOff && props.canSignOff?.(team)
                              ? gate =>
                                  props.onSignOff!(
                                    item.entityRef,
                                    gate,
                                    titles.get(team) ?? team,
                                  )
                              : undefined
                          }
                        />
                      </TableCell>
                    ))}
                  </TableRow>
                ),
              )}
            </Fragment>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** A group's rows counted by status, worst first, for "2 not ready, 1 ready". */
function summarize(items: ReadinessBoardEntry[]) {
  return READINESS_STATUSES.map(status => ({
    status,
    count: items.filter(item => item.status === status).length,
  })).filter(c => c.count > 0);
}
