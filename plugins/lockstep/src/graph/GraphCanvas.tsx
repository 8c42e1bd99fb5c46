import { forwardRef, useEffect, useMemo, useRef, useState } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  GraphEdge,
  GraphNode,
} from '@lockstep/backstage-plugin-lockstep-common';
import { edgeKey, GraphLayout } from './layout';
import { edgeMarkup, NodeWords, nodeMarkup } from './graphMarkup';
import { pathsBetween } from './paths';
import { GraphCanvasHandle, useCanvasZoom } from './useCanvasZoom';
import { surfacesOf, useSurfaces } from '../lib/palette';
import { lockstepTranslationRef } from '../translation';

const useStyles = makeStyles(theme => ({
  svg: {
    width: '100%',
    height: '100%',
    display: 'block',
    cursor: 'grab',
    background: theme.palette.background.default,
    '&:active': { cursor: 'grabbing' },
  },
  // What pointing at or selecting a node changes: classes on the drawn elements, not a new drawing.
  scene: {
    '& .ls-node': { cursor: 'pointer' },
    '&.ls-lighting .ls-node:not(.ls-lit)': { opacity: 0.25 },
    '&.ls-lighting .ls-edge:not(.ls-lit)': { opacity: 0.15 },
    '& .ls-node.ls-lit > .ls-box': { strokeWidth: 3 },
    '& .ls-edge.ls-lit': {
      stroke: surfacesOf(theme).lit,
      strokeWidth: 2.5,
      markerEnd: 'url(#lockstep-arrow-lit)',
    },
  },
  // Zoomed out this far, text is a pixel high: not drawn at all, which keeps drawing and panning a
  // large graph fast. Exports are unaffected (they carry no stylesheet).
  far: {
    '& text': { display: 'none' },
    '& .ls-edge:not(.ls-lit)': { markerEnd: 'none' },
  },
}));

export type { GraphCanvasHandle } from './useCanvasZoom';

export interface GraphCanvasProps {
  root: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  layout: GraphLayout;
  cycleNodes: Set<string>;
  colorOf(node: GraphNode): string;
  selected?: string;
  onSelect(entityRef: string | undefined): void;
  onOpen(node: GraphNode): void;
}

/** The arrow head at the dependency end of an edge. */
const ArrowMarker = ({ id, color }: { id: string; color: string }) => (
  <marker
    id={id}
    viewBox="0 0 10 10"
    refX="10"
    refY="5"
    markerWidth="7"
    markerHeight="7"
    orient="auto-start-reverse"
  >
    <path d="M 0 0 L 10 5 L 0 10 z" fill={color} />
  </marker>
);

/** Nodes and edges put on the page per chunk; large graphs get as many chunks per frame as fit. */
const CHUNK = 250;
const FRAME_BUDGET_MS = 30;

/** Above this many nodes, edges carry no tooltip: one element per edge less to draw. */
const EDGE_TOOLTIPS_UP_TO = 300;

/**
 * The graph drawing: SVG, panned and zoomed with d3-zoom (down to 2 % so any graph fits), edges from
 * dependent to dependency. Pointing at or selecting a node lights the paths between it and the root;
 * clicking opens the entity.
 *
 * Nodes and edges are SVG markup the browser parses, not React elements: a 2,000-node graph is some
 * 20,000 elements, which React would take seconds to create in a development build and a sizeable
 * fraction of that in production. Events are handled once for the whole drawing, and lighting paths
 * or recolouring changes classes and attributes of the drawn elements.
 */
