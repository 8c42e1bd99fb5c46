import { NODE_SUBTITLE_PX } from './graphMarkup';
import { NODE_HEIGHT, NODE_WIDTH, Point } from './layout';

/** The smallest text on screen a reader can still take in, in CSS pixels. */
export const LEGIBLE_TEXT_PX = 10;

/** How far fitting zooms out at most: the smallest text of a node (its subtitle) stays legible. */
export const LEGIBLE_SCALE = LEGIBLE_TEXT_PX / NODE_SUBTITLE_PX;

/** Fitting never zooms in beyond 100 %, and leaves this share of the view as a margin. */
const FILL = 0.95;

export interface FitTransform {
  x: number;
  y: number;
  k: number;
}

/**
 * The view that fits a drawing of `width` × `height` into a viewport: as large as fits, between
 * `LEGIBLE_SCALE` and 100 %, centred. A drawing that does not fit at the legible scale is centred on
 * `focus` (the root's top-left corner) along the side that does not fit, kept within the drawing's
 * edges, for the user to pan from.
 */
export function fitTransform(
  viewport: { width: number; height: number },
  drawing: { width: number; height: number },
  focus?: Point,
): FitTransform {
  const k = Math.max(
    LEGIBLE_SCALE,
    Math.min(
      1,
      FILL *
        Math.min(
          viewport.width / drawing.width,
          viewport.height / drawing.height,
        ),
    ),
  );
  const along = (view: number, size: number, at: number | undefined) => {
    const drawn = size * k;
    if (drawn <= view) return (view - drawn) / 2;
    const centre = at === undefined ? size / 2 : at;
    // the focus in the middle, but no empty space beyond either edge of the drawing
    return Math.min(0, Math.max(view - drawn, view / 2 - centre * k));
  };
  return {
    k,
    x: along(viewport.width, drawing.width, focus && focus.x + NODE_WIDTH / 2),
    y: along(
      viewport.height,
      drawing.height,
      focus && focus.y + NODE_HEIGHT / 2,
    ),
  };
}
