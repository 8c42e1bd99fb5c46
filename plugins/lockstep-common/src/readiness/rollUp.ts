import { GraphTopology, relationMask } from '../graph/topology';
import { GraphRelation } from '../graph/types';
import { GRAPH_RELATION_REGISTRY, GRAPH_RELATIONS } from '../graph/relations';
import {
  gatePasses,
  ReadinessGate,
  ReadinessGateStatus,
  ReadinessStatus,
} from './types';

/** The status an entity has from its own gates alone, before anything upstream is considered. */
export type OwnReadiness = 'not-ready' | 'at-risk' | 'ready' | 'unknown';

/**
 * What readiness follows upstream: what an entity depends on, and the providers of the APIs it
 * consumes (consumer → API → provider). Systems and their parts are containment, not dependency.
 */
export const READINESS_RELATIONS: GraphRelation[] = GRAPH_RELATIONS.filter(
  relation => GRAPH_RELATION_REGISTRY[relation].followedByReadiness,
);
const READINESS_MASK = relationMask(READINESS_RELATIONS);

/** The nodes readiness looks at one step upstream of `node`. */
export function readinessUpstream(
  topology: GraphTopology,
  node: number,
): number[] {
  return topology.dependencies[node]
    .filter(edge => edge.groupBit & READINESS_MASK)
    .map(edge => edge.node);
}

/** The status from an entity's own gates; `undefined` gates means no profile applies. */
export function ownReadiness(
  gates:
    | ReadonlyArray<{ required: boolean; status: ReadinessGateStatus }>
    | undefined,
): OwnReadiness {
  if (!gates) return 'unknown';
  const required = gates.filter(gate => gate.required);
  if (required.some(gate => !gatePasses(gate.status))) return 'not-ready';
  if (required.some(gate => gate.status === 'expiring')) return 'at-risk';
  return 'ready';
}

/** An entity that blocks whatever depends on it: not ready itself, or missing from the catalog. */
const blocks = (
  topology: GraphTopology,
  own: ReadonlyArray<OwnReadiness>,
  node: number,
) => topology.nodes[node].missing === true || own[node] === 'not-ready';

/**
 * Rolls readiness up across dependencies for every node at once: one breadth-first walk downstream
 * from all blockers together marks everything that transitively depends on one, so the cost is one
 * pass over the edges however many entities there are. Cycles end because each node is visited once.
 *
 * @param own - the own status of each node, by node index (missing nodes are ignored)
 */
export function rollUpReadiness(
  topology: GraphTopology,
  own: ReadonlyArray<OwnReadiness>,
): ReadinessStatus[] {
  const count = topology.nodes.length;
  const dependsOnBlocker = new Uint8Array(count);
  const queue = new Int32Array(count);
  let head = 0;
  let tail = 0;
  // Seed with the dependents of every blocker; a blocker is only "blocked" if something else blocks it.
  const enqueueDependents = (node: number) => {
    for (const edge of topology.dependents[node]) {
      if (!(edge.groupBit & READINESS_MASK) || dependsOnBlocker[edge.node])
        continue;
      dependsOnBlocker[edge.node] = 1;
      queue[tail++] = edge.node;
    }
  };
  for (let node = 0; node < count; node++) {
    if (blocks(topology, own, node)) enqueueDependents(node);
  }
  while (head < tail) enqueueDependents(queue[head++]);

  const statuses: ReadinessStatus[] = new Array(count);
  for (let node = 0; node < count; node++) {
    const status = topology.nodes[node].missing ? 'not-ready' : own[node];
    statuses[node] =
      dependsOnBlocker[node] && (status === 'ready' || status === 'at-risk')
        ? 'blocked'
        : status;
  }
  return statuses;
}

/** One blocker found upstream of a root, by node index, with the path to it. */
export interface BlockerPath {
  node: number;
  /** Node indexes from the root to the blocker, both included. */
  path: number[];
}

/**
 * Everything upstream of `root` that blocks it, nearest first, each with a shortest path from the
 * root. The walk goes on past a blocker, so that a blocker behind another one is named too. With
 * `canEnter`, it enters only those nodes (what a caller may read), as the graph's walk does.
 */
export function findBlockers(
  topology: GraphTopology,
  own: ReadonlyArray<OwnReadiness>,
  root: number,
  limit = 50,
  canEnter: (node: number) => boolean = () => true,
): BlockerPath[] {
  const parent = new Map<number, number>([[root, -1]]);
  const queue = [root];
  const found: BlockerPath[] = [];
  for (let head = 0; head < queue.length && found.length < limit; head++) {
    const node = queue[head];
    if (node !== root && blocks(topology, own, node)) {
      const path: number[] = [];
      for (let at = node; at !== -1; at = parent.get(at)!) path.push(at);
      found.push({ node, path: path.reverse() });
    }
    for (const edge of topology.dependencies[node]) {
      if (!(edge.groupBit & READINESS_MASK) || parent.has(edge.node)) continue;
      if (!canEnter(edge.node)) continue;
      parent.set(edge.node, node);
      queue.push(edge.node);
    }
  }
  return found;
}

/**
 * The status of a stored gate at `now`: sign-offs run out at `expiresAt` and count as expiring within
 * `warnMs` of it; checks keep their last stored result.
 */
export function gateStatusAt(
  gate: Pick<ReadinessGate, 'type' | 'status' | 'expiresAt'>,
  now: number,
  warnMs: number,
): ReadinessGateStatus {
  if (gate.type !== 'signoff' || !gatePasses(gate.status) || !gate.expiresAt) {
    return gate.status;
  }
  const expiresAt = Date.parse(gate.expiresAt);
  if (expiresAt <= now) return 'expired';
  return expiresAt - now <= warnMs ? 'expiring' : 'passed';
}
