import { GraphEdge } from '@lockstep/backstage-plugin-lockstep-common';
import { pathsBetween } from './paths';

const edge = (source: string, target: string): GraphEdge => ({
  source,
  target,
  relation: 'dependsOn',
});

describe('pathsBetween', () => {
  // shop -> bff -> {catalog, search} -> bus ; shop -> cdn ; web -> shop
  const edges = [
    edge('shop', 'bff'),
    edge('bff', 'catalog'),
    edge('bff', 'search'),
    edge('catalog', 'bus'),
    edge('search', 'bus'),
    edge('shop', 'cdn'),
    edge('web', 'shop'),
  ];

  it('lights every path from the root to an upstream node, and nothing else', () => {
    const lit = pathsBetween(edges, 'shop', 'bus');
    expect([...lit.nodes].sort()).toEqual([
      'bff',
      'bus',
      'catalog',
      'search',
      'shop',
    ]);
    expect([...lit.edges].sort()).toEqual([
      'bff catalog',
      'bff search',
      'catalog bus',
      'search bus',
      'shop bff',
    ]);
  });

  it('lights the path from a downstream node to the root', () => {
    const lit = pathsBetween(edges, 'shop', 'web');
    expect([...lit.edges]).toEqual(['web shop']);
  });

  it('lights nothing between nodes that no path joins', () => {
    const lit = pathsBetween(edges, 'catalog', 'cdn');
    expect([...lit.edges]).toEqual([]);
  });
});
