import { layeredLayout } from './layeredLayout';
import { packLayout, unpackLayout } from './layoutPacking';

const OPTIONS = {
  nodeWidth: 200,
  nodeHeight: 44,
  nodeSpacing: 16,
  layerSpacing: 64,
  edgeSpacing: 8,
  padding: 12,
};

const edge = (source: string, target: string) => ({
  source,
  target,
  key: `${source} ${target}`,
});

/** A layered graph like a catalog's: `width` services per layer, each depending on two below. */
function synthetic(layers: number, width: number) {
  const refs: string[] = [];
  const edges: ReturnType<typeof edge>[] = [];
  for (let l = 0; l < layers; l++) {
    for (let i = 0; i < width; i++) {
      refs.push(`component:default/s-${l}-${i}`);
      if (l > 0) {
        edges.push(
          edge(
            `component:default/s-${l - 1}-${i}`,
            `component:default/s-${l}-${i}`,
          ),
          edge(
            `component:default/s-${l - 1}-${(i * 7 + 3) % width}`,
            `component:default/s-${l}-${i}`,
          ),
        );
      }
    }
  }
  // a long edge over several layers, and a cycle back to the top (s-0-last leads to s-last-last)
  edges.push(edge(refs[0], refs[refs.length - 1]));
  edges.push(edge(refs[refs.length - 1], refs[width - 1]));
  return { refs, edges };
}

function overlaps(layout: ReturnType<typeof layeredLayout>) {
  const boxes = [...layout.nodes.values()].sort(
    (a, b) => a.x - b.x || a.y - b.y,
  );
  return boxes.some(
    (box, i) =>
      i > 0 &&
      boxes[i - 1].x === box.x &&
      box.y < boxes[i - 1].y + OPTIONS.nodeHeight,
  );
}

describe('layeredLayout', () => {
  it('puts dependents left of their dependencies, without overlaps, every edge routed', () => {
    const { refs, edges } = synthetic(6, 12);
    const layout = layeredLayout(refs, edges, OPTIONS);
    expect(layout.nodes.size).toBe(refs.length);
    expect(overlaps(layout)).toBe(false);
    let backward = 0;
    for (const { source, target, key } of edges) {
      const points = layout.edges.get(key)!;
      const from = layout.nodes.get(source)!;
      const to = layout.nodes.get(target)!;
      expect(points.length).toBeGreaterThanOrEqual(2);
      // An edge closing the cycle is drawn right to left, from the source's left side to the
      // target's right side; every other from the source's right side to the target's left.
      const backwards = to.x < from.x;
      backward += backwards ? 1 : 0;
      expect(to.x).not.toBe(from.x);
      expect(points[0].x).toBe(backwards ? from.x : from.x + OPTIONS.nodeWidth);
      expect(points[points.length - 1].x).toBe(
        backwards ? to.x + OPTIONS.nodeWidth : to.x,
      );
      // the ends touch the node sides
      expect(points[0].y).toBeGreaterThan(from.y);
      expect(points[0].y).toBeLessThan(from.y + OPTIONS.nodeHeight);
      const end = points[points.length - 1];
      expect(end.y).toBeGreaterThan(to.y);
      expect(end.y).toBeLessThan(to.y + OPTIONS.nodeHeight);
    }
    // one edge closes the one cycle
    expect(backward).toBe(1);
    for (const { x, y } of layout.nodes.values()) {
      expect(x + OPTIONS.nodeWidth).toBeLessThanOrEqual(layout.width);
      expect(y + OPTIONS.nodeHeight).toBeLessThanOrEqual(layout.height);
      expect(Math.min(x, y)).toBeGreaterThanOrEqual(OPTIONS.padding);
    }
  });

  it('routes a long edge around the layers it crosses, straight through each', () => {
    const { refs, edges } = synthetic(6, 12);
    const acyclic = edges.slice(0, -1); // without the cycle
    const layout = layeredLayout(refs, acyclic, OPTIONS);
    const column = OPTIONS.nodeWidth + OPTIONS.layerSpacing;
    const long = acyclic.filter(
      e =>
        layout.nodes.get(e.target)!.x - layout.nodes.get(e.source)!.x > column,
    );
    expect(long.length).toBeGreaterThan(0);
    for (const e of long) {
      const points = layout.edges.get(e.key)!;
      const span =
        (layout.nodes.get(e.target)!.x - layout.nodes.get(e.source)!.x) /
        column;
      expect(points).toHaveLength(2 + 2 * (span - 1));
      for (let i = 1; i + 2 < points.length; i += 2) {
        expect(points[i].y).toBe(points[i + 1].y);
        expect(points[i + 1].x - points[i].x).toBe(OPTIONS.nodeWidth);
      }
    }
  });

  it('lays out 2,000 nodes quickly', () => {
    const { refs, edges } = synthetic(20, 100);
    const started = performance.now();
    const layout = layeredLayout(refs, edges, OPTIONS);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(layout.nodes.size).toBe(2000);
    expect(overlaps(layout)).toBe(false);
  });

  it('survives packing for the way back from the worker', () => {
    const { refs, edges } = synthetic(4, 5);
    const layout = layeredLayout(refs, edges, OPTIONS);
    expect(unpackLayout(packLayout(layout, refs, edges), refs, edges)).toEqual(
      layout,
    );
  });

  it('handles a single node and duplicate or self edges', () => {
    expect(
      layeredLayout(['a'], [edge('a', 'a')], OPTIONS).nodes.get('a'),
    ).toEqual({ x: 12, y: 12 });
    const layout = layeredLayout(
      ['a', 'b'],
      [edge('a', 'b'), edge('a', 'b'), edge('a', 'a')],
      OPTIONS,
    );
    expect([...layout.edges.keys()]).toEqual(['a b']);
  });
});
