import { GraphEdgeRelation, GraphRelation } from './types';

/**
 * How each catalog relation becomes an edge from dependent to dependency. Both relations of a pair are
 * read, so that an edge survives when only one side exists (a relation to a missing entity).
 */
export const CATALOG_RELATION_EDGES: Record<
  string,
  { group: GraphRelation; label: GraphEdgeRelation; dependentIsSource: boolean }
> = {
  dependsOn: {
    group: 'dependsOn',
    label: 'dependsOn',
    dependentIsSource: true,
  },
  dependencyOf: {
    group: 'dependsOn',
    label: 'dependsOn',
    dependentIsSource: false,
  },
  consumesApi: {
    group: 'consumesApi',
    label: 'consumesApi',
    dependentIsSource: true,
  },
  apiConsumedBy: {
    group: 'consumesApi',
    label: 'consumesApi',
    dependentIsSource: false,
  },
  // consumer -> API -> provider: the API depends on whoever provides it
  apiProvidedBy: {
    group: 'providesApi',
    label: 'apiProvidedBy',
    dependentIsSource: true,
  },
  providesApi: {
    group: 'providesApi',
    label: 'apiProvidedBy',
    dependentIsSource: false,
  },
  // a system depends on its parts: a broken part is in the system's blast radius
  hasPart: { group: 'partOf', label: 'hasPart', dependentIsSource: true },
  partOf: { group: 'partOf', label: 'hasPart', dependentIsSource: false },
};

/** The relation groups a walk follows unless asked otherwise. */
export const DEFAULT_GRAPH_RELATIONS: GraphRelation[] = [
  'dependsOn',
  'consumesApi',
  'providesApi',
];

/** Every relation group, for validating requests. */
export const GRAPH_RELATIONS: GraphRelation[] = [
  'dependsOn',
  'consumesApi',
  'providesApi',
  'partOf',
];

/**
 * Reads a relation name as a group: either relation of a pair names its group (`hasPart` and
 * `partOf` both mean `partOf`).
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
