import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  describeReadiness,
  EntityReadiness,
  gateWaits,
  GraphTopology,
  ownReadiness,
  ReadinessBlocker,
  ReadinessHistory,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import { CatalogDirectory } from '../access/CatalogDirectory';
import { CatalogReadAccess, CatalogReadScope } from '../access/catalogAccess';
import { GraphIndex } from '../graph/GraphIndex';
import {
  assertReadable,
  blockerTeams,
  readableTitles,
  withTitles,
} from './readable';
import { ReadinessBlockers } from './ReadinessBlockers';
import { ReadinessEvaluator } from './ReadinessEvaluator';
import { ReadinessReplica } from './ReadinessReplica';
import { ReadinessStore } from './ReadinessStore';
import { ReadinessViews } from './ReadinessViews';

/** The readiness and history of one entity, as the caller may see them. */
export class EntityReadinessView {
  constructor(
    private readonly deps: {
      access: CatalogReadAccess;
      directory: CatalogDirectory;
      graphIndex: GraphIndex;
      store: ReadinessStore;
      replica: ReadinessReplica;
      views: ReadinessViews;
      blockers: ReadinessBlockers;
      evaluator: ReadinessEvaluator;
    },
  ) {}

  async getReadiness(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityReadiness> {
    const { replica, evaluator } = this.deps;
    const scope = await this.deps.access.scope(credentials);
    await assertReadable(entityRef, scope);
    await replica.sync();
    if (replica.needsEvaluation(entityRef)) {
      await evaluator.evaluateOne(entityRef);
    }
    // A sign-off that ran out since the last sweep is recorded now, so the history is never behind.
    const now = new Date().toISOString();
    const gates = replica.gatesOf(entityRef)?.values() ?? [];
    if (
      [...gates].some(
        g => g.status === 'passed' && g.expiresAt && g.expiresAt <= now,
      )
    ) {
      await evaluator.expireSignOffs();
    }
    return this.readinessOf(entityRef, await this.graph(), scope);
  }

  async refresh(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityReadiness> {
    const scope = await this.deps.access.scope(credentials);
    await assertReadable(entityRef, scope);
    await this.deps.evaluator.evaluateOne(entityRef);
    return this.readinessOf(entityRef, await this.graph(), scope);
  }

  async history(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ReadinessHistory> {
    await assertReadable(entityRef, await this.deps.access.scope(credentials));
    const { topology } = await this.graph();
    const node = topology.indexOf(entityRef);
    // an entity the index has not seen yet may still be in the catalog; one that is in neither has no history
    if (
      (node === undefined || topology.nodes[node].missing) &&
      !(await this.deps.directory.entity(entityRef))
    ) {
      throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
    }
    const events = await this.deps.store.history(entityRef);
    return {
      entityRef:
        node === undefined ? entityRef : topology.nodes[node].entityRef,
      events,
      waits: gateWaits(events),
    };
  }

  /**
   * The answer to a change the caller made: the entity as it stands now. Access was checked before
   * the change, so it is not checked again.
   */
  async afterChange(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityReadiness> {
    return this.readinessOf(
      entityRef,
      await this.graph(),
      await this.deps.access.scope(credentials),
    );
  }

  private async readinessOf(
    entityRef: string,
    { topology }: { topology: GraphTopology },
    scope: CatalogReadScope,
  ): Promise<EntityReadiness> {
    const { replica, views } = this.deps;
    const now = Date.now();
    const node = topology.indexOf(entityRef);
    const entity = node === undefined ? undefined : topology.nodes[node];
    const evaluation = replica.evaluationOf(entityRef);
    const profile = replica.profileOf(entityRef);
    const gates = profile
      ? views.gateViews(profile, entityRef, entity?.owner, now)
      : [];
    let status: ReadinessStatus;
    let blockedBy: ReadinessBlocker[] = [];
    let hiddenBlockers = false;
    if (node === undefined) {
      // not in the graph index yet (it refreshes on its schedule): judged on its own gates
      status = profile ? ownReadiness(gates) : 'unknown';
    } else {
      const rollUp = views.rollUp(topology, now);
      status = rollUp.statuses[node];
      const found = (
        await this.deps.blockers.visible(topology, rollUp, [node], scope)
      ).get(node)!;
      blockedBy = found.blockedBy;
      hiddenBlockers = found.hidden;
    }
    const titleOf = await readableTitles(topology, scope, [
      ...gates.map(gate => gate.team),
      ...blockerTeams(blockedBy),
    ]);
    blockedBy = withTitles(blockedBy, titleOf);
    return {
      entityRef: entity?.entityRef ?? entityRef,
      ...(entity?.title && { title: entity.title }),
      ...(entity?.owner && { owner: entity.owner }),
      ...(entity?.system && { system: entity.system }),
      ...(profile &&
        evaluation?.profile && {
          profile: { ...evaluation.profile, title: profile.title },
        }),
      status,
      reason: describeReadiness(
        { status, gates, blockedBy, hiddenBlockers },
        titleOf,
      ),
      gates,
      blockedBy,
      ...(hiddenBlockers && { hiddenBlockers }),
      ...(evaluation && { evaluatedAt: evaluation.evaluatedAt }),
    };
  }

  private async graph() {
    return this.deps.graphIndex.current();
  }
}
