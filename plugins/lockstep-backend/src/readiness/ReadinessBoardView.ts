import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  describeReadiness,
  gatePasses,
  ReadinessBoard,
  ReadinessBoardEntry,
  ReadinessBoardQuery,
  ReadinessGate,
  ReadinessStatus,
  refKey,
} from '@lockstep/backstage-plugin-lockstep-common';
import { CatalogReadAccess } from '../access/catalogAccess';
import { GraphIndex } from '../graph/GraphIndex';
import { blockerTeams, readableTitles, withTitles } from './readable';
import { ReadinessBlockers } from './ReadinessBlockers';
import { ReadinessReplica } from './ReadinessReplica';
import { ReadinessViews } from './ReadinessViews';

/** What sorting and filtering a board need of one entity. */
interface BoardRow {
  index: number;
  gates: ReadinessGate[];
  status: ReadinessStatus;
  waitingSince?: string;
}

/** Worst first, for entities that wait on nothing of their own. */
const STATUS_RANK: Record<ReadinessStatus, number> = {
  'not-ready': 0,
  blocked: 1,
  'at-risk': 2,
  ready: 3,
  unknown: 4,
};

/** Readiness across many entities at once: the board, and the statuses of a list of entities. */
export class ReadinessBoardView {
  constructor(
    private readonly deps: {
      access: CatalogReadAccess;
      graphIndex: GraphIndex;
      replica: ReadinessReplica;
      views: ReadinessViews;
      blockers: ReadinessBlockers;
    },
  ) {}

  async statuses(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Record<string, ReadinessStatus>> {
    const readable = await (
      await this.deps.access.scope(credentials)
    ).readable(entityRefs);
    await this.deps.replica.sync();
    const { topology } = await this.deps.graphIndex.current();
    const rollUp = this.deps.views.rollUp(topology, Date.now());
    const statuses: Record<string, ReadinessStatus> = {};
    for (const ref of entityRefs) {
      if (!readable.has(refKey(ref))) continue;
      const node = topology.indexOf(ref);
      statuses[ref] =
        node === undefined ? 'unknown' : rollUp.statuses[node] ?? 'unknown';
    }
    return statuses;
  }

  async board(
    query: ReadinessBoardQuery,
    credentials: BackstageCredentials,
  ): Promise<ReadinessBoard> {
    const { replica, views } = this.deps;
    const scope = await this.deps.access.scope(credentials);
    await replica.sync();
    const { topology } = await this.deps.graphIndex.current();
    const now = Date.now();
    const rollUp = views.rollUp(topology, now);
    const owner = query.owner && refKey(query.owner);
    const system = query.system && refKey(query.system);
    const team = query.team && refKey(query.team);

    const candidates: number[] = [];
    topology.nodes.forEach((node, index) => {
      if (node.missing || !replica.profileOf(node.entityRef)) return;
      if (owner && refKey(node.owner ?? '') !== owner) return;
      if (system && refKey(node.system ?? '') !== system) return;
      if (query.status && !query.status.includes(rollUp.statuses[index])) {
        return;
      }
      candidates.push(index);
    });
    const readable = await scope.readable(
      candidates.map(index => topology.nodes[index].entityRef),
    );

    // First what sorting and filtering need, for every candidate; then the full entry (reason,
    // blockers) only for the page asked for, so a board of thousands answers in milliseconds.
    const rows: BoardRow[] = [];
    const teams = new Set<string>();
    for (const index of candidates) {
      const node = topology.nodes[index];
      if (!readable.has(refKey(node.entityRef))) continue;
      const profile = replica.profileOf(node.entityRef)!;
      const gates = views.gateViews(profile, node.entityRef, node.owner, now);
      if (team && !gates.some(gate => refKey(gate.team) === team)) continue;
      gates.forEach(gate => teams.add(gate.team));
      let waitingSince: string | undefined;
      for (const gate of gates) {
        if (gate.required && !gatePasses(gate.status) && gate.since) {
          if (!waitingSince || gate.since < waitingSince)
            waitingSince = gate.since;
        }
      }
      rows.push({ index, gates, status: rollUp.statuses[index], waitingSince });
    }
    const refOf = (index: number) => topology.nodes[index].entityRef;
    rows.sort((a, b) => compareRows(a, b, refOf));

    const offset = query.offset ?? 0;
    const page = rows.slice(offset, offset + (query.limit ?? 500));
    const blocking = await this.deps.blockers.visible(
      topology,
      rollUp,
      page
        .filter(row => row.status === 'blocked' || row.status === 'not-ready')
        .map(row => row.index),
      scope,
      3,
    );
    const titleOf = await readableTitles(topology, scope, [
      ...teams,
      ...page.flatMap(row =>
        blockerTeams(blocking.get(row.index)?.blockedBy ?? []),
      ),
    ]);
    const items = page.map(({ index, gates, status, waitingSince }) => {
      const node = topology.nodes[index];
      const found = blocking.get(index);
      const blockedBy = withTitles(found?.blockedBy ?? [], titleOf);
      const hiddenBlockers = found?.hidden ?? false;
      const entry: ReadinessBoardEntry = {
        entityRef: node.entityRef,
        title: node.title,
        owner: node.owner,
        system: node.system,
        profile: replica.profileOf(node.entityRef)!.id,
        status,
        reason: describeReadiness(
          { status, gates, blockedBy, hiddenBlockers },
          titleOf,
        ),
        gates: gates.map(gate => ({
          id: gate.id,
          title: gate.title,
          team: gate.team,
          type: gate.type,
          required: gate.required,
          status: gate.status,
          since: gate.since,
        })),
        blockedBy,
        ...(hiddenBlockers && { hiddenBlockers }),
        ...(waitingSince && { waitingSince }),
      };
      return entry;
    });
    return {
      items,
      total: rows.length,
      teams: [...teams].sort().map(ref => ({
        entityRef: ref,
        title: titleOf(ref) ?? ref,
      })),
    };
  }
}

/** The oldest waits first; entities that wait on nothing of their own follow, worst status first. */
function compareRows(
  a: BoardRow,
  b: BoardRow,
  refOf: (index: number) => string,
): number {
  if (a.waitingSince && b.waitingSince) {
    return a.waitingSince.localeCompare(b.waitingSince);
  }
  if (a.waitingSince || b.waitingSince) return a.waitingSince ? -1 : 1;
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    refOf(a.index).localeCompare(refOf(b.index))
  );
}
