import { createRef } from 'react';
import {
  act,
  fireEvent,
  render,
  screen,
  waitFor,
} from '@testing-library/react';
import {
  GraphEdge,
  GraphNode,
} from '@lockstep/backstage-plugin-lockstep-common';
import { GraphCanvas, GraphCanvasHandle } from './GraphCanvas';
import { LEGIBLE_SCALE } from './fitView';
import { edgeKey, GraphLayout } from './layout';
import { WithTranslations } from '../__testUtils__/translations';

const node = (name: string, extra: Partial<GraphNode> = {}): GraphNode => ({
  entityRef: `component:default/${name}`,
  kind: 'Component',
  namespace: 'default',
  name,
  ...extra,
});

// root → a → b, root → ghost (missing); c depends on root
const nodes = [
  node('root', { title: 'The <Root> & "co"' }),
  node('a', { owner: 'group:default/team-a', more: 3 }),
  node('b'),
  node('ghost', { missing: true }),
  node('c'),
];
const ref = (name: string) => `component:default/${name}`;
const edges: GraphEdge[] = [
  { source: ref('root'), target: ref('a'), relation: 'dependsOn' },
  { source: ref('a'), target: ref('b'), relation: 'dependsOn' },
  { source: ref('root'), target: ref('ghost'), relation: 'dependsOn' },
  { source: ref('c'), target: ref('root'), relation: 'dependsOn' },
];
const layout: GraphLayout = {
  nodes: new Map(nodes.map((n, i) => [n.entityRef, { x: i * 300, y: 0 }])),
  edges: new Map(
    edges.map(e => [
      edgeKey(e),
      [
        { x: 0, y: 0 },
        { x: 100, y: 10 },
      ],
    ]),
  ),
  width: 1500,
  height: 44,
};

function draw(overrides: Partial<Parameters<typeof GraphCanvas>[0]> = {}) {
  const props = {
    root: ref('root'),
    nodes,
    edges,
    layout,
    cycleNodes: new Set([ref('a'), ref('b')]),
    colorOf: () => '#123456',
    onSelect: jest.fn(),
    onOpen: jest.fn(),
    ...overrides,
  };
  const view = render(<GraphCanvas {...props} />, {
    wrapper: WithTranslations,
  });
  return { ...props, ...view };
}

