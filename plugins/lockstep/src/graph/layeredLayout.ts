import type { GraphLayout, Point } from './layout';
import { edgesToReverse } from './layeredCycles';
import { placeVertically } from './layeredPlacement';

export interface LayeredLayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  /** Between two nodes of a layer. */
  nodeSpacing: number;
  /** Between the columns of two layers. */
  layerSpacing: number;
  /** Between an edge passing through a layer and its neighbours there. */
  edgeSpacing: number;
  /** Around the drawing. */
  padding: number;
}

/**
 * Ordering and placement rounds: a few are enough, each costs a pass over the layered graph. Very
 * large graphs (counting the dummies) get fewer, which at that size show little.
 */
const rounds = (vertices: number) =>
  vertices > 3000
    ? { ordering: 3, placement: 4 }
    : { ordering: 4, placement: 8 };

/**
 * A layered (Sugiyama-style) layout, left to right, in the manner of ELK's layered algorithm (which
 * Lockstep used before): dependents left of their dependencies, every edge pointing right except
 * those that close a cycle. ELK, compiled from Java to 1.6 MB of JavaScript, spent one to two
 * seconds starting in each page's worker and several more laying out 2,000 nodes before its code was
 * optimised, on a 2-core machine; this takes milliseconds for a typical graph and about a hundred
 * for 2,000 nodes. The steps:
 *
 * 1. cycles are broken by reversing the few edges that point backwards in a greedy node sequence
 *    (Eades, Lin and Smyth; ELK's GREEDY);
 * 2. layers: longest path to a sink, then every node moves to the end of its range that shortens its
 *    edges (a cheap stand-in for ELK's network simplex);
 * 3. edges spanning several layers get a dummy per layer crossed, so that they go around nodes;
 * 4. order within layers: seeded by the given node order (the walk's, nearest the root first), then
 *    barycenter sweeps that reduce crossings;
 * 5. vertical positions: each node and dummy moves towards the centres of its neighbours on both
 *    sides with the order and spacing kept (an isotonic regression per layer), which centres
 *    nodes on what they connect to and straightens long edges;
 * 6. edges are polylines through their dummies, their ends spread over the node sides.
 */
