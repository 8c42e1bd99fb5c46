import type { LayeredLayoutOptions } from './layeredLayout';
import type { GraphLayout, Point } from './layout';

export interface LayoutEdgeInput {
  source: string;
  target: string;
  key: string;
}

export interface LargeLayoutRequest {
  id: number;
  nodeRefs: string[];
  edges: LayoutEdgeInput[];
  options: LayeredLayoutOptions;
}

/**
 * A layout as typed arrays, in the order of the request's nodes and edges, so that it crosses from
 * the worker without copying (transferred) and without cloning thousands of small objects.
 */
export interface PackedLayout {
  width: number;
  height: number;
  /** x, y of each node. */
  nodes: Float64Array;
  /** Edge i's points are points [edgeOffsets[i], edgeOffsets[i + 1]); none for an edge left out. */
  edgeOffsets: Int32Array;
  /** x, y of each point. */
  edgePoints: Float64Array;
}

export function packLayout(
  layout: GraphLayout,
  nodeRefs: readonly string[],
  edges: readonly LayoutEdgeInput[],
): PackedLayout {
  const nodes = new Float64Array(nodeRefs.length * 2);
  nodeRefs.forEach((ref, i) => {
    const at = layout.nodes.get(ref);
    nodes[2 * i] = at?.x ?? 0;
    nodes[2 * i + 1] = at?.y ?? 0;
  });
  const edgeOffsets = new Int32Array(edges.length + 1);
  let count = 0;
  edges.forEach((edge, i) => {
    edgeOffsets[i] = count;
    count += layout.edges.get(edge.key)?.length ?? 0;
  });
  edgeOffsets[edges.length] = count;
  const edgePoints = new Float64Array(count * 2);
  edges.forEach((edge, i) => {
    (layout.edges.get(edge.key) ?? []).forEach((point, j) => {
      edgePoints[2 * (edgeOffsets[i] + j)] = point.x;
      edgePoints[2 * (edgeOffsets[i] + j) + 1] = point.y;
    });
  });
  return {
    width: layout.width,
    height: layout.height,
    nodes,
    edgeOffsets,
    edgePoints,
  };
}

export function unpackLayout(
  packed: PackedLayout,
  nodeRefs: readonly string[],
  edges: readonly LayoutEdgeInput[],
): GraphLayout {
  const layout: GraphLayout = {
    nodes: new Map(),
    edges: new Map(),
    width: packed.width,
    height: packed.height,
  };
  nodeRefs.forEach((ref, i) => {
    layout.nodes.set(ref, {
      x: packed.nodes[2 * i],
      y: packed.nodes[2 * i + 1],
    });
  });
  edges.forEach((edge, i) => {
    const start = packed.edgeOffsets[i];
    const end = packed.edgeOffsets[i + 1];
    if (end === start || layout.edges.has(edge.key)) return;
    const points: Point[] = [];
    for (let j = start; j < end; j++)
      points.push({
        x: packed.edgePoints[2 * j],
        y: packed.edgePoints[2 * j + 1],
      });
    layout.edges.set(edge.key, points);
  });
  return layout;
}
