export * from './types';
export {
  DEFAULT_GRAPH_RELATIONS,
  GRAPH_RELATIONS,
  parseGraphRelation,
} from './relations';
export { buildGraphTopology, relationMask } from './topology';
export type { GraphTopology } from './topology';
export { graphWalkSteps, walkGraph } from './walk';
export type { GraphWalkEdge, GraphWalkOptions, GraphWalkResult } from './walk';
export { findCycles } from './cycles';
