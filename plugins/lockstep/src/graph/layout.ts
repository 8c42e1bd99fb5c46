import {
  GraphEdge,
  GraphNode,
} from '@lockstep/backstage-plugin-lockstep-common';
import { layeredLayout, LayeredLayoutOptions } from './layeredLayout';
import { layoutInWorker } from './workerLayout';

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 44;

export interface Point {
  x: number;
  y: number;
}

export interface GraphLayout {
  /** Top-left corner of each node, by entity ref. */
  nodes: Map<string, Point>;
  /** Polyline of each edge, by `${source} ${target}`, from dependent to dependency. */
  edges: Map<string, Point[]>;
  width: number;
  height: number;
}

export const edgeKey = (edge: { source: string; target: string }) =>
  `${edge.source} ${edge.target}`;

/** From this many nodes the layout runs in a Web Worker; smaller graphs take a few milliseconds. */
const WORKER_FROM = 150;

const OPTIONS: LayeredLayoutOptions = {
  nodeWidth: NODE_WIDTH,
  nodeHeight: NODE_HEIGHT,
  nodeSpacing: 16,
  layerSpacing: 64,
  edgeSpacing: 8,
  padding: 12,
};

const layouts = new WeakMap<
  GraphNode[],
  { edges: GraphEdge[]; layout: Promise<GraphLayout> }
>();

/**
 * Lays the graph out left to right: dependents on the left, dependencies on the right, so upstream
 * flows rightwards from the root (see `layeredLayout`). Large graphs are laid out in a Web Worker.
 * One layout per answer: started as soon as the answer arrives (see EntityDependenciesContent) and
 * picked up by whoever renders it.
 */
export function layoutGraph(
  nodes: GraphNode[],
  edges: GraphEdge[],
): Promise<GraphLayout> {
  const started = layouts.get(nodes);
  if (started?.edges === edges) return started.layout;
  const nodeRefs = nodes.map(node => node.entityRef);
  const links = edges.map(edge => ({
    source: edge.source,
    target: edge.target,
    key: edgeKey(edge),
  }));
  const layout =
    nodes.length >= WORKER_FROM
      ? layoutInWorker(nodeRefs, links, OPTIONS)
      : Promise.resolve().then(() => layeredLayout(nodeRefs, links, OPTIONS));
  layouts.set(nodes, { edges, layout });
  return layout;
}
