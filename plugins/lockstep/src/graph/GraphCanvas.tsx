import {
  forwardRef,
  memo,
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

const useStyles = makeStyles(theme => ({
  svg: {
    width: '100%',
    height: '100%',
    display: 'block',
    cursor: 'grab',
    background: theme.palette.background.default,
    '&:active': { cursor: 'grabbing' },
  },
}));

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

/** Elements added to the page per frame; about 40 ms of React and DOM work each on this machine. */
const RENDER_SLICE = 400;

const pathOf = (points: Point[]) =>
  points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join('');

const truncate = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

interface NodeBoxProps {
  node: GraphNode;
  at: Point;
  color: string;
  isRoot: boolean;
  inCycle: boolean;
  state: 'normal' | 'lit' | 'dim';
  onSelect(entityRef: string): void;
  onOpen(node: GraphNode): void;
}

/** One entity: a box in its group colour, title and kind/owner, with marks for missing, cycles and "N more". */
const NodeBox = memo(function NodeBoxView(props: NodeBoxProps) {
  const { node, at, color, isRoot, inCycle, state } = props;
  const title = node.title ?? node.name;
  const subtitle = node.missing
    ? 'not in the catalog'
    : `${node.kind}${
        node.owner ? ` · ${node.owner.replace(/^[^:]+:(default\/)?/, '')}` : ''
      }`;
  return (
    <g
      transform={`translate(${at.x},${at.y})`}
      opacity={state === 'dim' ? 0.25 : 1}
      style={{ cursor: 'pointer' }}
      data-entity-ref={node.entityRef}
      role="link"
      tabIndex={0}
      aria-label={`${title} (${node.kind})${
        node.missing ? ', not in the catalog' : ''
      }`}
      onClick={event => {
        event.stopPropagation();
        if (!node.missing) props.onOpen(node);
      }}
      onKeyDown={event => {
        if (event.key === 'Enter' && !node.missing) props.onOpen(node);
      }}
      onFocus={() => props.onSelect(node.entityRef)}
    >
      <title>{`${node.entityRef}${
        inCycle ? ' — in a dependency cycle' : ''
      }`}</title>
      <rect
        width={NODE_WIDTH}
        height={NODE_HEIGHT}
        rx={6}
        fill={node.missing ? '#fff5f5' : '#ffffff'}
        stroke={node.missing ? '#d32f2f' : color}
        strokeWidth={isRoot || state === 'lit' ? 3 : 1.5}
        strokeDasharray={node.missing ? '5 3' : undefined}
      />
      <rect
        width={6}
        height={NODE_HEIGHT}
        rx={3}
        fill={node.missing ? '#d32f2f' : color}
      />
      <text
        x={14}
        y={18}
        fontSize={13}
        fontWeight={isRoot ? 700 : 500}
        fill="#212121"
      >
        {truncate(title, 24)}
      </text>
      <text
        x={14}
        y={35}
        fontSize={11}
        fill={node.missing ? '#d32f2f' : '#616161'}
      >
        {truncate(subtitle, 30)}
      </text>
      {inCycle && (
        <text
          x={NODE_WIDTH - 8}
          y={16}
          fontSize={13}
          textAnchor="end"
          fill="#d32f2f"
        >
          ↻
        </text>
      )}
      {node.more ? (
        <g transform={`translate(${NODE_WIDTH - 34},${NODE_HEIGHT - 12})`}>
          <rect width={30} height={16} rx={8} fill="#455a64" />
          <text x={15} y={12} fontSize={10} textAnchor="middle" fill="#fff">
            +{node.more}
          </text>
        </g>
      ) : null}
    </g>
  );
});

/**
 * The graph drawing: SVG, panned and zoomed with d3-zoom (down to 2 % so any graph fits), edges from
 * dependent to dependency. Pointing at or selecting a node lights the paths between it and the root;
 * clicking opens the entity.
 */
export const GraphCanvas = forwardRef<GraphCanvasHandle, GraphCanvasProps>(
  function GraphCanvasView(props, ref) {
    const { root, nodes, edges, layout, cycleNodes, colorOf, selected } = props;
    const classes = useStyles();
    const svgRef = useRef<SVGSVGElement>(null);
    const sceneRef = useRef<SVGGElement>(null);
    const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown>>();
    const [hovered, setHovered] = useState<string>();

    useEffect(() => {
      const svg = svgRef.current!;
      const behavior = zoom<SVGSVGElement, unknown>()
        .scaleExtent([0.02, 4])
        .on('zoom', event => {
          sceneRef.current?.setAttribute(
            'transform',
            event.transform.toString(),
          );
        });
      zoomRef.current = behavior;
      select(svg).call(behavior).on('dblclick.zoom', null);
    }, []);

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

    // Large graphs are added to the page a slice per frame (nodes first, then edges), so that no
    // single commit blocks the main thread for long; `data-complete` marks the end.
    const total = nodes.length + edges.length;
    const [rendered, setRendered] = useState(Math.min(total, RENDER_SLICE));
    useEffect(() => {
      setRendered(Math.min(total, RENDER_SLICE));
      if (total <= RENDER_SLICE) return undefined;
      let frame = 0;
      const step = () => {
        setRendered(current => {
          const next = Math.min(total, current + RENDER_SLICE);
          if (next < total) frame = requestAnimationFrame(step);
          return next;
        });
      };
      frame = requestAnimationFrame(step);
      return () => cancelAnimationFrame(frame);
    }, [total, nodes, edges]);
    const shownNodes =
      rendered >= nodes.length ? nodes : nodes.slice(0, rendered);
    const shownEdges = edges.slice(0, Math.max(0, rendered - nodes.length));

    const focus = hovered ?? selected;
    const lit = useMemo(
      () =>
        focus && focus !== root ? pathsBetween(edges, root, focus) : undefined,
      [edges, root, focus],
    );

    return (
      <svg
        ref={svgRef}
        className={classes.svg}
        xmlns="http://www.w3.org/2000/svg"
        onClick={() => props.onSelect(undefined)}
        onMouseOver={event => {
          const target = (event.target as Element).closest('[data-entity-ref]');
          setHovered(target?.getAttribute('data-entity-ref') ?? undefined);
        }}
        onMouseLeave={() => setHovered(undefined)}
        aria-label="Dependency graph"
        role="img"
        data-complete={rendered >= total ? 'true' : undefined}
      >
        <defs>
          <ArrowMarker id="lockstep-arrow" color="#90a4ae" />
          <ArrowMarker id="lockstep-arrow-lit" color="#1565c0" />
        </defs>
        <g ref={sceneRef}>
          {shownEdges.map(edge => {
            const key = edgeKey(edge);
            const points = layout.edges.get(key);
            if (!points) return null;
            const isLit = lit?.edges.has(key);
            const inCycle =
              cycleNodes.has(edge.source) && cycleNodes.has(edge.target);
            let stroke = '#b0bec5';
            if (inCycle) stroke = '#e57373';
            if (isLit) stroke = '#1565c0';
            return (
              <path
                key={`${key} ${edge.relation}`}
                d={pathOf(points)}
                fill="none"
                stroke={stroke}
                strokeWidth={isLit ? 2.5 : 1.2}
                strokeDasharray={
                  edge.relation === 'indirect' ? '6 4' : undefined
                }
                opacity={lit && !isLit ? 0.15 : 1}
                markerEnd={`url(#${
                  isLit ? 'lockstep-arrow-lit' : 'lockstep-arrow'
                })`}
              >
                <title>{`${edge.source} ${edge.relation} ${edge.target}`}</title>
              </path>
            );
          })}
          {shownNodes.map(node => {
            const at = layout.nodes.get(node.entityRef);
            if (!at) return null;
            let state: NodeBoxProps['state'] = 'normal';
            if (lit) state = lit.nodes.has(node.entityRef) ? 'lit' : 'dim';
            return (
              <NodeBox
                key={node.entityRef}
                node={node}
                at={at}
                color={colorOf(node)}
                isRoot={node.entityRef === root}
                inCycle={cycleNodes.has(node.entityRef)}
                state={state}
                onSelect={props.onSelect}
                onOpen={props.onOpen}
              />
            );
          })}
        </g>
      </svg>
    );
  },
);