describe('GraphCanvas', () => {
  // jsdom lays nothing out; d3-zoom reads the drawing's size
  beforeAll(() => {
    for (const side of ['width', 'height'])
      Object.defineProperty(SVGSVGElement.prototype, side, {
        configurable: true,
        get: () => ({ baseVal: { value: 1000 } }),
      });
  });

  it('draws every node as a link and every edge, escaped, and says when it is complete', async () => {
    draw();
    const svg = screen.getByRole('group', { name: 'Dependency graph' });
    await waitFor(() => expect(svg).toHaveAttribute('data-complete', 'true'));
    expect(
      screen.getByRole('link', { name: 'The <Root> & "co" (Component)' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'ghost (Component), not in the catalog',
      }),
    ).toBeInTheDocument();
    expect(svg.querySelectorAll('[data-entity-ref]')).toHaveLength(5);
    expect(svg.querySelectorAll('.ls-edge')).toHaveLength(4);
    // marks: +N, the cycle, the missing node's dashed box
    expect(svg.textContent).toContain('+3');
    expect(svg.textContent).toContain('↻');
    expect(svg.textContent).toContain('team-a');
    expect(
      svg.querySelector(`[data-entity-ref="${ref('ghost')}"] .ls-box`),
    ).toHaveAttribute('stroke-dasharray', '5 3');
  });

  it('opens a node on click or Enter, selects it on focus, and not a missing one', async () => {
    const { onOpen, onSelect } = draw();
    const a = await screen.findByRole('link', { name: 'a (Component)' });
    fireEvent.click(a.querySelector('text')!);
    expect(onOpen).toHaveBeenCalledWith(nodes[1]);
    fireEvent.keyDown(a, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledTimes(2);
    fireEvent.focus(a);
    expect(onSelect).toHaveBeenCalledWith(ref('a'));
    fireEvent.click(
      screen.getByRole('link', { name: /ghost/ }).querySelector('rect')!,
    );
    expect(onOpen).toHaveBeenCalledTimes(2);
    // a click beside the nodes clears the selection
    fireEvent.click(screen.getByRole('group', { name: 'Dependency graph' }));
    expect(onSelect).toHaveBeenLastCalledWith(undefined);
  });

  it('lights the paths between the root and the node pointed at, and dims the rest', async () => {
    draw();
    const b = await screen.findByRole('link', { name: 'b (Component)' });
    fireEvent.mouseOver(b.querySelector('rect')!);
    const lit = (name: string) =>
      screen
        .getByRole('link', { name: new RegExp(`^${name} `) })
        .classList.contains('ls-lit');
    await waitFor(() => expect(lit('b')).toBe(true));
    expect(lit('a')).toBe(true);
    expect(lit('c')).toBe(false);
    const svg = screen.getByRole('group', { name: 'Dependency graph' });
    expect(svg.querySelector('.ls-lighting')).not.toBeNull();
    expect(svg.querySelectorAll('.ls-edge.ls-lit')).toHaveLength(2);
    fireEvent.mouseLeave(svg);
    await waitFor(() => expect(svg.querySelector('.ls-lighting')).toBeNull());
    expect(svg.querySelectorAll('.ls-lit')).toHaveLength(0);
  });

  it('recolours the drawn nodes in place', async () => {
    const props = draw();
    const a = await screen.findByRole('link', { name: 'a (Component)' });
    expect(a.querySelector('.ls-box')).toHaveAttribute('stroke', '#123456');
    props.rerender(<GraphCanvas {...props} colorOf={() => '#abcdef'} />);
    await waitFor(() =>
      expect(a.querySelector('.ls-box')).toHaveAttribute('stroke', '#abcdef'),
    );
    // the same element: focus and selection survive a recolouring
    expect(screen.getByRole('link', { name: 'a (Component)' })).toBe(a);
  });

  it('draws a large graph over several frames and completes', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => node(`n${i}`));
    const big: GraphLayout = {
      nodes: new Map(many.map((n, i) => [n.entityRef, { x: 0, y: i * 60 }])),
      edges: new Map(),
      width: 200,
      height: 72000,
    };
    draw({ nodes: many, edges: [], layout: big, root: many[0].entityRef });
    const svg = screen.getByRole('group', { name: 'Dependency graph' });
    await waitFor(() => expect(svg).toHaveAttribute('data-complete', 'true'), {
      timeout: 5000,
    });
    expect(svg.querySelectorAll('[data-entity-ref]')).toHaveLength(1200);
  });

  it('names the nodes by their readiness once it is known, in place, with the tooltip to match', async () => {
    const props = draw();
    const a = await screen.findByRole('link', { name: 'a (Component)' });
    expect(a.querySelector('title')).toHaveTextContent(
      /^a, in a dependency cycle$/,
    );
    props.rerender(
      <GraphCanvas
        {...props}
        statusOf={n => (n.name === 'a' ? 'blocked' : 'ready')}
      />,
    );
    await waitFor(() =>
      expect(a).toHaveAccessibleName('a (Component), blocked'),
    );
    expect(a.querySelector('title')).toHaveTextContent(
      /^a: blocked, in a dependency cycle$/,
    );
    expect(
      screen.getByRole('link', {
        name: 'The <Root> & "co" (Component), ready',
      }),
    ).toBeInTheDocument();
    // a node the catalog does not have says so, whatever the statuses
    expect(
      screen.getByRole('link', {
        name: 'ghost (Component), not in the catalog',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'a (Component), blocked' })).toBe(
      a,
    );
  });

  describe('fitting', () => {
    const scale = (svg: Element) => {
      const transform = svg.querySelector('g')!.getAttribute('transform')!;
      const [, x, y, k] =
        /translate\(([-\d.e]+),([-\d.e]+)\) scale\(([-\d.e]+)\)/
          .exec(transform)!
          .map(Number);
      return { x, y, k };
    };
    beforeEach(() => {
      jest
        .spyOn(SVGSVGElement.prototype, 'getBoundingClientRect')
        .mockReturnValue({
          width: 1000,
          height: 600,
          top: 0,
          left: 0,
          right: 1000,
          bottom: 600,
          x: 0,
          y: 0,
          toJSON: () => ({}),
        });
    });
    afterEach(() => jest.restoreAllMocks());

    it('never zooms out further than the text stays legible, and centres on the root beyond that', async () => {
      const many = Array.from({ length: 400 }, (_, i) => node(`n${i}`));
      const wide: GraphLayout = {
        nodes: new Map(
          many.map((n, i) => [n.entityRef, { x: (i % 40) * 264, y: i * 6 }]),
        ),
        edges: new Map(),
        width: 40 * 264,
        height: 2400,
      };
      const canvas = createRef<GraphCanvasHandle>();
      const root = many[220].entityRef;
      const { container } = render(
        <GraphCanvas
          ref={canvas}
          root={root}
          nodes={many}
          edges={[]}
          layout={wide}
          cycleNodes={new Set()}
          colorOf={() => '#123456'}
          onSelect={() => {}}
          onOpen={() => {}}
        />,
        { wrapper: WithTranslations },
      );
      const svg = container.querySelector('svg')!;
      const fitted = scale(svg);
      expect(fitted.k).toBeGreaterThanOrEqual(LEGIBLE_SCALE);
      // the root (x 20 × 264, y 1320) in the middle
      expect(fitted.x + (20 * 264 + 100) * fitted.k).toBeCloseTo(500, 3);
      expect(fitted.y + (1320 + 22) * fitted.k).toBeCloseTo(300, 3);

      // zoomed out by hand it may go further; fitting again comes back
      act(() => {
        for (let i = 0; i < 10; i++) canvas.current!.zoomBy(1 / 1.4);
      });
      expect(scale(svg).k).toBeLessThan(LEGIBLE_SCALE);
      act(() => canvas.current!.fit());
      expect(scale(svg).k).toBeGreaterThanOrEqual(LEGIBLE_SCALE);
    });

    it('centres a small graph at 100 %', () => {
      const { container } = draw({
        layout: { ...layout, width: 400, height: 100 },
      });
      expect(scale(container.querySelector('svg')!)).toEqual({
        x: 300,
        y: 250,
        k: 1,
      });
    });
  });
});
