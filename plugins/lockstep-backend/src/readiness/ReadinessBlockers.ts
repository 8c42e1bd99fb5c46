import {
  BlockerPath,
  findBlockers,
  gatePasses,
  GraphTopology,
  ReadinessBlocker,
  readinessUpstream,
} from '@lockstep/backstage-plugin-lockstep-common';
import { CatalogReadScope, exploreReadable } from '../access/catalogAccess';
import { ReadinessReplica } from './ReadinessReplica';
import { ReadinessViews, RollUp } from './ReadinessViews';

/** What blocks one entity, as far as the caller may see. */
export interface VisibleBlockers {
  blockedBy: ReadinessBlocker[];
  /** Something the caller may not read blocks the entity too. */
  hidden: boolean;
}

/** Finds what holds an entity back upstream, showing a caller only what they may read. */
export class ReadinessBlockers {
  constructor(
    private readonly deps: {
      replica: ReadinessReplica;
      views: ReadinessViews;
    },
  ) {}

  /**
   * The blockers of each of `nodes` that the caller may read, found walking only through what the
   * caller may read, and whether anything else blocks it too (`hidden`). For a caller who reads
   * everything, that is every blocker and `hidden` is false.
   */
  async visible(
    topology: GraphTopology,
    rollUp: RollUp,
    nodes: number[],
    scope: CatalogReadScope,
    limit?: number,
  ): Promise<Map<number, VisibleBlockers>> {
    const found = new Map<number, VisibleBlockers>();
    if (nodes.length === 0) return found;
    const canEnter = await exploreReadable(
      topology,
      scope,
      nodes,
      node => readinessUpstream(topology, node),
      node => node,
      { levels: Infinity },
    );
    const shownAtMost = limit ?? 50;
    for (const node of nodes) {
      let visible: BlockerPath[];
      let hidden = false;
      if (scope.all) {
        visible = findBlockers(topology, rollUp.own, node, shownAtMost);
      } else {
        visible = findBlockers(topology, rollUp.own, node, Infinity, canEnter);
        const shown = new Set(visible.map(b => b.node));
        hidden = findBlockers(topology, rollUp.own, node, Infinity).some(
          b => !shown.has(b.node),
        );
        visible = visible.slice(0, shownAtMost);
      }
      found.set(node, {
        blockedBy: visible.map(blocker =>
          this.blockerOf(topology, rollUp, blocker),
        ),
        hidden,
      });
    }
    return found;
  }

  /** A blocker with its rolled-up status, the path to it, and its own gates that do not pass. */
  private blockerOf(
    topology: GraphTopology,
    rollUp: RollUp,
    { node: blocker, path }: BlockerPath,
  ): ReadinessBlocker {
    const entity = topology.nodes[blocker];
    const profile = entity.missing
      ? undefined
      : this.deps.replica.profileOf(entity.entityRef);
    const gates = profile
      ? this.deps.views
          .gateViews(profile, entity.entityRef, entity.owner, Date.now())
          .filter(gate => gate.required && !gatePasses(gate.status))
          .map(gate => ({
            id: gate.id,
            title: gate.title,
            type: gate.type,
            status: gate.status,
            team: gate.team,
          }))
      : [];
    return {
      entityRef: entity.entityRef,
      ...(entity.title && { title: entity.title }),
      status: rollUp.statuses[blocker],
      ...(entity.missing && { missing: true }),
      ...(entity.owner && { owner: entity.owner }),
      path: path.map(n => topology.nodes[n].entityRef),
      ...(gates.length > 0 && { gates }),
    };
  }
}
