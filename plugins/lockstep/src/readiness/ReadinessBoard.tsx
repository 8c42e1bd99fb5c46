import { Fragment, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
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
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { lockstepApiRef } from '../api';
import { LoadMore } from '../components/LoadMore';
import { PrincipalLink } from '../components/Principal';
import { useLiveAsync } from '../hooks/useLiveAsync';
import { useReadinessChanges } from '../hooks/useReadinessChanges';
import { durationSince, formatTimestamp } from '../lib/format';
import { GATE_ICONS, ReadinessStatusChip } from '../components/StatusChip';
import {
  GATE_STATUS_LOOK,
  GATE_STATUS_ORDER,
  READINESS_STATUS_LOOK,
  worstGateStatus,
} from '../lib/statusColors';

type GroupBy = 'owner' | 'system';

const useStyles = makeStyles(theme => ({
  groupRow: {
    backgroundColor: theme.palette.background.default,
    '& td': { paddingTop: theme.spacing(1.5), paddingBottom: theme.spacing(1) },
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
  cell: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: 30,
    height: 24,
    borderRadius: 4,
  },
  reason: { minWidth: 200 },
}));

const noneKey = '';

/** The backend's default page of the board, and the most one page may hold (`limit`). */
const BOARD_PAGE = 500;
const BOARD_MAX_LIMIT = 5000;

/**
 * The readiness board: every entity with a readiness profile, grouped by owner or system, oldest
 * wait first, with a matrix of its gates by owning team. Filters live in the URL so a link shares them.
 * It reloads quietly when the backend signals a readiness change.
 */
export function ReadinessBoard() {
  const api = useApi(lockstepApiRef);
  const classes = useStyles();
  const [searchParams, setSearchParams] = useSearchParams();
  const groupBy: GroupBy =
    searchParams.get('groupBy') === 'system' ? 'system' : 'owner';
  const owner = searchParams.get('owner') ?? '';
  const system = searchParams.get('system') ?? '';
  const statuses = (searchParams.get('status')?.split(',') ?? []).filter(
    (s): s is ReadinessStatus =>
      READINESS_STATUSES.includes(s as ReadinessStatus),
  );
  const filtered = !!owner || !!system || statuses.length > 0;
  const update = (changes: Record<string, string>) =>
    setSearchParams(
      current => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  // The whole board gives the filter choices; a filtered board is asked of the backend.
  const changes = useReadinessChanges();
  const query = {
    owner: owner || undefined,
    system: system || undefined,
    status: statuses.length ? statuses : undefined,
  };
  const queryKey = JSON.stringify(query);
  // How many rows show, for which filters: a reload asks for as many, so that loaded pages stay.
  const shown = useRef({ key: queryKey, count: 0 });
  const reloadLimit = () =>
    shown.current.key === queryKey && shown.current.count > BOARD_PAGE
      ? { limit: Math.min(shown.current.count, BOARD_MAX_LIMIT) }
      : undefined;
  const all = useLiveAsync(
    () => {
      const size = filtered ? undefined : reloadLimit();
      return size ? api.getReadinessBoard(size) : api.getReadinessBoard();
    },
    [api],
    changes,
  );
  const selection = useLiveAsync(
    async () =>
      filtered
        ? api.getReadinessBoard({ ...query, ...reloadLimit() })
        : undefined,
    [api, filtered, queryKey],
    changes,
  );
  const firstPage: Board | undefined = filtered ? selection.value : all.value;
  const loading = filtered ? selection.loading : all.loading;
  const error = filtered ? selection.error : all.error;

  // The backend answers a page at a time (oldest waits first); "Load more" appends the next page.
  // Appended pages belong to the first page they followed: a reload brings them along.
  const [more, setMore] = useState<{
    base: Board;
    items: ReadinessBoardEntry[];
  }>();
  const extra = firstPage && more?.base === firstPage ? more.items : [];
  const board: Board | undefined = firstPage && {
    ...firstPage,
    items: [...firstPage.items, ...extra],
  };
  shown.current = { key: queryKey, count: board?.items.length ?? 0 };
  const total = firstPage ? firstPage.total ?? firstPage.items.length : 0;
  const [nextPage, loadMore] = useAsyncFn(async () => {
    if (!firstPage) return;
    const next = await api.getReadinessBoard({
      ...query,
      offset: board?.items.length ?? 0,
    });
    setMore({ base: firstPage, items: [...extra, ...next.items] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, queryKey, firstPage, board?.items.length]);

  const options = useMemo(() => {
    const owners = new Set<string>();
    const systems = new Set<string>();
    for (const item of all.value?.items ?? []) {
      if (item.owner) owners.add(item.owner);
      if (item.system) systems.add(item.system);
    }
    if (owner) owners.add(owner);
    if (system) systems.add(system);
    return { owners: [...owners].sort(), systems: [...systems].sort() };
  }, [all.value, owner, system]);

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <Paper variant="outlined">
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          gridGap={16}
          p={1.5}
        >
          <ToggleButtonGroup
            size="small"
            exclusive
            value={groupBy}
            onChange={(_e, value) => value && update({ groupBy: value })}
            aria-label="Group by"
          >
            <ToggleButton value="owner">By team</ToggleButton>
            <ToggleButton value="system">By system</ToggleButton>
          </ToggleButtonGroup>
          <EntityRefSelect
            id="lockstep-board-owner"
            label="Owner"
            allLabel="All owners"
            defaultKind="group"
            value={owner}
            refs={options.owners}
            onChange={value => update({ owner: value })}
          />
          <EntityRefSelect
            id="lockstep-board-system"
            label="System"
            allLabel="All systems"
            defaultKind="system"
            value={system}
            refs={options.systems}
            onChange={value => update({ system: value })}
          />
          <TextField
            select
            size="small"
            variant="outlined"
            id="lockstep-board-status"
            label="Status"
            value={statuses}
            onChange={e =>
              update({
                status: (e.target.value as unknown as string[]).join(','),
              })
            }
            style={{ minWidth: 180 }}
            SelectProps={{
              multiple: true,
              displayEmpty: true,
              renderValue: value =>
                (value as string[]).length
                  ? (value as ReadinessStatus[])
                      .map(s => READINESS_STATUS_LOOK[s].label)
                      .join(', ')
                  : 'All statuses',
            }}
            InputLabelProps={{ shrink: true }}
          >
            {READINESS_STATUSES.filter(s => s !== 'unknown').map(s => (
              <MenuItem key={s} value={s}>
                <Checkbox size="small" checked={statuses.includes(s)} />
                <ListItemText primary={READINESS_STATUS_LOOK[s].label} />
              </MenuItem>
            ))}
          </TextField>
          <GateLegend />
        </Box>
      </Paper>

      {loading && !board && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {board && board.items.length === 0 && (
        <Alert severity="info">
          {filtered
            ? 'No entity matches these filters.'
            : 'No entity has a readiness profile yet.'}
        </Alert>
      )}
      {board && board.items.length > 0 && (
        <BoardTable
          board={board}
          teamTitles={all.value?.teams ?? []}
          groupBy={groupBy}
          classes={classes}
        />
      )}
      {board && total > board.items.length && (
        <LoadMore
          summary={`Showing ${board.items.length} of ${total} entities, oldest waits first.`}
          loading={nextPage.loading}
          error={nextPage.error}
          onLoadMore={loadMore}
        />
      )}
    </Box>
  );
}

function GateLegend() {
  const classes = useStyles();
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      gridGap={10}
      ml="auto"
      aria-label="Gate colours"
    >
      <Typography variant="caption" color="textSecondary">
        Gates:
      </Typography>
      {GATE_STATUS_ORDER.map(status => {
        const look = GATE_STATUS_LOOK[status];
        const Icon = GATE_ICONS[status];
        return (
          <Box key={status} display="flex" alignItems="center" gridGap={4}>
            <span
              className={classes.cell}
              style={{ background: look.color, width: 20, height: 16 }}
            >
              <Icon style={{ fontSize: 12, color: look.contrastText }} />
            </span>
            <Typography variant="caption">{look.label}</Typography>
          </Box>
        );
      })}
      <Box display="flex" alignItems="center" gridGap={4}>
        <span
          className={classes.cell}
          style={{
            background: GATE_STATUS_LOOK.pending.color,
            opacity: 0.45,
            width: 20,
            height: 16,
          }}
        />
        <Typography variant="caption">Faded: optional gates only</Typography>
      </Box>
    </Box>
  );
}

function BoardTable(props: {
  board: Board;
  teamTitles: Board['teams'];
  groupBy: GroupBy;
  classes: ReturnType<typeof useStyles>;
}) {
  const { board, groupBy, classes } = props;
  // Columns: teams that own a gate of a row shown, in the board's order.
  const shownTeams = new Set(
    board.items.flatMap(item => item.gates.map(gate => gate.team)),
  );
  const titles = new Map(
    [...props.teamTitles, ...board.teams].map(t => [t.entityRef, t.title]),
  );
  const teams = [
    ...board.teams.map(t => t.entityRef),
    ...[...shownTeams].filter(t => !board.teams.some(b => b.entityRef === t)),
  ].filter(t => shownTeams.has(t));

  // Groups in order of their oldest wait: the board is sorted by wait, so first appearance.
  const groups: Array<{ key: string; items: ReadinessBoardEntry[] }> = [];
  for (const item of board.items) {
    const key = (groupBy === 'owner' ? item.owner : item.system) ?? noneKey;
    const group = groups.find(g => g.key === key);
    if (group) group.items.push(item);
    else groups.push({ key, items: [item] });
  }
  const now = Date.now();
  const columns = 4 + teams.length;

  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label="Readiness board">
        <TableHead>
          <TableRow>
            <TableCell className={classes.entity}>Entity</TableCell>
            <TableCell>Status</TableCell>
            <TableCell className={classes.reason}>Why</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>Waiting</TableCell>
            {teams.map(team => (
              <TableCell key={team} className={classes.teamHeader}>
                <Tooltip title={`Gates owned by ${titles.get(team) ?? team}`}>
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
                      `No ${groupBy === 'owner' ? 'owner' : 'system'}`}
                  </Typography>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="span"
                  >
                    {' · '}
                    {summarize(group.items)}
                  </Typography>
                </TableCell>
              </TableRow>
              {group.items.map(item => (
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
                        title={`Waiting since ${formatTimestamp(
                          item.waitingSince,
                        )}`}
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
                        className={classes.cell}
                      />
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </Fragment>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function summarize(items: ReadinessBoardEntry[]) {
  const counts = READINESS_STATUSES.map(status => ({
    status,
    count: items.filter(item => item.status === status).length,
  })).filter(c => c.count > 0);
  return counts
    .map(
      c =>
        `${c.count} ${READINESS_STATUS_LOOK[c.status].label.toLocaleLowerCase(
          'en-US',
        )}`,
    )
    .join(', ');
}

function GateCell(props: {
  gates: ReadinessBoardEntry['gates'];
  teamTitle: string;
  now: number;
  className: string;
}) {
  const { gates, teamTitle, now } = props;
  const worst = worstGateStatus(gates);
  if (!worst) return null;
  const look = GATE_STATUS_LOOK[worst.status];
  const Icon = GATE_ICONS[worst.status];
  const lines = gates.map(
    gate =>
      `${gate.title}: ${GATE_STATUS_LOOK[gate.status].label}${
        gate.required ? '' : ' (optional)'
      }${
        gate.since && !['passed', 'expiring'].includes(gate.status)
          ? `, waiting ${durationSince(gate.since, now)}`
          : ''
      }`,
  );
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
        className={props.className}
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

/** A filter choosing one entity of a list, or all ("" is all). */
function EntityRefSelect(props: {
  id: string;
  label: string;
  allLabel: string;
  defaultKind: string;
  value: string;
  refs: string[];
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      select
      size="small"
      variant="outlined"
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      style={{ minWidth: 180 }}
      SelectProps={{ displayEmpty: true }}
      InputLabelProps={{ shrink: true }}
    >
      <MenuItem value="">{props.allLabel}</MenuItem>
      {props.refs.map(ref => (
        <MenuItem key={ref} value={ref}>
          <EntityDisplayName
            entityRef={ref}
            defaultKind={props.defaultKind}
            hideIcon
            disableTooltip
          />
        </MenuItem>
      ))}
    </TextField>
  );
}
