import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  GraphDirection,
  GraphRelation,
  GraphWalkOptions,
  GraphWalkResult,
  walkGraph,
} from '@lockstep/backstage-plugin-lockstep-common';
import { CatalogReadAccess } from '../catalogAccess';
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
    private readonly access: CatalogReadAccess,
  ) {}

  /** The answer of `GET /graph`: a `GraphResponse`, written as JSON from the snapshot's pieces. */
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

    const answer = (result: GraphWalkResult) =>
      JsonBody.ofBytes(
        snapshot.json.write(result, request.entityRef, indexedAt),
      );
    const options: GraphWalkOptions = {
      root,
      direction: request.direction,
      depth: request.depth,
      relations: new Set(request.relations),
      kinds: request.kinds && new Set(request.kinds),
      maxNodes: request.maxNodes,
    };

    // One decision per request. ALLOW (the common case) needs no catalog read at all; any other
    // costs a single batched read of the answer under the caller's credentials.
    const scope = await this.access.scope(credentials);

    // (a request that began on an older snapshot than the kept answers' neither uses nor keeps any)
    if (
      scope.all &&
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
      const body = answer(result);
      answers.set(key, { body, nodes: result.nodes.length });
      this.kept.nodes += result.nodes.length;
      for (const [oldest, { nodes }] of answers) {
        if (this.kept.nodes <= KEPT_NODES) break;
        answers.delete(oldest);
        this.kept.nodes -= nodes;
      }
      return body;
    }

    const first = walkGraph(topology, options);
    if (scope.all) return answer(first);
    // Only nodes the caller may read, and nothing reachable only through a hidden one: the second
    // walk enters only nodes checked on the first one's answer. Missing entities carry no data and stay.
    const existing = first.nodes.filter(node => !topology.nodes[node].missing);
    const readableRefs = await scope.readable(
      existing.map(node => topology.nodes[node].entityRef),
    );
    const readable = new Set(
      first.nodes.filter(
        node =>
          topology.nodes[node].missing ||
          readableRefs.has(
            topology.nodes[node].entityRef.toLocaleLowerCase('en-US'),
          ),
      ),
    );
    if (!readable.has(root)) throw notFound;
    const restricted = walkGraph(topology, {
      ...options,
      canEnter: node => readable.has(node),
    });
    return answer({
      ...restricted,
      truncated: restricted.truncated || first.truncated,
    });
  }
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