export const GraphCanvas = forwardRef<GraphCanvasHandle, GraphCanvasProps>(
  function GraphCanvasView(props, ref) {
    const { root, nodes, edges, layout, cycleNodes, colorOf, selected } = props;
    const { onSelect, onOpen } = props;
    const classes = useStyles();
    const surfaces = useSurfaces();
    const { t } = useTranslationRef(lockstepTranslationRef);
    const words = useMemo<NodeWords>(
      () => ({
        notInCatalog: t('graph.canvas.notInCatalog'),
        label: node =>
          t(
            node.missing
              ? 'graph.canvas.nodeLabelMissing'
              : 'graph.canvas.nodeLabel',
            { title: node.title ?? node.name, kind: node.kind },
          ),
        inCycle: entityRef => t('graph.canvas.nodeInCycle', { entityRef }),
      }),
      [t],
    );
    const { svgRef, sceneRef } = useCanvasZoom(ref, layout, classes.far);
    const stageRef = useRef<SVGGElement>(null);
    const nodesRef = useRef<SVGGElement>(null);
    const edgesRef = useRef<SVGGElement>(null);
    const [hovered, setHovered] = useState<string>();
    const [drawn, setDrawn] = useState<{
      nodes: Map<string, Element>;
      edges: Map<string, Element[]>;
    }>();
    // The colours drawn: the current ones when a chunk is drawn, updated in place when they change.
    const colorOfRef = useRef(colorOf);
    colorOfRef.current = colorOf;
    const paintedWith = useRef<GraphCanvasProps['colorOf']>();

    // Draw: nodes first, then edges (beneath them), in chunks; a large graph over several frames,
    // out of sight until complete. `data-complete` marks the end.
    useEffect(() => {
      const nodeLayer = nodesRef.current!;
      const edgeLayer = edgesRef.current!;
      nodeLayer.replaceChildren();
      edgeLayer.replaceChildren();
      setDrawn(undefined);
      const jobs: Array<() => void> = [];
      const colorings = new Set<GraphCanvasProps['colorOf']>();
      for (let i = 0; i < nodes.length; i += CHUNK) {
        const chunk = nodes.slice(i, i + CHUNK);
        jobs.push(() => {
          colorings.add(colorOfRef.current);
          const markup: string[] = [];
          for (const node of chunk) {
            const at = layout.nodes.get(node.entityRef);
            if (!at) continue;
            markup.push(
              nodeMarkup(
                node,
                at,
                colorOfRef.current(node),
                node.entityRef === root,
                cycleNodes.has(node.entityRef),
                surfaces,
                words,
              ),
            );
          }
          nodeLayer.insertAdjacentHTML('beforeend', markup.join(''));
        });
      }
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
                nodes.length <= EDGE_TOOLTIPS_UP_TO,
                surfaces,
              ),
            );
          }
          edgeLayer.insertAdjacentHTML('beforeend', markup.join(''));
        });
      }
      const finish = () => {
        const drawnNodes = new Map<string, Element>();
        for (const element of Array.from(nodeLayer.children))
          drawnNodes.set(element.getAttribute('data-entity-ref')!, element);
        const drawnEdges = new Map<string, Element[]>();
        for (const element of Array.from(edgeLayer.children)) {
          const key = element.getAttribute('data-edge')!;
          const list = drawnEdges.get(key) ?? [];
          list.push(element);
          drawnEdges.set(key, list);
        }
        paintedWith.current =
          colorings.size === 1 ? [...colorings][0] : undefined;
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
    }, [nodes, edges, layout, root, cycleNodes, surfaces, words]);

    // New colours (colour by another property, or readiness arriving) repaint the boxes in place.
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

    const focus = hovered ?? selected;
    const lit = useMemo(
      () =>
        focus && focus !== root ? pathsBetween(edges, root, focus) : undefined,
      [edges, root, focus],
    );
    useEffect(() => {
      const scene = sceneRef.current;
      if (!drawn || !scene || !lit) return undefined;
      const marked: Element[] = [];
      for (const entityRef of lit.nodes) {
        const element = drawn.nodes.get(entityRef);
        if (element) marked.push(element);
      }
      for (const key of lit.edges) marked.push(...(drawn.edges.get(key) ?? []));
      marked.forEach(element => element.classList.add('ls-lit'));
      scene.classList.add('ls-lighting');
      return () => {
        scene.classList.remove('ls-lighting');
        marked.forEach(element => element.classList.remove('ls-lit'));
      };
    }, [drawn, lit, sceneRef]);

    const nodesByRef = useMemo(
      () => new Map(nodes.map(node => [node.entityRef, node])),
      [nodes],
    );
    const nodeAt = (target: EventTarget) =>
      nodesByRef.get(
        (target as Element)
          .closest('[data-entity-ref]')
          ?.getAttribute('data-entity-ref') ?? '',
      );

    return (
      <svg
        ref={svgRef}
        className={classes.svg}
        xmlns="http://www.w3.org/2000/svg"
        onClick={event => {
          const node = nodeAt(event.target);
          if (!node) onSelect(undefined);
          else if (!node.missing) onOpen(node);
        }}
        onKeyDown={event => {
          const node = nodeAt(event.target);
          if (event.key === 'Enter' && node && !node.missing) onOpen(node);
        }}
        onFocus={event => {
          const node = nodeAt(event.target);
          if (node) onSelect(node.entityRef);
        }}
        onMouseOver={event => setHovered(nodeAt(event.target)?.entityRef)}
        onMouseLeave={() => setHovered(undefined)}
        aria-label={t('graph.canvas.ariaLabel')}
        role="img"
        data-complete={drawn ? 'true' : undefined}
      >
        <defs>
          <ArrowMarker id="lockstep-arrow" color={surfaces.arrow} />
          <ArrowMarker id="lockstep-arrow-lit" color={surfaces.lit} />
        </defs>
        <g ref={sceneRef} className={classes.scene}>
          <g ref={stageRef}>
            <g ref={edgesRef} />
            <g ref={nodesRef} />
          </g>
        </g>
      </svg>
    );
  },
);
