import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  READINESS_STATUSES,
  ReadinessBoard as Board,
  ReadinessBoardEntry,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { lockstepApiRef } from '../../api';
import { LoadMore } from '../../components/LoadMore';
import { useLiveAsync } from '../../hooks/useLiveAsync';
import { useReadinessChanges } from '../../hooks/useReadinessChanges';
import { GateActionDialog } from '../GateActionDialog';
import { useTeamMembership } from '../useTeamMembership';
import { BoardTable } from './BoardTable';
import { BoardGate } from './GateCell';
import { BoardToolbar } from './BoardToolbar';
import { GroupBy } from './types';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

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
  const { t } = useTranslationRef(lockstepTranslationRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const groupBy: GroupBy =
    searchParams.get('groupBy') === 'system' ? 'system' : 'owner';
  const owner = searchParams.get('owner') ?? '';
  const system = searchParams.get('system') ?? '';
  const statuses = (searchParams.get('status')?.split(',') ?? []).filter(
    (s): s is ReadinessStatus =>
      READINESS_STATUSES.includes(s as ReadinessStatus),
  );
  const team = searchParams.get('team') ?? '';
  const filtered = !!owner || !!system || !!team || statuses.length > 0;
  const membership = useTeamMembership();
  const [reloads, setReloads] = useState(0);
  const [signing, setSigning] = useState<{
    entityRef: string;
    gate: BoardGate;
    teamTitle: string;
  }>();
  const [signed, setSigned] = useState<string>();
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
  const changes = useReadinessChanges() + reloads;
  const query = {
    owner: owner || undefined,
    system: system || undefined,
    team: team || undefined,
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
    const teams = [...(all.value?.teams ?? [])];
    if (team && !teams.some(known => known.entityRef === team)) {
      teams.push({ entityRef: team, title: team });
    }
    return {
      owners: [...owners].sort(),
      systems: [...systems].sort(),
      teams: teams.map(known => ({
        ...known,
        mine: membership.isMember(known.entityRef),
      })),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [all.value, owner, system, team, membership.loading]);

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <BoardToolbar
        groupBy={groupBy}
        owner={owner}
        system={system}
        statuses={statuses}
        team={team}
        options={options}
        onChange={update}
      />

      {signed && (
        <Alert severity="success" onClose={() => setSigned(undefined)}>
          {signed}
        </Alert>
      )}
      {signing && (
        <GateActionDialog
          entityRef={signing.entityRef}
          gate={signing.gate}
          action="signoff"
          teamLabel={signing.teamTitle}
          onClose={() => setSigning(undefined)}
          onDone={readiness => {
            setSigning(undefined);
            setSigned(
              t('readiness.board.signedOff', {
                gate: signing.gate.title,
                entity: readiness.title ?? readiness.entityRef,
              }),
            );
            setReloads(n => n + 1);
          }}
        />
      )}
      {loading && !board && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {board && board.items.length === 0 && (
        <Alert severity="info">
          {filtered ? t('readiness.board.noMatch') : t('readiness.board.empty')}
        </Alert>
      )}
      {board && board.items.length > 0 && (
        <BoardTable
          board={board}
          teamTitles={all.value?.teams ?? []}
          groupBy={groupBy}
          canSignOff={membership.isMember}
          onSignOff={(entityRef, gate, teamTitle) => {
            setSigned(undefined);
            setSigning({ entityRef, gate, teamTitle });
          }}
        />
      )}
      {board && total > board.items.length && (
        <LoadMore
          summary={t('readiness.board.showing', {
            shown: String(board.items.length),
            count: total,
          })}
          loading={nextPage.loading}
          error={nextPage.error}
          onLoadMore={loadMore}
        />
      )}
    </Box>
  );
}
