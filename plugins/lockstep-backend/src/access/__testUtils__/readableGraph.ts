import { stringifyEntityRef, Entity } from '@backstage/catalog-model';
import {
  buildGraphTopology,
  DEFAULT_GRAPH_RELATIONS,
  GraphTopology,
  walkGraph,
} from '@lockstep/backstage-plugin-lockstep-common';

/** The catalog as a restricted reader would have it: hidden entities gone, and relations to them. */
export function readableTopology(entities: Entity[], hidden: Set<string>) {
  return buildGraphTopology(
    entities
      .filter(e => !hidden.has(stringifyEntityRef(e)))
      .map(e => ({
        ...e,
        relations: (e.relations ?? []).filter(
          r => !hidden.has(r.targetRef.toLocaleLowerCase('en-US')),
        ),
      })),
  );
}

/** What the permitted walk answers on a topology, in the response's terms, sorted for comparing. */
export function idealGraph(
  topology: GraphTopology,
  root: string,
  query: {
    direction: 'upstream' | 'downstream' | 'both';
    depth: number;
    kinds?: string[];
    maxNodes: number;
  },
) {
  const refOf = (node: number) => topology.nodes[node].entityRef;
  const result = walkGraph(topology, {
    root: topology.indexOf(root)!,
    direction: query.direction,
    depth: query.depth,
    relations: new Set(DEFAULT_GRAPH_RELATIONS),
    kinds: query.kinds && new Set(query.kinds.map(k => k.toLowerCase())),
    maxNodes: query.maxNodes,
  });
  return {
    nodes: result.nodes
      .map(node => ({
        ref: refOf(node),
        more: result.more.get(node) ?? 0,
      }))
      .sort((a, b) => a.ref.localeCompare(b.ref)),
    edges: result.edges
      .map(
        e =>
          `${refOf(e.source)} ${refOf(e.target)} ${e.relation} ${(e.via ?? [])
            .map(refOf)
            .join(',')}`,
      )
      .sort(),
    truncated: result.truncated,
    cycles: result.cycles.map(c => c.map(refOf).sort().join(' ')).sort(),
  };
}

export function answeredGraph(body: any) {
  return {
    nodes: body.nodes
      .map((n: any) => ({ ref: n.entityRef, more: n.more ?? 0 }))
      .sort((a: any, b: any) => a.ref.localeCompare(b.ref)),
    edges: body.edges
      .map(
        (e: any) =>
          `${e.source} ${e.target} ${e.relation} ${(e.via ?? []).join(',')}`,
      )
      .sort(),
    truncated: body.truncated,
    cycles: body.cycles.map((c: string[]) => [...c].sort().join(' ')).sort(),
  };
}
