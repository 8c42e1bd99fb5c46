import { RefObject, useEffect, useRef, useState } from 'react';
import {
  GraphEdge,
  GraphNode,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import { SurfacePalette } from '../lib/palette';
import { edgeMarkup, NodeWords, nodeMarkup } from './graphMarkup';
import { edgeKey, GraphLayout } from './layout';

/** Nodes and edges put on the page per chunk; large graphs get as many chunks per frame as fit. */
const CHUNK = 250;
const FRAME_BUDGET_MS = 30;

/** Above this many nodes, edges carry no tooltip: one element per edge less to draw. */
const EDGE_TOOLTIPS_UP_TO = 300;

type ColorOf = (node: GraphNode) => string;
type StatusOf = (node: GraphNode) => ReadinessStatus | undefined;

const NO_STATUS: StatusOf = () => undefined;

/** The drawn elements, by entity ref and by edge key, once the drawing is complete. */
export interface Drawn {
  nodes: Map<string, Element>;
  edges: Map<string, Element[]>;
}

export interface GraphDrawingOptions {
  nodes: GraphNode[];
  edges: GraphEdge[];
  layout: GraphLayout;
  root: string;
  cycleNodes: Set<string>;
  colorOf: ColorOf;
  statusOf?: StatusOf;
  surfaces: SurfacePalette;
  words: NodeWords;
  /** An edge's tooltip, in words. */
  edgeWords(edge: GraphEdge): string;
  nodeLayer: RefObject<SVGGElement>;
  edgeLayer: RefObject<SVGGElement>;
}

/**
 * Draws the graph into two layers: nodes first, then edges (beneath them), in chunks; a large graph
 * over several frames. New colours (colour by another property, or readiness arriving) repaint the
 * boxes in place, and new statuses rename the nodes (accessible name and tooltip) in place, so that
 * focus and selection survive. Answers the drawn elements once complete.
 */
export function useGraphDrawing(
  options: GraphDrawingOptions,
): Drawn | undefined {
  const { nodes, edges, layout, root, cycleNodes, surfaces, words } = options;
  const { colorOf, nodeLayer, edgeLayer } = options;
  const statusOf = options.statusOf ?? NO_STATUS;
  const [drawn, setDrawn] = useState<Drawn>();
  // What is drawn: the current colours and statuses when a chunk is drawn, updated in place after.
  const current = useRef({ colorOf, statusOf, edgeWords: options.edgeWords });
  current.current = { colorOf, statusOf, edgeWords: options.edgeWords };
  const paintedWith = useRef<ColorOf>();
  const namedWith = useRef<StatusOf>();

  useEffect(() => {
    const nodeGroup = nodeLayer.current!;
    const edgeGroup = edgeLayer.current!;
    nodeGroup.replaceChildren();
    edgeGroup.replaceChildren();
    setDrawn(undefined);
    const jobs: Array<() => void> = [];
    const colorings = new Set<ColorOf>();
    const namings = new Set<StatusOf>();
    for (let i = 0; i < nodes.length; i += CHUNK) {
      const chunk = nodes.slice(i, i + CHUNK);
      jobs.push(() => {
        const now = current.current;
        colorings.add(now.colorOf);
        namings.add(now.statusOf);
        const markup: string[] = [];
        for (const node of chunk) {
          const at = layout.nodes.get(node.entityRef);
          if (!at) continue;
          markup.push(
            nodeMarkup(
              node,
              at,
              now.colorOf(node),
              node.entityRef === root,
              cycleNodes.has(node.entityRef),
              surfaces,
              words,
              now.statusOf(node),
            ),
          );
        }
        nodeGroup.insertAdjacentHTML('beforeend', markup.join(''));
      });
    }
    const tooltips = nodes.length <= EDGE_TOOLTIPS_UP_TO;
    for (let i = 0; i < edges.length; i += CHUNK) {
      const chunk = edges.slice(i, i + CHUNK);
      jobs.push(() => {
        const markup: string[] = [];
        for (const edge of chunk) {
          const points = layout.edges.get(edgeKey(edge));
          if (!points) continue;
          markup.push(
            edgeMarkup(
              edge,
              points,
              cycleNodes.has(edge.source) && cycleNodes.has(edge.target),
              tooltips ? current.current.edgeWords(edge) : undefined,
              surfaces,
            ),
          );
        }
        edgeGroup.insertAdjacentHTML('beforeend', markup.join(''));
      });
    }
    const finish = () => {
      const drawnNodes = new Map<string, Element>();
      for (const element of Array.from(
        nodeGroup.querySelectorAll('[data-entity-ref]'),
      ))
        drawnNodes.set(element.getAttribute('data-entity-ref')!, element);
      const drawnEdges = new Map<string, Element[]>();
      for (const element of Array.from(edgeGroup.children)) {
        const key = element.getAttribute('data-edge')!;
        const list = drawnEdges.get(key) ?? [];
        list.push(element);
        drawnEdges.set(key, list);
      }
      paintedWith.current =
        colorings.size === 1 ? [...colorings][0] : undefined;
      namedWith.current = namings.size === 1 ? [...namings][0] : undefined;
      setDrawn({ nodes: drawnNodes, edges: drawnEdges });
    };
    if (jobs.length <= 1) {
      jobs.forEach(job => job());
      finish();
      return undefined;
    }
    let next = 0;
    let frame = 0;
    const step = () => {
      const started = performance.now();
      while (
        next < jobs.length &&
        performance.now() - started < FRAME_BUDGET_MS
      )
        jobs[next++]();
      if (next < jobs.length) frame = requestAnimationFrame(step);
      else finish();
    };
    frame = requestAnimationFrame(step);
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [
    nodes,
    edges,
    layout,
    root,
    cycleNodes,
    surfaces,
    words,
    nodeLayer,
    edgeLayer,
  ]);

  useEffect(() => {
    if (!drawn || paintedWith.current === colorOf) return;
    paintedWith.current = colorOf;
    for (const node of nodes) {
      if (node.missing) continue;
      const element = drawn.nodes.get(node.entityRef);
      const color = colorOf(node);
      element?.querySelector('.ls-box')?.setAttribute('stroke', color);
      element?.querySelector('.ls-accent')?.setAttribute('fill', color);
    }
  }, [drawn, nodes, colorOf]);

  useEffect(() => {
    if (!drawn || namedWith.current === statusOf) return;
    namedWith.current = statusOf;
    for (const node of nodes) {
      const element = drawn.nodes.get(node.entityRef);
      if (!element) continue;
      const status = statusOf(node);
      element.setAttribute('aria-label', words.label(node, status));
      const title = element.querySelector('title');
      if (title)
        title.textContent = words.tooltip(
          node,
          status,
          cycleNodes.has(node.entityRef),
        );
    }
  }, [drawn, nodes, statusOf, words, cycleNodes]);

  return drawn;
}
