import { forwardRef, useEffect, useMemo, useRef, useState } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  GraphEdge,
  GraphNode,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import { GraphLayout } from './layout';
import { NodeWords } from './graphMarkup';
import { useGraphWords } from './graphWords';
import { pathsBetween } from './paths';
import { GraphCanvasHandle, useCanvasZoom } from './useCanvasZoom';
import { useGraphDrawing } from './useGraphDrawing';
import { surfacesOf, useSurfaces } from '../lib/palette';
import { lockstepTranslationRef } from '../translation';

const useStyles = makeStyles(
  theme => ({
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
      '& .ls-node': { cursor: 'pointer', outline: 'none' },
      '&.ls-lighting .ls-node:not(.ls-lit)': { opacity: 0.25 },
      '&.ls-lighting .ls-node:not(.ls-lit) + .ls-marks': { opacity: 0.25 },
      '&.ls-lighting .ls-edge:not(.ls-lit)': { opacity: 0.15 },
      '& .ls-node.ls-lit > .ls-box': { strokeWidth: 3 },
      '& .ls-edge.ls-lit': {
        stroke: surfacesOf(theme).lit,
        strokeWidth: 2.5,
        markerEnd: 'url(#lockstep-arrow-lit)',
      },
      // the keyboard focus: a thick ring in the path colour
      '& .ls-node:focus-visible > .ls-box': {
        stroke: surfacesOf(theme).lit,
        strokeWidth: 4,
      },
    },
    // Zoomed out this far, text is a pixel high: not drawn at all, which keeps drawing and panning a
    // large graph fast. Exports are unaffected (they carry no stylesheet).
    far: {
      '& text': { display: 'none' },
      '& .ls-edge:not(.ls-lit)': { markerEnd: 'none' },
    },
  }),
  { name: 'LockstepGraphCanvas' },
);

export type { GraphCanvasHandle } from './useCanvasZoom';

export interface GraphCanvasProps {
  root: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  layout: GraphLayout;
  cycleNodes: Set<string>;
  colorOf(node: GraphNode): string;
  /** Readiness of a node, once known: in its accessible name and tooltip. */
  statusOf?(node: GraphNode): ReadinessStatus | undefined;
  selected?: string;
  onSelect(entityRef: string | undefined): void;
  /** A click on a node, or Enter on it; not for nodes the catalog does not have. */
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

/**
 * The graph drawing: SVG, panned and zoomed with d3-zoom, edges from dependent to dependency.
 * Pointing at or selecting a node lights the paths between it and the root; clicking it or Enter
 * on it calls `onOpen`. For assistive technology the drawing is a group holding a list of the nodes,
 * each a link named by title, kind and readiness; the edges are hidden from it.
 *
 * Nodes and edges are SVG markup the browser parses, not React elements (see `useGraphDrawing`): a
 * 2,000-node graph is some 20,000 elements, which React would take seconds to create in a
 * development build. Events are handled once for the whole drawing.
 */
export const GraphCanvas = forwardRef<GraphCanvasHandle, GraphCanvasProps>(
  function GraphCanvasView(props, ref) {
    const { root, nodes, edges, layout, cycleNodes, colorOf, selected } = props;
    const { statusOf, onSelect, onOpen } = props;
    const classes = useStyles();
    const surfaces = useSurfaces();
    const { t } = useTranslationRef(lockstepTranslationRef);
    const graphWords = useGraphWords();
    const nodesByRef = useMemo(
      () => new Map(nodes.map(node => [node.entityRef, node])),
      [nodes],
    );
    const words = useMemo<NodeWords>(
      () => ({
        notInCatalog: t('graph.canvas.notInCatalog'),
        label: (node, status) => {
          const values = { title: node.title ?? node.name, kind: node.kind };
          if (node.missing) return t('graph.canvas.nodeLabelMissing', values);
          return status
            ? t('graph.canvas.nodeLabelStatus', {
                ...values,
                status: graphWords.status(status),
              })
            : t('graph.canvas.nodeLabel', values);
        },
        tooltip: (node, status, inCycle) => {
          const title = graphWords.displayName(node);
          const said = node.missing
            ? t('graph.canvas.notInCatalog')
            : status && graphWords.status(status);
          const label = said
            ? t('graph.canvas.nodeTooltip', { title, status: said })
            : title;
          return inCycle ? t('graph.canvas.nodeInCycle', { label }) : label;
        },
      }),
      [t, graphWords],
    );
    const edgeWords = (edge: GraphEdge) =>
      t('graph.canvas.edgeTooltip', {
        source: graphWords.nameOf(edge.source, nodesByRef),
        relation: graphWords.edge(edge, nodesByRef),
        target: graphWords.nameOf(edge.target, nodesByRef),
      });
    const { svgRef, sceneRef, reveal } = useCanvasZoom(
      ref,
      layout,
      classes.far,
      root,
    );
    const nodesRef = useRef<SVGGElement>(null);
    const edgesRef = useRef<SVGGElement>(null);
    const [hovered, setHovered] = useState<string>();
    const drawn = useGraphDrawing({
      nodes,
      edges,
      layout,
      root,
      cycleNodes,
      colorOf,
      statusOf,
      surfaces,
      words,
      edgeWords,
      nodeLayer: nodesRef,
      edgeLayer: edgesRef,
    });

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
          if (event.key === 'Enter' && node && !node.missing) {
            event.preventDefault();
            onOpen(node);
          }
        }}
        onFocus={event => {
          const node = nodeAt(event.target);
          if (!node) return;
          onSelect(node.entityRef);
          reveal(node.entityRef);
        }}
        onMouseOver={event => setHovered(nodeAt(event.target)?.entityRef)}
        onMouseLeave={() => setHovered(undefined)}
        aria-label={t('graph.canvas.ariaLabel')}
        role="group"
        data-complete={drawn ? 'true' : undefined}
      >
        <defs>
          <ArrowMarker id="lockstep-arrow" color={surfaces.arrow} />
          <ArrowMarker id="lockstep-arrow-lit" color={surfaces.lit} />
        </defs>
        <g ref={sceneRef} className={classes.scene}>
          <g>
            <g ref={edgesRef} aria-hidden="true" />
            <g
              ref={nodesRef}
              role="list"
              aria-label={t('graph.canvas.nodesLabel')}
            />
          </g>
        </g>
      </svg>
    );
  },
);
