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
export type GraphRelation =
  | 'dependsOn'
  | 'consumesApi'
  | 'providesApi'
  | 'partOf';

/**
 * The label of an edge, read as "source <relation> target": `indirect` joins two shown entities
 * through entities that a kind filter hides (listed in `via`).
 *
 * @public
 */
export type GraphEdgeRelation =
  | 'dependsOn'
  | 'consumesApi'
  | 'apiProvidedBy'
  | 'hasPart'
  | 'indirect';

/**
 * What the graph index keeps of one catalog entity.
 *
 * @public
 */
export interface GraphEntity {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  /** Entity ref of the owner, from the ownedBy relation. */
  owner?: string;
  type?: string;
  lifecycle?: string;
  /** Entity ref of the system, from the partOf relation to a System. */
  system?: string;
}

/** @public */
export interface GraphNode extends GraphEntity {
  /** True when a relation points at an entity the catalog does not have. */
  missing?: boolean;
  /** How many neighbours in the walk's direction the answer leaves out (depth limit or node cap). */
  more?: number;
}

/** @public */
export interface GraphEdge {
  /** The dependent. */
  source: string;
  /** The dependency. */
  target: string;
  relation: GraphEdgeRelation;
  /** For `indirect` edges: the hidden entities in between, in order. */
  via?: string[];
}

/**
 * The answer of `GET /api/lockstep/graph`.
 *
 * @public
 */
export interface GraphResponse {
  root: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** True when the node cap cut the walk short. */
  truncated: boolean;
  /** Each dependency cycle among the nodes, as the entity refs in it. */
  cycles: string[][];
  /** When the index behind this answer was read from the catalog (ISO 8601). */
  indexedAt: string;
}

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
