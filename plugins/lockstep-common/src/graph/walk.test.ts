import { Entity } from '@backstage/catalog-model';
import { DEFAULT_GRAPH_RELATIONS } from './relations';
import { buildGraphTopology, GraphTopology } from './topology';
import { GraphDirection, GraphRelation } from './types';
import { walkGraph } from './walk';

const ref = (name: string) =>
  name.includes(':') ? name : `component:default/${name}`;

/** A component with dependsOn / consumesApi relations given as short names. */
function component(
  name: string,
  links: {
    dependsOn?: string[];
    consumesApi?: string[];
    providesApi?: string[];
  } = {},
): Entity {
  const relations = [
    ...(links.dependsOn ?? []).map(t => ({
      type: 'dependsOn',
      targetRef: ref(t),
    })),
    ...(links.consumesApi ?? []).map(t => ({
      type: 'consumesApi',
      targetRef: `api:default/${t}`,
    })),
    ...(links.providesApi ?? []).map(t => ({
      type: 'providesApi',
      targetRef: `api:default/${t}`,
    })),
  ];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    relations,
  };
}

function api(
  name: string,
  providedBy: string[],
  consumedBy: string[] = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default' },
    relations: [
      ...providedBy.map(p => ({ type: 'apiProvidedBy', targetRef: ref(p) })),
      ...consumedBy.map(c => ({ type: 'apiConsumedBy', targetRef: ref(c) })),
    ],
  };
}

function walk(
  topology: GraphTopology,
  root: string,
  options: {
    direction?: GraphDirection;
    depth?: number;
    maxNodes?: number;
    kinds?: string[];
    relations?: GraphRelation[];
    canEnter?: (ref: string) => boolean;
  } = {},
) {
  const result = walkGraph(topology, {
    root: topology.indexOf(ref(root))!,
    direction: options.direction ?? 'both',
    depth: options.depth ?? 0,
    relations: new Set(options.relations ?? DEFAULT_GRAPH_RELATIONS),
    kinds: options.kinds ? new Set(options.kinds) : undefined,
    maxNodes: options.maxNodes ?? 500,
    canEnter: options.canEnter
      ? node => options.canEnter!(topology.nodes[node].entityRef)
      : undefined,
  });
  const name = (node: number) =>
    topology.nodes[node].entityRef.replace('component:default/', '');
  return {
    nodes: result.nodes.map(name),
    edges: result.edges
      .map(e => `${name(e.source)} -${e.relation}-> ${name(e.target)}`)
      .sort(),
    via: result.edges.filter(e => e.via).map(e => e.via!.map(name)),
    more: Object.fromEntries([...result.more].map(([n, c]) => [name(n), c])),
    truncated: result.truncated,
    cycles: result.cycles.map(c => c.map(name).sort()),
    missing: result.nodes.filter(n => topology.nodes[n].missing).map(name),
  };
}

