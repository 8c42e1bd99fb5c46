import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  GraphDirection,
  GraphRelation,
  GraphWalkOptions,
  GraphWalkResult,
  graphWalkSteps,
  walkGraph,
} from '@lockstep/backstage-plugin-lockstep-common';
import { CatalogReadAccess, exploreReadable } from '../access/catalogAccess';
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
    // One decision per request. ALLOW (the common case) needs no catalog read at all; any other
    // costs one batched read per level of the walk under the caller's credentials.
    const scope = await this.access.scope(credentials);
    if (root === undefined || topology.nodes[root].missing) {
      // the same work as for a root the caller may not read, so that the time tells nothing
      await scope.readable([request.entityRef]);
      throw notFound;
    }
    if ((await scope.readable([topology.nodes[root].entityRef])).size === 0) {
      throw notFound;
    }

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

    if (scope.all) return answer(walkGraph(topology, options));
    // Only nodes the caller may read, and nothing reachable only through a hidden one: the walk
    // enters only what the caller reads, learnt level by level ahead of it, so that the node cap,
    // `truncated` and the `more` counts are spent on readable entities alone.
    const steps = graphWalkSteps(topology, options);
    let shown = 1;
    const counted = new Set<number>([root]);
    const canEnter = await exploreReadable(
      topology,
      scope,
      steps.start,
      steps.expand,
      steps.nodeOf,
      {
        levels: request.depth > 0 ? request.depth : Infinity,
        stopAfter: entered => {
          for (const entry of entered) {
            const node = steps.nodeOf(entry);
            if (counted.has(node)) continue;
            counted.add(node);
            if (steps.isShown(node)) shown++;
          }
          return shown > request.maxNodes;
        },
        // the `more` counts of the last nodes shown look one step beyond them
        askBeyond: true,
      },
    );
    return answer(
      walkGraph(topology, {
        ...options,
        canEnter: node => node === root || canEnter(node),
      }),
    );
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
