import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from 'react';
import { select } from 'd3-selection';
import { zoom, ZoomBehavior, zoomIdentity } from 'd3-zoom';
import { makeStyles } from '@material-ui/core/styles';
import {
  GraphEdge,
  GraphNode,
} from '@lockstep/backstage-plugin-lockstep-common';
import { edgeKey, GraphLayout, NODE_HEIGHT, NODE_WIDTH, Point } from './layout';
import { pathsBetween } from './paths';
import { FILLS, SurfacePalette, surfacesOf, useSurfaces } from '../lib/palette';

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

/** Below this zoom, text and arrow heads are left out (see `far`). */
const DETAIL_SCALE = 0.2;

export interface GraphCanvasHandle {
  fit(): void;
  zoomBy(factor: number): void;
  centerOn(entityRef: string): void;
  /** The drawing as a standalone SVG document, for export. */
  svgElement(): SVGSVGElement | null;
}

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

const pathOf = (points: Point[]) =>
  points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join('');

const truncate = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escape = (text: string) => text.replace(/[&<>"']/g, c => ESCAPES[c]);

/**
 * One entity as SVG markup: a box in its group colour, title and kind/owner, with marks for
 * missing, cycles and "N more". A link for assistive technology; the canvas handles its events.
 */
function nodeMarkup(
  node: GraphNode,
  at: Point,
  color: string,
  isRoot: boolean,
  inCycle: boolean,
  surfaces: SurfacePalette,
): string {
  const MISSING = surfaces.missing;
  const title = node.title ?? node.name;
  const subtitle = node.missing
    ? 'not in the catalog'
    : `${node.kind}${
        node.owner ? ` · ${node.owner.replace(/^[^:]+:(default\/)?/, '')}` : ''
      }`;
  const label = `${title} (${node.kind})${
    node.missing ? ', not in the catalog' : ''
  }`;
  const stroke = node.missing ? MISSING : color;
  // Absolute coordinates rather than a transform per node: each transform would be a separate
  // piece of the page for the browser's paint and compositing steps to handle.
  const { x, y } = at;
  return [
    `<g class="ls-node" data-entity-ref="${escape(
      node.entityRef,
    )}" role="link" tabindex="0" aria-label="${escape(label)}">`,
    `<title>${escape(node.entityRef)}${
      inCycle ? ' — in a dependency cycle' : ''
    }</title>`,
    `<rect class="ls-box" x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6" fill="${
      node.missing ? surfaces.nodeMissing : surfaces.node
    }" stroke="${stroke}" stroke-width="${isRoot ? 3 : 1.5}"${
      node.missing ? ' stroke-dasharray="5 3"' : ''
    }/>`,
    `<rect class="ls-accent" x="${x}" y="${y}" width="6" height="${NODE_HEIGHT}" rx="3" fill="${stroke}"/>`,
    `<text x="${x + 14}" y="${y + 18}" font-size="13" font-weight="${
      isRoot ? 700 : 500
    }" fill="${surfaces.nodeText}">${escape(truncate(title, 24))}</text>`,
    `<text x="${x + 14}" y="${y + 35}" font-size="11" fill="${
      node.missing ? MISSING : surfaces.nodeSubtext
    }">${escape(truncate(subtitle, 30))}</text>`,
    inCycle
      ? `<text x="${x + NODE_WIDTH - 8}" y="${
          y + 16
        }" font-size="13" text-anchor="end" fill="${MISSING}">↻</text>`
      : '',
    node.more
      ? `<rect x="${x + NODE_WIDTH - 34}" y="${
          y + NODE_HEIGHT - 12
        }" width="30" height="16" rx="8" fill="${
          FILLS.slate.color
        }"/><text x="${x + NODE_WIDTH - 19}" y="${
          y + NODE_HEIGHT
        }" font-size="10" text-anchor="middle" fill="${
          FILLS.slate.contrastText
        }">+${node.more}</text>`
      : '',
    '</g>',
  ].join('');
}

/** One edge, from dependent to dependency: red in a cycle, dashed when indirect. */
function edgeMarkup(
  edge: GraphEdge,
  points: Point[],
  inCycle: boolean,
  tooltip: boolean,
  surfaces: SurfacePalette,
) {
  return `<path class="ls-edge" data-edge="${escape(
    edgeKey(edge),
  )}" d="${pathOf(points)}" fill="none" stroke="${
    inCycle ? surfaces.edgeInCycle : surfaces.edge
  }" stroke-width="1.2"${
    edge.relation === 'indirect' ? ' stroke-dasharray="6 4"' : ''
  } marker-end="url(#lockstep-arrow)">${
    tooltip
      ? `<title>${escape(
          `${edge.source} ${edge.relation} ${edge.target}`,
        )}</title>`
      : ''
  }</path>`;
}

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
    const svgRef = useRef<SVGSVGElement>(null);
    const sceneRef = useRef<SVGGElement>(null);
    const stageRef = useRef<SVGGElement>(null);
    const nodesRef = useRef<SVGGElement>(null);
    const edgesRef = useRef<SVGGElement>(null);
    const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown>>();
    const [hovered, setHovered] = useState<string>();
    const [drawn, setDrawn] = useState<{
      nodes: Map<string, Element>;
      edges: Map<string, Element[]>;
    }>();
    // The colours drawn: the current ones when a chunk is drawn, updated in place when they change.
    const colorOfRef = useRef(colorOf);
    colorOfRef.current = colorOf;
    const paintedWith = useRef<GraphCanvasProps['colorOf']>();

    useEffect(() => {
      const svg = svgRef.current!;
      const behavior = zoom<SVGSVGElement, unknown>()
        .scaleExtent([0.02, 4])
        .on('zoom', event => {
          const scene = sceneRef.current;
          scene?.setAttribute('transform', event.transform.toString());
          scene?.classList.toggle(
            classes.far,
            event.transform.k < DETAIL_SCALE,
          );
        });
      zoomRef.current = behavior;
      select(svg).call(behavior).on('dblclick.zoom', null);
    }, [classes.far]);

    const fit = useCallback(() => {
      const svg = svgRef.current;
      if (!svg || !zoomRef.current || layout.width === 0) return;
      const { width, height } = svg.getBoundingClientRect();
      const scale = Math.min(
        1,
        0.95 * Math.min(width / layout.width, height / layout.height),
      );
      const transform = zoomIdentity
        .translate(
          (width - layout.width * scale) / 2,
          (height - layout.height * scale) / 2,
        )
        .scale(scale);
      select(svg).call(zoomRef.current.transform, transform);
    }, [layout]);

    useEffect(fit, [fit]);

    useImperativeHandle(
      ref,
      () => ({
        fit,
        zoomBy(factor) {
          if (svgRef.current && zoomRef.current) {
            select(svgRef.current).call(zoomRef.current.scaleBy, factor);
          }
        },
        centerOn(entityRef) {
          const at = layout.nodes.get(entityRef);
          const svg = svgRef.current;
          if (!at || !svg || !zoomRef.current) return;
          const { width, height } = svg.getBoundingClientRect();
          const scale = 1;
          const transform = zoomIdentity
            .translate(
              width / 2 - (at.x + NODE_WIDTH / 2) * scale,
              height / 2 - (at.y + NODE_HEIGHT / 2) * scale,
            )
            .scale(scale);
          select(svg).call(zoomRef.current.transform, transform);
        },
        svgElement: () => svgRef.current,
      }),
      [fit, layout],
    );

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
    }, [nodes, edges, layout, root, cycleNodes, surfaces]);

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
    }, [drawn, lit]);

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
        aria-label="Dependency graph"
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