describe('walkGraph', () => {
  // a -> b -> c -> d -> e -> f (5 hops deep)
  const chain = buildGraphTopology([
    component('a', { dependsOn: ['b'] }),
    component('b', { dependsOn: ['c'] }),
    component('c', { dependsOn: ['d'] }),
    component('d', { dependsOn: ['e'] }),
    component('e', { dependsOn: ['f'] }),
    component('f'),
  ]);

  it('follows a 5-deep chain upstream to the end, and downstream from the far end', () => {
    expect(walk(chain, 'a', { direction: 'upstream' }).nodes).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ]);
    expect(walk(chain, 'f', { direction: 'downstream' }).nodes).toEqual([
      'f',
      'e',
      'd',
      'c',
      'b',
      'a',
    ]);
    expect(walk(chain, 'a', { direction: 'downstream' }).nodes).toEqual(['a']);
  });

  it('stops at the depth limit and says how much lies beyond', () => {
    const result = walk(chain, 'c', { depth: 1 });
    expect(result.nodes).toEqual(['c', 'd', 'b']);
    expect(result.edges).toEqual(['b -dependsOn-> c', 'c -dependsOn-> d']);
    expect(result.more).toEqual({ d: 1, b: 1 });
    expect(result.truncated).toBe(false);
  });

  it('lists both paths of a diamond and every edge between shown nodes', () => {
    const diamond = buildGraphTopology([
      component('top', { dependsOn: ['left', 'right'] }),
      component('left', { dependsOn: ['bottom'] }),
      component('right', { dependsOn: ['bottom'] }),
      component('bottom'),
    ]);
    const result = walk(diamond, 'top', { direction: 'upstream' });
    expect(result.nodes).toEqual(['top', 'left', 'right', 'bottom']);
    expect(result.edges).toEqual([
      'left -dependsOn-> bottom',
      'right -dependsOn-> bottom',
      'top -dependsOn-> left',
      'top -dependsOn-> right',
    ]);
    expect(result.cycles).toEqual([]);
  });

  it('terminates on a cycle and reports it', () => {
    const cyclic = buildGraphTopology([
      component('gateway', { dependsOn: ['fraud', 'ledger'] }),
      component('fraud', { dependsOn: ['gateway'] }),
      component('ledger', { dependsOn: ['ledger-db'] }),
      component('ledger-db'),
      component('shop', { dependsOn: ['gateway'] }),
    ]);
    const result = walk(cyclic, 'gateway');
    expect(result.nodes.sort()).toEqual([
      'fraud',
      'gateway',
      'ledger',
      'ledger-db',
      'shop',
    ]);
    expect(result.cycles).toEqual([['fraud', 'gateway']]);
    expect(result.edges).toContain('fraud -dependsOn-> gateway');
    expect(result.edges).toContain('gateway -dependsOn-> fraud');
  });

  it('reports a self-dependency as a cycle', () => {
    const selfish = buildGraphTopology([
      component('loop', { dependsOn: ['loop'] }),
    ]);
    expect(walk(selfish, 'loop').cycles).toEqual([['loop']]);
  });

  it('shows a relation to an entity the catalog does not have as a missing node', () => {
    const dangling = buildGraphTopology([
      component('payouts', { dependsOn: ['ledger', 'bank-connector'] }),
      component('ledger'),
    ]);
    const result = walk(dangling, 'payouts');
    expect(result.nodes).toEqual(['payouts', 'ledger', 'bank-connector']);
    expect(result.missing).toEqual(['bank-connector']);
    expect(result.edges).toContain('payouts -dependsOn-> bank-connector');
  });

  it('goes consumer -> API -> provider, from either side of the relation pairs', () => {
    const apis = buildGraphTopology([
      component('checkout', { consumesApi: ['payments-api'] }),
      // the provider's side of the pair only: the API entity lists no apiProvidedBy
      component('gateway', { providesApi: ['payments-api'] }),
      api('payments-api', [], ['checkout']),
    ]);
    expect(walk(apis, 'checkout', { direction: 'upstream' }).edges).toEqual([
      'api:default/payments-api -apiProvidedBy-> gateway',
      'checkout -consumesApi-> api:default/payments-api',
    ]);
    expect(walk(apis, 'gateway', { direction: 'downstream' }).nodes).toEqual([
      'gateway',
      'api:default/payments-api',
      'checkout',
    ]);
    expect(walk(apis, 'checkout', { relations: ['dependsOn'] }).nodes).toEqual([
      'checkout',
    ]);
  });

  it('joins shown nodes through hidden kinds with indirect edges', () => {
    const apis = buildGraphTopology([
      component('checkout', { consumesApi: ['payments-api'] }),
      component('gateway', { providesApi: ['payments-api'] }),
      api('payments-api', ['gateway']),
    ]);
    const result = walk(apis, 'checkout', { kinds: ['component'] });
    expect(result.nodes).toEqual(['checkout', 'gateway']);
    expect(result.edges).toEqual(['checkout -indirect-> gateway']);
    expect(result.via).toEqual([['api:default/payments-api']]);
  });

  it('caps the node count breadth first and marks the answer truncated', () => {
    const wide = buildGraphTopology([
      component('hub', { dependsOn: ['s1', 's2', 's3', 's4'] }),
      ...['s1', 's2', 's3', 's4'].map(s => component(s)),
    ]);
    const result = walk(wide, 'hub', { maxNodes: 3 });
    expect(result.nodes).toEqual(['hub', 's1', 's2']);
    expect(result.truncated).toBe(true);
    expect(result.more).toEqual({ hub: 2 });
  });

  it('neither shows nor walks through nodes the caller may not see', () => {
    const secret = buildGraphTopology([
      component('shop', { dependsOn: ['vault', 'cart'] }),
      component('vault', { dependsOn: ['hsm'] }),
      component('cart', { dependsOn: ['cache'] }),
      component('hsm'),
      component('cache'),
    ]);
    const result = walk(secret, 'shop', {
      canEnter: r => r !== 'component:default/vault',
    });
    expect(result.nodes).toEqual(['shop', 'cart', 'cache']);
    expect(result.edges).toEqual([
      'cart -dependsOn-> cache',
      'shop -dependsOn-> cart',
    ]);
  });
});
