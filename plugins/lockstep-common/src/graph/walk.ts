import { findCycles } from './cycles';
import { GraphTopology } from './topology';
import { GraphDirection, GraphEdgeRelation, GraphRelation } from './types';

/** @public */
export interface GraphWalkOptions {
  /** Node index of the root. */
  root: number;
  direction: GraphDirection;
  /** Hops from the root; 0 means unlimited. */
  depth: number;
  relations: ReadonlySet<GraphRelation>;
  /** Lower-case kinds to show; others are walked through but hidden. Undefined shows every kind. */
  kinds?: ReadonlySet<string>;
  /** At most this many nodes are shown, root included. */
  maxNodes: number;
  /** Nodes the caller may see. Others are neither shown nor walked through. */
  canEnter?: (node: number) => boolean;
}

/** @public */
export interface GraphWalkEdge {
  source: number;
  target: number;
  relation: GraphEdgeRelation;
  via?: number[];
}

/** @public */
export interface GraphWalkResult {
  /** Shown nodes in walk order, root first. */
  nodes: number[];
  edges: GraphWalkEdge[];
  /** Per shown node: neighbours in its walk direction that the answer leaves out. */
  more: Map<number, number>;
  truncated: boolean;
  cycles: number[][];
}

const UP = 1;
const DOWN = 2;

/**
 * Walks the topology from a root, breadth first, upstream along edges to dependencies and downstream
 * along edges to dependents; for `both`, the two walks advance together, so that a node cap shares
 * out fairly by distance. The answer's edges are every followed relation between shown nodes (none
 * silently dropped), plus `indirect` edges through nodes a kind filter hides.
 */
export function walkGraph(
  topology: GraphTopology,
  options: GraphWalkOptions,
): GraphWalkResult {
  const { root, relations, kinds, maxNodes } = options;
  const maxDepth = options.depth > 0 ? options.depth : Infinity;
  const canEnter = options.canEnter ?? (() => true);
  const isShown = (node: number) =>
    node === root ||
    !kinds ||
    kinds.has(topology.nodes[node].kind.toLocaleLowerCase('en-US'));

  // Directions each node was reached in, as a bit set; 0 = not reached.
  const reached = new Map<number, number>();
  const shownOrder: number[] = [];
  let truncated = false;

  const rootDirections =
    (options.direction === 'downstream' ? 0 : UP) |
    (options.direction === 'upstream' ? 0 : DOWN);
  let frontier: Array<[node: number, direction: number]> = [];
  if (canEnter(root)) {
    reached.set(root, rootDirections);
    shownOrder.push(root);
    if (rootDirections & UP) frontier.push([root, UP]);
    if (rootDirections & DOWN) frontier.push([root, DOWN]);
  }

  for (
    let hops = 0;
    hops < maxDepth && frontier.length > 0 && !truncated;
    hops++
  ) {
    const next: typeof frontier = [];
    for (const [node, direction] of frontier) {
      const edges =
        direction === UP
          ? topology.dependencies[node]
          : topology.dependents[node];
      for (const edge of edges) {
        if (!relations.has(edge.group) || !canEnter(edge.node)) continue;
        const before = reached.get(edge.node) ?? 0;
        if (before & direction) continue;
        if (before === 0 && isShown(edge.node)) {
          if (shownOrder.length >= maxNodes) {
            truncated = true;
            continue;
          }
          shownOrder.push(edge.node);
        }
        reached.set(edge.node, before | direction);
        next.push([edge.node, direction]);
      }
    }
    frontier = next;
  }

  const shown = new Set(shownOrder);
  const edges: GraphWalkEdge[] = [];
  const more = new Map<number, number>();
  for (const source of shownOrder) {
    for (const edge of topology.dependencies[source]) {
      if (!relations.has(edge.group)) continue;
      if (shown.has(edge.node)) {
        edges.push({ source, target: edge.node, relation: edge.label });
      } else if (reached.has(edge.node)) {
        edges.push(
          ...indirectEdges(
            topology,
            source,
            edge.node,
            relations,
            reached,
            shown,
          ),
        );
      }
    }
    const directions = reached.get(source)!;
    let omitted = 0;
    for (const [direction, list] of [
      [UP, topology.dependencies[source]],
      [DOWN, topology.dependents[source]],
    ] as const) {
      if (!(directions & direction)) continue;
      for (const edge of list) {
        if (
          relations.has(edge.group) &&
          canEnter(edge.node) &&
          !reached.has(edge.node)
        ) {
          omitted++;
        }
      }
    }
    if (omitted > 0) more.set(source, omitted);
  }

  // Cycles among the shown nodes, over the same edges the answer lists.
  const position = new Map(shownOrder.map((node, i) => [node, i]));
  const successors: number[][] = shownOrder.map(() => []);
  for (const edge of edges)
    successors[position.get(edge.source)!].push(position.get(edge.target)!);
  const cycles = findCycles(shownOrder.length, i => successors[i]).map(cycle =>
    cycle.map(i => shownOrder[i]),
  );

  return {
    nodes: shownOrder,
    edges: dedupeIndirect(edges),
    more,
    truncated,
    cycles,
  };
}

/** From a shown node through hidden, reached nodes to the shown nodes beyond them. */
function indirectEdges(
  topology: GraphTopology,
  source: number,
  firstHidden: number,
  relations: ReadonlySet<GraphRelation>,
  reached: Map<number, number>,
  shown: Set<number>,
): GraphWalkEdge[] {
  const result: GraphWalkEdge[] = [];
  const pathTo = new Map<number, number[]>([[firstHidden, [firstHidden]]]);
  const queue = [firstHidden];
  while (queue.length > 0) {
    const hidden = queue.shift()!;
    for (const edge of topology.dependencies[hidden]) {
      if (!relations.has(edge.group) || !reached.has(edge.node)) continue;
      if (shown.has(edge.node)) {
        if (edge.node !== source) {
          result.push({
            source,
            target: edge.node,
            relation: 'indirect',
            via: pathTo.get(hidden)!,
          });
        }
      } else if (!pathTo.has(edge.node)) {
        pathTo.set(edge.node, [...pathTo.get(hidden)!, edge.node]);
        queue.push(edge.node);
      }
    }
  }
  return result;
}

/** Keeps one indirect edge per pair (the first found is a shortest path); direct edges win. */
function dedupeIndirect(edges: GraphWalkEdge[]): GraphWalkEdge[] {
  const direct = new Set(
    edges
      .filter(e => e.relation !== 'indirect')
      .map(e => `${e.source}>${e.target}`),
  );
  const seen = new Set<string>();
  return edges.filter(edge => {
    if (edge.relation !== 'indirect') return true;
    const key = `${edge.source}>${edge.target}`;
    if (direct.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
