import type { GraphEdgeRelation, GraphRelation } from './types';

/** One kind of dependency the graph follows, read from a pair of catalog relations. @public */
export interface GraphRelationDefinition {
  /**
   * The catalog relation on the dependent that points at its dependency; it also labels the edge
   * ("source <relation> target").
   */
  dependentSide: string;
  /** The catalog relation on the dependency that points back; read too, so an edge survives when only one side exists. */
  dependencySide: string;
  /** The relation in words, for filters and legends. */
  label: string;
  /** Whether a walk follows it unless asked otherwise. */
  walkedByDefault: boolean;
  /** Whether readiness follows it upstream (dependency, not containment). */
  followedByReadiness: boolean;
}

/**
 * Every relation group Lockstep follows, named by its forward relation: walks, the topology, the
 * readiness roll-up, request parsing and the UI's filters all derive from this table, so a new
 * relation is one entry here.
 *
 * @public
 */
export const GRAPH_RELATION_REGISTRY = {
  dependsOn: {
    dependentSide: 'dependsOn',
    dependencySide: 'dependencyOf',
    label: 'Depends on',
    walkedByDefault: true,
    followedByReadiness: true,
  },
  consumesApi: {
    dependentSide: 'consumesApi',
    dependencySide: 'apiConsumedBy',
    label: 'Consumes API',
    walkedByDefault: true,
    followedByReadiness: true,
  },
  // consumer -> API -> provider: the API depends on whoever provides it
  providesApi: {
    dependentSide: 'apiProvidedBy',
    dependencySide: 'providesApi',
    label: 'API provider',
    walkedByDefault: true,
    followedByReadiness: true,
  },
  // a system depends on its parts: a broken part is in the system's blast radius
  partOf: {
    dependentSide: 'hasPart',
    dependencySide: 'partOf',
    label: 'Part of',
    walkedByDefault: false,
    followedByReadiness: false,
  },
} as const satisfies Record<string, GraphRelationDefinition>;

/** Every relation group, in the registry's order. @public */
export const GRAPH_RELATIONS = Object.keys(
  GRAPH_RELATION_REGISTRY,
) as GraphRelation[];

/** The relation groups a walk follows unless asked otherwise. @public */
export const DEFAULT_GRAPH_RELATIONS: GraphRelation[] = GRAPH_RELATIONS.filter(
  relation => GRAPH_RELATION_REGISTRY[relation].walkedByDefault,
);

/**
 * How each catalog relation becomes an edge from dependent to dependency: both relations of each
 * pair, by catalog relation type.
 *
 * @public
 */
export const CATALOG_RELATION_EDGES: Record<
  string,
  { group: GraphRelation; label: GraphEdgeRelation; dependentIsSource: boolean }
> = Object.fromEntries(
  GRAPH_RELATIONS.flatMap(group => {
    const { dependentSide, dependencySide } = GRAPH_RELATION_REGISTRY[group];
    return [
      [dependentSide, { group, label: dependentSide, dependentIsSource: true }],
      [
        dependencySide,
        { group, label: dependentSide, dependentIsSource: false },
      ],
    ];
  }),
);

/**
 * Reads a relation name as a group: either relation of a pair names its group (`hasPart` and
 * `partOf` both mean `partOf`).
 *
 * @public
 */
export function parseGraphRelation(name: string): GraphRelation | undefined {
  const known = CATALOG_RELATION_EDGES[name];
  if (known) return known.group;
  const lower = name.toLowerCase();
  const match = Object.keys(CATALOG_RELATION_EDGES).find(
    key => key.toLowerCase() === lower,
  );
  return match ? CATALOG_RELATION_EDGES[match].group : undefined;
}
