import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  GraphDirection,
  GraphRelation,
  GraphResponse,
  GraphTopology,
  GraphWalkOptions,
  GraphWalkResult,
  walkGraph,
} from '@lockstep/backstage-plugin-lockstep-common';
import { GraphIndex, GraphSnapshot } from './GraphIndex';
import { JsonBody } from './sendJson';

/** A graph request after validation. */
export interface GraphRequest {
  entityRef: string;
  direction: GraphDirection;
  depth: number;
  relations: GraphRelation[];
  kinds?: string[];
  maxNodes: number;
}

/** Answers kept for callers the policy lets read the whole catalog, up to this many nodes in all. */
const KEPT_NODES = 50_000;

/**
 * Answers graph requests from the index, with the caller's catalog permissions applied to the answer.
 *
 * An answer for a caller allowed to read the whole catalog depends on nothing but the index snapshot
 * and the query, so it is kept, serialised, until the snapshot is replaced (every 30 s by default):
 * asking again (another reader of the same entity, a view toggled back) costs the permission
 * decision and sending the kept bytes. Answers shaped by a conditional decision are never kept.
 */
export class GraphService {
  private kept?: {
    snapshot: GraphSnapshot;
    answers: Map<string, { body: JsonBody; nodes: number }>;
    nodes: number;
  };

  constructor(
    private readonly index: GraphIndex,
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
  ) {}

  /** The answer of `GET /graph` (a `GraphResponse`), serialised when first sent. */
  async getGraph(
    request: GraphRequest,
    credentials: BackstageCredentials,
  ): Promise<JsonBody> {
    const snapshot = await this.index.current();
    const { topology, indexedAt } = snapshot;
    const root = topology.indexOf(request.entityRef);
    const notFound = new NotFoundError(
      `No entity '${request.entityRef}' in the catalog`,
    );
    if (root === undefined || topology.nodes[root].missing) throw notFound;

    const options: GraphWalkOptions = {
      root,
      direction: request.direction,
      depth: request.depth,
      relations: new Set(request.relations),
      kinds: request.kinds && new Set(request.kinds),
      maxNodes: request.maxNodes,
    };

    // One decision per request. ALLOW (the common case) needs no catalog read at all; a CONDITIONAL
    // one costs a single batched read of the answer under the caller's credentials.
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) throw notFound;

    // (a request that began on an older snapshot than the kept answers' neither uses nor keeps any)
    if (
      decision.result === AuthorizeResult.ALLOW &&
      !(this.kept && this.kept.snapshot.indexedAt > snapshot.indexedAt)
    ) {
      if (this.kept?.snapshot !== snapshot) {
        this.kept = { snapshot, answers: new Map(), nodes: 0 };
      }
      const { answers } = this.kept;
      const key = keyOf(request);
      const kept = answers.get(key);
      if (kept) {
        answers.delete(key); // most recently used last
        answers.set(key, kept);
        return kept.body;
      }
      const result = walkGraph(topology, options);
      const body = new JsonBody(
        toResponse(topology, result, request.entityRef, indexedAt),
      );
      answers.set(key, { body, nodes: result.nodes.length });
      this.kept.nodes += result.nodes.length;
      for (const [oldest, { nodes }] of answers) {
        if (this.kept.nodes <= KEPT_NODES) break;
        answers.delete(oldest);
        this.kept.nodes -= nodes;
      }
      return body;
    }

    let result = walkGraph(topology, options);
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      const readable = await this.readable(topology, result.nodes, credentials);
      if (!readable.has(root)) throw notFound;
      // Walk again inside what the caller may read, so that nothing reachable only through a hidden
      // entity shows. The second walk only enters nodes checked above.
      const restricted = walkGraph(topology, {
        ...options,
        canEnter: node => readable.has(node),
      });
      result = {
        ...restricted,
        truncated: restricted.truncated || result.truncated,
      };
    }
    return new JsonBody(
      toResponse(topology, result, request.entityRef, indexedAt),
    );
  }

  /** The nodes the caller may read; missing entities carry no data and stay. */
  private async readable(
    topology: GraphTopology,
    nodes: number[],
    credentials: BackstageCredentials,
  ): Promise<Set<number>> {
    const existing = nodes.filter(node => !topology.nodes[node].missing);
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: existing.map(node => topology.nodes[node].entityRef),
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    const readable = new Set(
      nodes.filter(node => topology.nodes[node].missing),
    );
    existing.forEach((node, i) => {
      if (items[i]) readable.add(node);
    });
    return readable;
  }
}

function toResponse(
  topology: GraphTopology,
  result: GraphWalkResult,
  requestedRoot: string,
  indexedAt: Date,
): GraphResponse {
  const refOf = (node: number) => topology.nodes[node].entityRef;
  return {
    root: result.nodes.length > 0 ? refOf(result.nodes[0]) : requestedRoot,
    nodes: result.nodes.map(node => {
      const more = result.more.get(node);
      return more
        ? { ...topology.nodes[node], more }
        : { ...topology.nodes[node] };
    }),
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

/** The query, normalised: entity refs compare case-insensitively, lists are sets. */
function keyOf(request: GraphRequest): string {
  return JSON.stringify([
    request.entityRef.toLocaleLowerCase('en-US'),
    request.direction,
    request.depth,
    [...request.relations].sort(),
    request.kinds ? [...request.kinds].sort() : null,
    request.maxNodes,
  ]);
}
