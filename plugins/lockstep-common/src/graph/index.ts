export * from './types';
export {
  CATALOG_RELATION_EDGES,
  DEFAULT_GRAPH_RELATIONS,
  GRAPH_RELATIONS,
  GRAPH_RELATION_REGISTRY,
  parseGraphRelation,
} from './relations';
export type { GraphRelationDefinition } from './relations';
export { buildGraphTopology, relationMask } from './topology';
export type { GraphTopology } from './topology';
export { graphWalkSteps, walkGraph } from './walk';
export type { GraphWalkEdge, GraphWalkOptions, GraphWalkResult } from './walk';
export { findCycles } from './cycles';
