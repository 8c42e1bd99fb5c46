import {
  ForwardedRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
} from 'react';
import { select } from 'd3-selection';
import { zoom, ZoomBehavior, zoomIdentity } from 'd3-zoom';
import { GraphLayout, NODE_HEIGHT, NODE_WIDTH } from './layout';

/** Below this zoom, text and arrow heads are left out (the canvas's `far` class). */
const DETAIL_SCALE = 0.2;

export interface GraphCanvasHandle {
  fit(): void;
  zoomBy(factor: number): void;
  centerOn(entityRef: string): void;
  /** The drawing as a standalone SVG document, for export. */
  svgElement(): SVGSVGElement | null;
}

/**
 * Panning and zooming of the canvas with d3-zoom (down to 2 % so any graph fits, no zoom on double
 * click), fitted to the layout whenever it changes, and the handle the page's zoom buttons, search
 * and export use. Below `DETAIL_SCALE` the scene gets `farClass`. Answers the refs to put on the
 * `<svg>` and on the group that is transformed.
 */
export function useCanvasZoom(
  ref: ForwardedRef<GraphCanvasHandle>,
  layout: GraphLayout,
  farClass: string,
) {
  const svgRef = useRef<SVGSVGElement>(null);
  const sceneRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown>>();

  useEffect(() => {
    const svg = svgRef.current!;
    const behavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.02, 4])
      .on('zoom', event => {
        const scene = sceneRef.current;
        scene?.setAttribute('transform', event.transform.toString());
        scene?.classList.toggle(farClass, event.transform.k < DETAIL_SCALE);
      });
    zoomRef.current = behavior;
    select(svg).call(behavior).on('dblclick.zoom', null);
  }, [farClass]);

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

  return { svgRef, sceneRef };
}
