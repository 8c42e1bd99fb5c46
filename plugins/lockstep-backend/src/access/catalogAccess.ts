import { refKey } from '@lockstep/backstage-plugin-lockstep-common';
import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { GraphTopology } from '@lockstep/backstage-plugin-lockstep-common';
import { ReadDecisionStore } from './ReadDecisionStore';

/**
 * What one permission decision lets a caller read. Everything an answer says about another entity
 * (a node, a blocker, a path, a count, a title) goes through the caller's scope first.
 */
export interface CatalogReadScope {
  /** ALLOW: every entity, without reading the catalog. */
  all: boolean;
  /** The subset of `entityRefs` the caller may read, as lower-case refs; each ref is asked once. */
  readable(entityRefs: Iterable<string>): Promise<Set<string>>;
  /** What an earlier `readable` call found; false for a ref never asked about. */
  knows(entityRef: string): boolean;
}

/** A user's unchanged decision is written again after this long. */
const REMEMBER_AGAIN_MS = 10 * 60 * 1000;

/**
 * Which entities a caller may read in the catalog, with one permission decision per call: ALLOW needs
 * no catalog read, DENY reads nothing, a CONDITIONAL decision costs one batched read under the
 * caller's own credentials per batch of refs not asked about before, so the catalog applies the
 * adopter's policy itself.
 */
export class CatalogReadAccess {
  /** What was last remembered per user, so that the store is written only when it changes. */
  private readonly remembered = new Map<string, { json: string; at: number }>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
    private readonly memory?: {
      store: ReadDecisionStore;
      logger: LoggerService;
    },
  ) {}

  /** Decides once; the scope answers for any number of entities afterwards. */
  async scope(credentials: BackstageCredentials): Promise<CatalogReadScope> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    await this.remember(credentials, decision);
    if (decision.result === AuthorizeResult.ALLOW) {
      return {
        all: true,
        readable: async refs => new Set([...refs].map(refKey)),
        knows: () => true,
      };
    }
    if (decision.result === AuthorizeResult.DENY) {
      return {
        all: false,
        readable: async () => new Set(),
        knows: () => false,
      };
    }
    const known = new Map<string, boolean>();
    return {
      all: false,
      knows: ref => known.get(refKey(ref)) === true,
      readable: async refs => {
        const asked = [...new Set([...refs].map(refKey))];
        const unknown = asked.filter(ref => !known.has(ref));
        if (unknown.length > 0) {
          const { items } = await this.catalog.getEntitiesByRefs(
            {
              entityRefs: unknown,
              fields: ['kind', 'metadata.namespace', 'metadata.name'],
            },
            { credentials },
          );
          unknown.forEach((ref, i) => known.set(ref, Boolean(items[i])));
        }
        return new Set(asked.filter(ref => known.get(ref)));
      },
    };
  }

  /**
   * Keeps a user's decision for the notifications sent while others ask (`RecipientAccess`): written
   * when it changes, and refreshed well inside `DECISION_MAX_AGE_MS`. A failure to keep it only
   * leaves that user told less.
   */
  private async remember(
    credentials: BackstageCredentials,
    decision: PolicyDecision,
  ) {
    const principal = credentials.principal as { userEntityRef?: string };
    if (!this.memory || !principal.userEntityRef) return;
    const user = refKey(principal.userEntityRef);
    const json = JSON.stringify(decision);
    const last = this.remembered.get(user);
    const now = Date.now();
    if (last && last.json === json && now - last.at < REMEMBER_AGAIN_MS) return;
    try {
      await this.memory.store.remember(user, decision, new Date(now));
      this.remembered.set(user, { json, at: now });
    } catch (error) {
      this.memory.logger.warn(
        `Could not keep the catalog read decision of ${user}: ${error}`,
      );
    }
  }

  /** The subset of `entityRefs` the caller may read, as lower-case refs. */
  async readable(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    return (await this.scope(credentials)).readable(entityRefs);
  }

  async canRead(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    return (await this.readable([entityRef], credentials)).size > 0;
  }
}

/** How far `exploreReadable` goes. */
export interface ExploreOptions {
  /** Levels to follow from the start; Infinity for all. */
  levels: number;
  /** Called with the entries each level entered; true stops after that level. */
  stopAfter?: (entered: number[]) => boolean;
  /** Also ask about the candidates one level beyond where the walk stopped, without entering them. */
  askBeyond?: boolean;
}

/**
 * Learns which nodes a breadth-first walk may enter when it may enter only what the caller reads,
 * one batched catalog read per level: from the `start` entries, `expand` gives each entry's
 * candidates, and only readable candidates are followed. Entries are the walk's own encoding (a node,
 * or a node and a direction); `nodeOf` maps them to nodes. Entities the catalog does not have carry
 * no data and are readable. Returns whether the caller may read a node; for a node never asked about
 * (beyond where the walk stopped) the answer is false.
 */
export async function exploreReadable(
  topology: GraphTopology,
  scope: CatalogReadScope,
  start: number[],
  expand: (entry: number) => Iterable<number>,
  nodeOf: (entry: number) => number,
  options: ExploreOptions,
): Promise<(node: number) => boolean> {
  const refOf = (node: number) => topology.nodes[node].entityRef;
  if (scope.all) return () => true;
  const readable = (node: number) =>
    topology.nodes[node].missing === true || scope.knows(refOf(node));

  const seen = new Set<number>(start);
  const candidatesOf = (frontier: number[]) => {
    const candidates: number[] = [];
    for (const entry of frontier) {
      for (const next of expand(entry)) {
        if (seen.has(next)) continue;
        seen.add(next);
        candidates.push(next);
      }
    }
    return candidates;
  };
  const ask = (entries: number[]) =>
    scope.readable(
      entries
        .map(nodeOf)
        .filter(node => !topology.nodes[node].missing)
        .map(refOf),
    );

  let frontier = start;
  for (let level = 0; level < options.levels && frontier.length > 0; level++) {
    const candidates = candidatesOf(frontier);
    await ask(candidates);
    frontier = candidates.filter(entry => readable(nodeOf(entry)));
    if (options.stopAfter?.(frontier)) break;
  }
  if (options.askBeyond && frontier.length > 0) {
    await ask(candidatesOf(frontier));
  }
  return readable;
}
