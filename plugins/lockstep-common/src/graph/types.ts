import type { ApiSchema } from '../schema';
import type { GRAPH_RELATION_REGISTRY } from './relations';
/**
 * Which way a walk goes from its root. Upstream is what the root depends on or consumes, transitively;
 * downstream is what depends on or consumes the root (its blast radius).
 *
 * @public
 */
export type GraphDirection = 'upstream' | 'downstream' | 'both';

/**
 * A group of catalog relations that Lockstep follows, named by its forward relation. Each group maps a
 * pair of catalog relations to edges that point from the dependent to its dependency.
 *
 * @public
 */
export type GraphRelation = keyof typeof GRAPH_RELATION_REGISTRY;

/**
 * The label of an edge, read as "source <relation> target": `indirect` joins two shown entities
 * through entities that a kind filter hides (listed in `via`).
 *
 * @public
 */
export type GraphEdgeRelation =
  | (typeof GRAPH_RELATION_REGISTRY)[GraphRelation]['dependentSide']
  | 'indirect';

/**
 * What the graph index keeps of one catalog entity.
 *
 * @public
 */
export type GraphEntity = Omit<GraphNode, 'missing' | 'more'>;

/** @public */
export type GraphNode = ApiSchema<'GraphNode'>;

/** @public */
export type GraphEdge = Omit<ApiSchema<'GraphEdge'>, 'relation'> & {
  relation: GraphEdgeRelation;
};

/**
 * The answer of `GET /api/lockstep/graph`.
 *
 * @public
 */
export type GraphResponse = Omit<ApiSchema<'GraphResponse'>, 'edges'> & {
  edges: GraphEdge[];
};

/**
 * Parameters of `GET /api/lockstep/graph`.
 *
 * @public
 */
export interface GraphQuery {
  entityRef: string;
  direction?: GraphDirection;
  /** Hops from the root; 0 means unlimited. Defaults to 1. */
  depth?: number;
  relations?: GraphRelation[];
  kinds?: string[];
  maxNodes?: number;
}
