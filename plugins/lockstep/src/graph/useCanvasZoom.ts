import {
  ForwardedRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
} from 'react';
import { select } from 'd3-selection';
import { zoom, ZoomBehavior, zoomIdentity, zoomTransform } from 'd3-zoom';
import { fitTransform } from './fitView';
import { GraphLayout, NODE_HEIGHT, NODE_WIDTH } from './layout';

/** Below this zoom, text and arrow heads are left out (the canvas's `far` class). */
const DETAIL_SCALE = 0.2;

export interface GraphCanvasHandle {
  /** The whole drawing in view, as far as its text stays legible; centred on the root beyond that. */
  fit(): void;
  zoomBy(factor: number): void;
  centerOn(entityRef: string): void;
  /** Moves the keyboard focus to a node (the root when not given). */
  focusNode(entityRef?: string): void;
  /** The drawing as a standalone SVG document, for export. */
  svgElement(): SVGSVGElement | null;
}

/**
 * Panning and zooming of the canvas with d3-zoom (down to 2 % for whoever zooms out by hand, no
 * zoom on double click), fitted to the layout whenever it changes and whenever the canvas changes
 * size until the user moves the view (after that a new size keeps the centre where it is), and the
 * handle the page's zoom buttons, search, panel and export use. Below `DETAIL_SCALE` the scene gets
 * `farClass`. Answers the refs to put on the `<svg>` and on the group that is transformed.
 */
export function useCanvasZoom(
  ref: ForwardedRef<GraphCanvasHandle>,
  layout: GraphLayout,
  farClass: string,
  root?: string,
) {
  const svgRef = useRef<SVGSVGElement>(null);
  const sceneRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown>>();
  // whether the user moved the view since the last fit
  const moved = useRef(false);

  useEffect(() => {
    const svg = svgRef.current!;
    const behavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.02, 4])
      .on('zoom', event => {
        if (event.sourceEvent) moved.current = true;
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
    // not laid out yet (a hidden tab): the size observer fits once it is
    if (width === 0 || height === 0) return;
    const { x, y, k } = fitTransform(
      { width, height },
      layout,
      root ? layout.nodes.get(root) : undefined,
    );
    moved.current = false;
    select(svg).call(
      zoomRef.current.transform,
      zoomIdentity.translate(x, y).scale(k),
    );
  }, [layout, root]);

  useEffect(fit, [fit]);

  // A canvas that changes size (the window, the panel beside it) is fitted again until the user
  // moved the view; after that its centre stays where it is.
  const fitRef = useRef(fit);
  fitRef.current = fit;
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || typeof ResizeObserver === 'undefined') return undefined;
    let last = svg.getBoundingClientRect();
    const observer = new ResizeObserver(() => {
      const size = svg.getBoundingClientRect();
      const dw = size.width - last.width;
      const dh = size.height - last.height;
      const wasEmpty = last.width === 0 || last.height === 0;
      last = size;
      if (dw === 0 && dh === 0) return;
      if (!moved.current || wasEmpty) fitRef.current();
      else if (zoomRef.current) {
        const { k } = zoomTransform(svg);
        select(svg).call(zoomRef.current.translateBy, dw / 2 / k, dh / 2 / k);
      }
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, []);

  /** Pans a node that is out of view (reached with Tab) into the middle, at the current zoom. */
  const reveal = useCallback(
    (entityRef: string) => {
      const at = layout.nodes.get(entityRef);
      const svg = svgRef.current;
      if (!at || !svg || !zoomRef.current) return;
      const { width, height } = svg.getBoundingClientRect();
      if (width === 0 || height === 0) return;
      const t = zoomTransform(svg);
      const [left, top] = t.apply([at.x, at.y]);
      const [right, bottom] = t.apply([at.x + NODE_WIDTH, at.y + NODE_HEIGHT]);
      if (left >= 0 && top >= 0 && right <= width && bottom <= height) return;
      select(svg).call(
        zoomRef.current.translateBy,
        (width / 2 - (left + right) / 2) / t.k,
        (height / 2 - (top + bottom) / 2) / t.k,
      );
    },
    [layout],
  );

  useImperativeHandle(
    ref,
    () => ({
      fit,
      zoomBy(factor) {
        if (svgRef.current && zoomRef.current) {
          moved.current = true;
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
        moved.current = true;
        select(svg).call(zoomRef.current.transform, transform);
      },
      focusNode(entityRef) {
        const wanted = entityRef ?? root;
        const node = Array.from(
          svgRef.current?.querySelectorAll<SVGGElement>('[data-entity-ref]') ??
            [],
        ).find(element => element.getAttribute('data-entity-ref') === wanted);
        node?.focus();
      },
      svgElement: () => svgRef.current,
    }),
    [fit, layout, root],
  );

  return { svgRef, sceneRef, reveal };
}
