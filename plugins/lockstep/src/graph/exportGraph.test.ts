import { standaloneSvg } from './exportGraph';
import { GraphLayout } from './layout';

const layout: GraphLayout = {
  nodes: new Map([['component:default/a', { x: 0, y: 0 }]]),
  edges: new Map(),
  width: 600,
  height: 200,
};

function drawing() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'canvas');
  svg.innerHTML =
    '<defs></defs><g class="scene" transform="translate(5,5) scale(0.3)"><g role="list"><g role="listitem"><g class="ls-node" tabindex="0" role="link" aria-label="A (Component)"><text>A</text></g></g></g></g>';
  return svg;
}

describe('standaloneSvg', () => {
  it('carries a title with the root, the direction, depth and date, and the legend', () => {
    const { text, width, height } = standaloneSvg(drawing(), layout, {
      title: 'Dependencies of Checkout Service',
      details:
        'Direction: Both · depth: 2 hops · 5 entities, 4 dependencies · exported 3 Mar 2026',
      legend: [
        { key: 'Not ready', color: '#d32f2f' },
        { key: 'Ready', color: '#2e7d32' },
      ],
      textColor: '#212121',
      background: '#ffffff',
    });
    const file = new DOMParser().parseFromString(text, 'image/svg+xml');
    const svg = file.documentElement;
    expect(file.querySelector('parsererror')).toBeNull();
    expect(text.match(/xmlns=/g)).toHaveLength(1);
    const caption = svg.querySelector('.ls-caption')!;
    expect(caption.textContent).toContain('Dependencies of Checkout Service');
    expect(caption.textContent).toContain('Direction: Both');
    expect(caption.textContent).toContain('depth: 2 hops');
    expect(caption.textContent).toContain('exported 3 Mar 2026');
    expect(caption.textContent).toContain('Not ready');
    expect(caption.textContent).toContain('Ready');
    expect(caption.querySelectorAll('rect')).toHaveLength(2);
    // the drawing at 100 %, below the caption, on the background, with no focus stops left
    const scene = svg.querySelector('.scene')!;
    expect(scene.getAttribute('transform')).toMatch(/^translate\(20,\d+\)$/);
    expect(
      Number(/,(\d+)\)/.exec(scene.getAttribute('transform')!)![1]),
    ).toBeGreaterThan(60);
    expect(svg.querySelector('[tabindex]')).toBeNull();
    expect(svg.getAttribute('width')).toBe(String(width));
    expect(svg.getAttribute('height')).toBe(String(height));
    expect(height).toBeGreaterThan(layout.height + 60);
    expect(svg.firstElementChild?.getAttribute('fill')).toBe('#ffffff');
    expect(svg.getAttribute('aria-label')).toBe(
      'Dependencies of Checkout Service',
    );
  });

  it('wraps a long legend into rows within the width', () => {
    const { text } = standaloneSvg(drawing(), layout, {
      title: 'Dependencies of A',
      details: 'Direction: Upstream',
      legend: Array.from({ length: 12 }, (_, i) => ({
        key: `team-with-a-long-name-${i}`,
        color: '#1f77b4',
      })),
      textColor: '#212121',
      background: '#ffffff',
    });
    const svg = new DOMParser().parseFromString(
      text,
      'image/svg+xml',
    ).documentElement;
    const rows = new Set(
      Array.from(svg.querySelectorAll('.ls-caption rect')).map(r =>
        r.getAttribute('y'),
      ),
    );
    expect(rows.size).toBeGreaterThan(1);
    for (const rect of Array.from(svg.querySelectorAll('.ls-caption rect')))
      expect(Number(rect.getAttribute('x'))).toBeLessThan(
        Number(svg.getAttribute('width')),
      );
  });
});
