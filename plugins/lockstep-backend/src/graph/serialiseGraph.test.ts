import { Entity } from '@backstage/catalog-model';
import {
  buildGraphTopology,
  GraphRelation,
  GraphResponse,
  GraphTopology,
  GraphWalkResult,
  walkGraph,
} from '@lockstep/backstage-plugin-lockstep-common';
import { GraphJsonWriter } from './serialiseGraph';

const parse = (bytes: Buffer) => JSON.parse(bytes.toString('utf8'));

function entity(
  kind: string,
  name: string,
  relations: Array<[string, string]>,
  title?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', ...(title && { title }) },
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

// Titles that JSON must escape; a cycle (a → b → a); a missing entity; an API between components.
const topology = buildGraphTopology([
  entity(
    'Component',
    'a',
    [
      ['dependsOn', 'component:default/b'],
      ['consumesApi', 'api:default/x-api'],
      ['ownedBy', 'group:default/team-"quoted"'],
    ],
    'Pay "ments" \\ ✓ \u2028',
  ),
  entity('Component', 'b', [
    ['dependsOn', 'component:default/a'],
    ['dependsOn', 'component:default/not-in-catalog'],
  ]),
  entity('API', 'x-api', [['apiProvidedBy', 'component:default/d']]),
  entity('Component', 'd', [['partOf', 'system:default/s']], 'Dee'),
]);

const relations = new Set<GraphRelation>([
  'dependsOn',
  'consumesApi',
  'providesApi',
]);

/** What the answer is, built the plain way. */
function expected(
  graph: GraphTopology,
  result: GraphWalkResult,
  indexedAt: Date,
): GraphResponse {
  const refOf = (node: number) => graph.nodes[node].entityRef;
  return {
    root: refOf(result.nodes[0]),
    nodes: result.nodes.map(node => ({
      ...graph.nodes[node],
      ...(result.more.has(node) && { more: result.more.get(node) }),
    })),
    edges: result.edges.map(edge => ({
      source: refOf(edge.source),
      target: refOf(edge.target),
      relation: edge.relation,
      ...(edge.via && { via: edge.via.map(refOf) }),
    })),
    truncated: result.truncated,
    cycles: result.cycles.map(cycle => cycle.map(refOf)),
    indexedAt: indexedAt.toISOString(),
  };
}

describe('GraphJsonWriter', () => {
  const root = topology.indexOf('component:default/a')!;
  const indexedAt = new Date('2026-11-24T10:00:00Z');

  it.each([
    ['every relation', { maxNodes: 100 }],
    [
      'a kind filter (indirect edges through the API)',
      { maxNodes: 100, kinds: new Set(['component']) },
    ],
    ['a node cap (more, truncated)', { maxNodes: 2 }],
  ])('writes the same answer as JSON.stringify with %s', (_, options) => {
    const result = walkGraph(topology, {
      root,
      direction: 'both',
      depth: 0,
      relations,
      ...options,
    });
    const writer = new GraphJsonWriter(topology);
    const json = writer.write(result, 'component:default/A', indexedAt);
    expect(parse(json)).toEqual(expected(topology, result, indexedAt));
    // the kept pieces give the same text again
    expect(writer.write(result, 'component:default/A', indexedAt)).toEqual(
      json,
    );
  });

  it('covers what the cases above are meant to cover', () => {
    const writer = new GraphJsonWriter(topology);
    const all = parse(
      writer.write(
        walkGraph(topology, {
          root,
          direction: 'both',
          depth: 0,
          relations,
          maxNodes: 100,
        }),
        'component:default/a',
        indexedAt,
      ),
    ) as GraphResponse;
    expect(all.cycles).toHaveLength(1);
    expect(all.nodes.find(n => n.missing)?.entityRef).toBe(
      'component:default/not-in-catalog',
    );
    expect(all.nodes[0].title).toBe('Pay "ments" \\ ✓ \u2028');
    const filtered = parse(
      writer.write(
        walkGraph(topology, {
          root,
          direction: 'both',
          depth: 0,
          relations,
          maxNodes: 100,
          kinds: new Set(['component']),
        }),
        'component:default/a',
        indexedAt,
      ),
    ) as GraphResponse;
    expect(filtered.edges.find(e => e.via)?.via).toEqual(['api:default/x-api']);
    const capped = parse(
      writer.write(
        walkGraph(topology, {
          root,
          direction: 'both',
          depth: 0,
          relations,
          maxNodes: 2,
        }),
        'component:default/a',
        indexedAt,
      ),
    ) as GraphResponse;
    expect(capped.truncated).toBe(true);
    expect(capped.nodes.some(n => n.more)).toBe(true);
  });

  it('answers with the requested root when the walk shows nothing', () => {
    const writer = new GraphJsonWriter(topology);
    const json = writer.write(
      { nodes: [], edges: [], more: new Map(), truncated: false, cycles: [] },
      'component:default/"odd"',
      indexedAt,
    );
    expect(parse(json).root).toBe('component:default/"odd"');
  });
});
