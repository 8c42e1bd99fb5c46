import { GraphNode } from '@lockstep/backstage-plugin-lockstep-common';
import { READINESS_STATUS_LOOK } from '../lib/statusColors';
import { colorNodes } from './coloring';

const node = (name: string, extra: Partial<GraphNode> = {}): GraphNode => ({
  entityRef: `component:default/${name}`,
  kind: 'Component',
  namespace: 'default',
  name,
  ...extra,
});

describe('colorNodes by readiness', () => {
  const nodes = [
    node('a'),
    node('b'),
    node('c'),
    node('gone', { missing: true }),
  ];

  it('colours nodes in the status palette and lists the statuses present, worst first', () => {
    const { colorOf, legend } = colorNodes(nodes, 'readiness', {
      statuses: {
        'component:default/a': 'ready',
        'component:default/b': 'blocked',
      },
    });
    expect(colorOf(nodes[0])).toBe(READINESS_STATUS_LOOK.ready.color);
    expect(colorOf(nodes[1])).toBe(READINESS_STATUS_LOOK.blocked.color);
    // not in the answer: no profile; missing from the catalog: not ready
    expect(colorOf(nodes[2])).toBe(READINESS_STATUS_LOOK.unknown.color);
    expect(colorOf(nodes[3])).toBe(READINESS_STATUS_LOOK['not-ready'].color);
    expect(legend.map(l => l.key)).toEqual([
      'Not ready',
      'Blocked',
      'Ready',
      'No profile',
    ]);
  });

  it('says so while statuses load or when they cannot be had', () => {
    expect(colorNodes(nodes, 'readiness', { loading: true }).legend).toEqual([
      { key: 'Loading readiness…', color: READINESS_STATUS_LOOK.unknown.color },
    ]);
    expect(colorNodes(nodes, 'readiness', { error: true }).legend[0].key).toBe(
      'Readiness unavailable',
    );
  });

  it('still colours by owner', () => {
    const owned = [
      node('a', { owner: 'group:default/x' }),
      node('b', { owner: 'group:default/y' }),
    ];
    expect(colorNodes(owned, 'owner').legend.map(l => l.key)).toEqual([
      'x',
      'y',
    ]);
  });
});
