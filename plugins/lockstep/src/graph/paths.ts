import { GraphEdge } from '@lockstep/backstage-plugin-lockstep-common';
import { edgeKey } from './layout';

/**
 * The nodes and edges on any path between the root and a node, in either direction: what a developer
 * wants lit up when pointing at a dependency ("how does this reach me?").
 */
export function pathsBetween(
  edges: GraphEdge[],
  root: string,
  node: string,
): { nodes: Set<string>; edges: Set<string> } {
  const forward = new Map<string, GraphEdge[]>();
  const backward = new Map<string, GraphEdge[]>();
  for (const edge of edges) {
    (
      forward.get(edge.source) ?? forward.set(edge.source, []).get(edge.source)!
    ).push(edge);
    (
      backward.get(edge.target) ??
      backward.set(edge.target, []).get(edge.target)!
    ).push(edge);
  }
  const reach = (
    start: string,
    next: Map<string, GraphEdge[]>,
    pick: (e: GraphEdge) => string,
  ) => {
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length > 0) {
      for (const edge of next.get(queue.shift()!) ?? []) {
        const other = pick(edge);
        if (!seen.has(other)) {
          seen.add(other);
          queue.push(other);
        }
      }
    }
    return seen;
  };
  const result = {
    nodes: new Set<string>([root, node]),
    edges: new Set<string>(),
  };
  // root -> ... -> node (node is upstream) and node -> ... -> root (node is downstream)
  for (const [from, to] of [
    [root, node],
    [node, root],
  ]) {
    const fromReach = reach(from, forward, e => e.target);
    if (!fromReach.has(to)) continue;
    const toReach = reach(to, backward, e => e.source);
    for (const edge of edges) {
      if (fromReach.has(edge.source) && toReach.has(edge.target)) {
        result.edges.add(edgeKey(edge));
        result.nodes.add(edge.source);
        result.nodes.add(edge.target);
      }
    }
  }
  return result;
}