export function layeredLayout(
  nodeRefs: readonly string[],
  edges: ReadonlyArray<{ source: string; target: string; key: string }>,
  options: LayeredLayoutOptions,
): GraphLayout {
  const { nodeWidth, nodeHeight, nodeSpacing, layerSpacing, edgeSpacing } =
    options;
  const n = nodeRefs.length;
  const indexOf = new Map<string, number>();
  nodeRefs.forEach((ref, i) => indexOf.set(ref, i));

  // Edges by index, one per key, without self loops (which ELK's input leaves out too).
  const edgeKeys: string[] = [];
  const edgeSource: number[] = [];
  const edgeTarget: number[] = [];
  const seen = new Set<string>();
  for (const edge of edges) {
    const s = indexOf.get(edge.source);
    const t = indexOf.get(edge.target);
    if (s === undefined || t === undefined || s === t || seen.has(edge.key))
      continue;
    seen.add(edge.key);
    edgeKeys.push(edge.key);
    edgeSource.push(s);
    edgeTarget.push(t);
  }
  const m = edgeKeys.length;

  // 1. Cycle breaking: the edges pointing backwards in a greedy node sequence are reversed (see
  // layeredCycles).
  const reversed = edgesToReverse(n, edgeSource, edgeTarget);
  // The acyclic graph: `from` left of `to`.
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const succ: number[][] = Array.from({ length: n }, () => []);
  const pred: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < m; e++) {
    from[e] = reversed[e] ? edgeTarget[e] : edgeSource[e];
    to[e] = reversed[e] ? edgeSource[e] : edgeTarget[e];
    succ[from[e]].push(to[e]);
    pred[to[e]].push(from[e]);
  }

  // 2. Layers. A topological order (Kahn), then the longest path to a sink, from the right.
  const order: number[] = [];
  {
    const inDegree = new Int32Array(n);
    for (let e = 0; e < m; e++) inDegree[to[e]]++;
    for (let v = 0; v < n; v++) if (inDegree[v] === 0) order.push(v);
    for (let i = 0; i < order.length; i++) {
      for (const w of succ[order[i]]) if (--inDegree[w] === 0) order.push(w);
    }
  }
  const height = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const v = order[i];
    for (const w of succ[v]) height[v] = Math.max(height[v], height[w] + 1);
  }
  let layerCount = 0;
  for (let v = 0; v < n; v++) layerCount = Math.max(layerCount, height[v] + 1);
  const layer = new Int32Array(n);
  for (let v = 0; v < n; v++) layer[v] = layerCount - 1 - height[v];
  // Each node to the end of its free range that its edges pull it to (more on the left: left).
  for (let pass = 0; pass < 4; pass++) {
    let moved = false;
    for (const v of order) {
      let low = 0;
      let high = layerCount - 1;
      for (const u of pred[v]) low = Math.max(low, layer[u] + 1);
      for (const w of succ[v]) high = Math.min(high, layer[w] - 1);
      let wanted = layer[v];
      if (pred[v].length > succ[v].length) wanted = low;
      else if (succ[v].length > pred[v].length) wanted = high;
      if (wanted !== layer[v] && wanted >= low && wanted <= high) {
        layer[v] = wanted;
        moved = true;
      }
    }
    if (!moved) break;
  }
  // Drop layers left empty.
  {
    const used = new Int32Array(layerCount);
    for (let v = 0; v < n; v++) used[layer[v]] = 1;
    const renumber = new Int32Array(layerCount);
    let next = 0;
    for (let l = 0; l < layerCount; l++) {
      renumber[l] = next;
      next += used[l];
    }
    for (let v = 0; v < n; v++) layer[v] = renumber[layer[v]];
    layerCount = next;
  }

  // 3. Dummies: vertices n.. stand for an edge crossing a layer. `chain[e]` lists an edge's vertices
  // from `from` to `to`.
  const vertexLayer: number[] = Array.from(layer);
  const up: number[][] = Array.from({ length: n }, () => []);
  const down: number[][] = Array.from({ length: n }, () => []);
  const chains: number[][] = new Array(m);
  for (let e = 0; e < m; e++) {
    const chain = [from[e]];
    for (let l = layer[from[e]] + 1; l < layer[to[e]]; l++) {
      vertexLayer.push(l);
      up.push([]);
      down.push([]);
      chain.push(vertexLayer.length - 1);
    }
    chain.push(to[e]);
    for (let i = 1; i < chain.length; i++) {
      down[chain[i - 1]].push(chain[i]);
      up[chain[i]].push(chain[i - 1]);
    }
    chains[e] = chain;
  }
  const vertexCount = vertexLayer.length;
  const { ordering: orderingRounds, placement: placementRounds } =
    rounds(vertexCount);

  // 4. Order within layers, seeded by the given order; a dummy starts between its edge's ends.
  const seed = new Float64Array(vertexCount);
  for (let v = 0; v < n; v++) seed[v] = v;
  for (let e = 0; e < m; e++) {
    const chain = chains[e];
    const a = seed[chain[0]];
    const b = seed[chain[chain.length - 1]];
    for (let i = 1; i < chain.length - 1; i++)
      seed[chain[i]] = a + ((b - a) * i) / (chain.length - 1);
  }
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (let v = 0; v < vertexCount; v++) layers[vertexLayer[v]].push(v);
  // Sorting a layer by a key in [0, 1], ties by the current order: keys and indices packed into
  // one number, sorted natively. A comparator function would be called some 100,000 times for
  // 2,000 nodes, which costs a fresh worker's cold code most of the layout time.
  const packed = new Float64Array(vertexCount);
  const sortLayer = (vertices: number[], keyOf: (v: number) => number) => {
    const count = vertices.length;
    const sorted = packed.subarray(0, count);
    for (let i = 0; i < count; i++)
      sorted[i] = Math.round(keyOf(vertices[i]) * 2 ** 30) * 2 ** 21 + i;
    sorted.sort();
    const before = vertices.slice();
    for (let i = 0; i < count; i++) vertices[i] = before[sorted[i] % 2 ** 21];
  };
  const position = new Float64Array(vertexCount);
  // Positions compared across layers of different sizes: scaled to [0, 1] by the layer's length.
  const normalise = (vertices: number[]) => {
    const scale = vertices.length > 1 ? 1 / (vertices.length - 1) : 0;
    for (let i = 0; i < vertices.length; i++) position[vertices[i]] = i * scale;
  };
  for (const vertices of layers) {
    sortLayer(vertices, v => seed[v] / Math.max(1, n));
    normalise(vertices);
  }
  const key = new Float64Array(vertexCount);
  const sortByBarycenter = (vertices: number[], neighbours: number[][]) => {
    for (const v of vertices) {
      const around = neighbours[v];
      let sum = 0;
      for (const u of around) sum += position[u];
      // vertices without neighbours on that side keep their place relative to the others
      key[v] = around.length > 0 ? sum / around.length : position[v];
    }
    sortLayer(vertices, v => key[v]);
    normalise(vertices);
  };
  for (let round = 0; round < orderingRounds; round++) {
    for (let l = 1; l < layerCount; l++) sortByBarycenter(layers[l], up);
    for (let l = layerCount - 2; l >= 0; l--) sortByBarycenter(layers[l], down);
  }

  // 5. Vertical centres (see layeredPlacement).
  const { centre, top, bottom } = placeVertically({
    layers,
    up,
    down,
    n,
    vertexCount,
    nodeHeight,
    nodeSpacing,
    edgeSpacing,
    rounds: placementRounds,
  });
  const dy = options.padding - top;
  const columnX = (l: number) =>
    options.padding + l * (nodeWidth + layerSpacing);
  const y = (v: number) => centre[v] + dy;

  // 6. Edge ends spread over the sides: outgoing on the right, incoming on the left, in the order
  // of where the edges go, so that they do not cross at the node.
  const ends = (sideOf: number[][], other: (e: number) => number) => {
    const at = new Float64Array(m);
    sideOf.forEach((list, v) => {
      list.sort((a, b) => y(other(a)) - y(other(b)));
      list.forEach((e, i) => {
        at[e] =
          y(v) - nodeHeight / 2 + (nodeHeight * (i + 1)) / (list.length + 1);
      });
    });
    return at;
  };
  const rightSide: number[][] = Array.from({ length: n }, () => []);
  const leftSide: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < m; e++) {
    rightSide[from[e]].push(e);
    leftSide[to[e]].push(e);
  }
  const rightY = ends(rightSide, e => chains[e][1]);
  const leftY = ends(leftSide, e => chains[e][chains[e].length - 2]);

  const layout: GraphLayout = {
    nodes: new Map(),
    edges: new Map(),
    width:
      layerCount > 0
        ? columnX(layerCount - 1) + nodeWidth + options.padding
        : 2 * options.padding,
    height: bottom - top + 2 * options.padding,
  };
  for (let v = 0; v < n; v++) {
    layout.nodes.set(nodeRefs[v], {
      x: columnX(layer[v]),
      y: y(v) - nodeHeight / 2,
    });
  }
  for (let e = 0; e < m; e++) {
    const chain = chains[e];
    // from the right side of `from`, through each dummy's layer, to the left side of `to`
    const points: Point[] = [
      { x: columnX(layer[from[e]]) + nodeWidth, y: rightY[e] },
    ];
    for (let i = 1; i < chain.length - 1; i++) {
      const x = columnX(vertexLayer[chain[i]]);
      points.push({ x, y: y(chain[i]) }, { x: x + nodeWidth, y: y(chain[i]) });
    }
    points.push({ x: columnX(layer[to[e]]), y: leftY[e] });
    // an edge reversed to break a cycle is drawn in its own direction, right to left
    layout.edges.set(edgeKeys[e], reversed[e] ? points.reverse() : points);
  }
  return layout;
}
