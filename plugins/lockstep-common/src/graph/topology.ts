import { refKey } from '../catalog/entity';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CATALOG_RELATION_EDGES, GRAPH_RELATIONS } from './relations';
import { GraphEdgeRelation, GraphEntity, GraphRelation } from './types';

/** One directed edge of the topology, from dependent to dependency, by node index. */
interface TopologyEdge {
  node: number;
  group: GraphRelation;
  /** The group as a bit (see relationMask), so that walks filter without string lookups. */
  groupBit: number;
  label: GraphEdgeRelation;
}

const GROUP_BITS = Object.fromEntries(
  GRAPH_RELATIONS.map((relation, index) => [relation, 1 << index]),
) as Record<GraphRelation, number>;

/** The bits of a set of relation groups, to test against `TopologyEdge.groupBit`. */
export function relationMask(relations: Iterable<GraphRelation>): number {
  let mask = 0;
  for (const relation of relations) mask |= GROUP_BITS[relation];
  return mask;
}

/**
 * The catalog's dependency topology in a form that walks fast: nodes by index, adjacency lists both
 * ways. Entities that relations point at but the catalog does not have are nodes marked missing.
 * Immutable once built; a refresh builds a new one.
 */
export interface GraphTopology {
  readonly nodes: ReadonlyArray<GraphEntity & { missing?: boolean }>;
  /** Edges to dependencies, per node index. */
  readonly dependencies: ReadonlyArray<ReadonlyArray<TopologyEdge>>;
  /** Edges to dependents, per node index. */
  readonly dependents: ReadonlyArray<ReadonlyArray<TopologyEdge>>;
  /** Node index of an entity ref (case-insensitive), or undefined. */
  indexOf(entityRef: string): number | undefined;
}

// Entity refs are compared case-insensitively, as the catalog does.

/**
 * Builds the topology from catalog entities carrying at least kind, namespace, name and relations
 * (title, spec.type and spec.lifecycle when present).
 */
export function buildGraphTopology(entities: Iterable<Entity>): GraphTopology {
  const nodes: Array<GraphEntity & { missing?: boolean }> = [];
  const byKey = new Map<string, number>();
  const relationsOf: Array<Entity['relations']> = [];

  for (const entity of entities) {
    const entityRef = stringifyEntityRef(entity);
    if (byKey.has(refKey(entityRef))) continue;
    byKey.set(refKey(entityRef), nodes.length);
    const relations = entity.relations ?? [];
    const spec = (entity.spec ?? {}) as { type?: unknown; lifecycle?: unknown };
    nodes.push({
      entityRef,
      kind: entity.kind,
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
      title: entity.metadata.title,
      owner: relations.find(r => r.type === 'ownedBy')?.targetRef,
      type: typeof spec.type === 'string' ? spec.type : undefined,
      lifecycle:
        typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined,
      system: relations.find(
        r => r.type === 'partOf' && r.targetRef.startsWith('system:'),
      )?.targetRef,
    });
    relationsOf.push(relations);
  }

  // Relation targets carry lower-case kinds; a missing entity gets the spelling its kind has elsewhere.
  const kindSpelling = new Map(
    nodes.map(node => [refKey(node.kind), node.kind]),
  );
  const nodeFor = (ref: string): number => {
    const existing = byKey.get(refKey(ref));
    if (existing !== undefined) return existing;
    const { kind, namespace, name } = parseEntityRef(ref);
    byKey.set(refKey(ref), nodes.length);
    nodes.push({
      entityRef: ref,
      kind: kindSpelling.get(refKey(kind)) ?? kind,
      namespace,
      name,
      missing: true,
    });
    return nodes.length - 1;
  };

  const dependencies: TopologyEdge[][] = [];
  const dependents: TopologyEdge[][] = [];
  const entityCount = relationsOf.length;
  for (let index = 0; index < entityCount; index++) {
    for (const relation of relationsOf[index] ?? []) {
      const meaning = CATALOG_RELATION_EDGES[relation.type];
      if (!meaning) continue;
      const other = nodeFor(relation.targetRef);
      const from = meaning.dependentIsSource ? index : other;
      const to = meaning.dependentIsSource ? other : index;
      const out = (dependencies[from] ??= []);
      // Both sides of a pair describe the same edge; a node has few edges, so a scan is cheapest.
      if (out.some(e => e.node === to && e.label === meaning.label)) continue;
      const { group, label } = meaning;
      const groupBit = GROUP_BITS[group];
      out.push({ node: to, group, groupBit, label });
      (dependents[to] ??= []).push({ node: from, group, groupBit, label });
    }
  }
  // Dense copies: the lists above were filled out of order (missing entities come last), which
  // leaves V8 with sparse, slow arrays.
  const empty: TopologyEdge[] = [];
  const dense = (lists: TopologyEdge[][]) =>
    Array.from({ length: nodes.length }, (_, index) => lists[index] ?? empty);

  return {
    nodes,
    dependencies: dense(dependencies),
    dependents: dense(dependents),
    indexOf: ref => byKey.get(refKey(ref)),
  };
}
