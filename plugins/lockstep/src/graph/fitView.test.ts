import { fitTransform, LEGIBLE_SCALE, LEGIBLE_TEXT_PX } from './fitView';
import { NODE_SUBTITLE_PX, NODE_TITLE_PX } from './graphMarkup';
import { NODE_HEIGHT, NODE_WIDTH } from './layout';

const viewport = { width: 1200, height: 700 };

describe('fitTransform', () => {
  it('keeps every node text at least 10 px high on screen', () => {
    expect(NODE_SUBTITLE_PX * LEGIBLE_SCALE).toBeGreaterThanOrEqual(
      LEGIBLE_TEXT_PX,
    );
    expect(NODE_TITLE_PX).toBeGreaterThan(NODE_SUBTITLE_PX);
    for (const size of [3000, 20_000, 200_000]) {
      const { k } = fitTransform(viewport, { width: size, height: size / 2 });
      expect(k).toBeGreaterThanOrEqual(LEGIBLE_SCALE);
      expect(NODE_SUBTITLE_PX * k).toBeGreaterThanOrEqual(LEGIBLE_TEXT_PX);
    }
  });

  it('centres a small graph at 100 %, never zooming in', () => {
    expect(fitTransform(viewport, { width: 400, height: 100 })).toEqual({
      k: 1,
      x: 400,
      y: 300,
    });
  });

  it('zooms out a middling graph until it fits, centred', () => {
    const { k, x, y } = fitTransform(viewport, { width: 1250, height: 300 });
    expect(k).toBeCloseTo((0.95 * 1200) / 1250, 5);
    expect(x).toBeCloseTo((1200 - 1250 * k) / 2, 5);
    expect(y).toBeCloseTo((700 - 300 * k) / 2, 5);
  });

  it('centres a graph too large to fit on the root, within the graph’s edges', () => {
    const drawing = { width: 10_000, height: 400 };
    const root = { x: 5000, y: 100 };
    const { k, x, y } = fitTransform(viewport, drawing, root);
    expect(k).toBe(LEGIBLE_SCALE);
    // the root's middle in the viewport's middle
    expect(x + (root.x + NODE_WIDTH / 2) * k).toBeCloseTo(600, 5);
    // the side that fits is centred
    expect(y).toBeCloseTo((700 - 400 * k) / 2, 5);
    // a root at the left edge: the drawing starts at the viewport's left, no empty space
    expect(fitTransform(viewport, drawing, { x: 0, y: 0 }).x).toBe(0);
    // at the right edge: it ends at the viewport's right
    const end = fitTransform(viewport, drawing, { x: 9800, y: 0 });
    expect(end.x + drawing.width * end.k).toBeCloseTo(1200, 5);
    expect(NODE_HEIGHT).toBeGreaterThan(0);
  });
});
