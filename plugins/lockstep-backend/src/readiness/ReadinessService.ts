import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  EntityReadiness,
  ReadinessBoard,
  ReadinessBoardQuery,
  ReadinessHistory,
  ReadinessStatus,
  SignOffRequest,
} from '@lockstep/backstage-plugin-lockstep-common';
import { CatalogReadAccess } from '../access/catalogAccess';
import { CatalogDirectory } from '../access/CatalogDirectory';
import { GraphIndex } from '../graph/GraphIndex';
import { ReadinessConfig } from './config';
import { EntityReadinessView } from './EntityReadinessView';
import { ReadinessBlockers } from './ReadinessBlockers';
import { ReadinessBoardView } from './ReadinessBoardView';
import { ReadinessCheckRegistry } from './ReadinessCheckRegistry';
import { ReadinessEvaluator } from './ReadinessEvaluator';
import { ReadinessReplica } from './ReadinessReplica';
import { ReadinessSignOffs } from './ReadinessSignOffs';
import { ReadinessStore } from './ReadinessStore';
import { ReadinessViews } from './ReadinessViews';

/**
 * Readiness of every entity: evaluates checks (on the schedule, or on demand), records sign-offs, and
 * answers from an in-memory copy of the stored state rolled up across the graph index, so that a page
 * view costs no check and no catalog walk. Other replicas' writes are picked up through the event log.
 *
 * The work is done by collaborators sharing one replica of the state: the evaluator, the sign-offs,
 * and the views of one entity and of many.
 */
export class ReadinessService {
  private readonly evaluator: ReadinessEvaluator;
  private readonly signOffs: ReadinessSignOffs;
  private readonly entityView: EntityReadinessView;
  private readonly boardView: ReadinessBoardView;

  constructor(deps: {
    auth: AuthService;
    catalog: CatalogService;
    permissions: PermissionsService;
    access: CatalogReadAccess;
    directory: CatalogDirectory;
    graphIndex: GraphIndex;
    store: ReadinessStore;
    config: ReadinessConfig;
    checks: ReadinessCheckRegistry;
    logger: LoggerService;
    signals?: SignalsService;
  }) {
    const { access, directory, graphIndex, store } = deps;
    const replica = new ReadinessReplica({
      store,
      profiles: deps.config.profiles,
      logger: deps.logger,
      signals: deps.signals,
    });
    const views = new ReadinessViews({
      replica,
      expiryWarningMs: deps.config.expiryWarningMs,
    });
    const blockers = new ReadinessBlockers({ replica, views });
    const evaluator = new ReadinessEvaluator({
      auth: deps.auth,
      catalog: deps.catalog,
      directory,
      store,
      config: deps.config,
      checks: deps.checks,
      logger: deps.logger,
      replica,
    });
    this.evaluator = evaluator;
    this.signOffs = new ReadinessSignOffs({
      access,
      permissions: deps.permissions,
      directory,
      store,
      replica,
      evaluator,
    });
    this.entityView = new EntityReadinessView({
      access,
      directory,
      graphIndex,
      store,
      replica,
      views,
      blockers,
      evaluator,
    });
    this.boardView = new ReadinessBoardView({
      access,
      graphIndex,
      replica,
      views,
      blockers,
    });
  }

  // ---------------------------------------------------------------- reads

  getReadiness(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityReadiness> {
    return this.entityView.getReadiness(entityRef, credentials);
  }

  refresh(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityReadiness> {
    return this.entityView.refresh(entityRef, credentials);
  }

  history(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ReadinessHistory> {
    return this.entityView.history(entityRef, credentials);
  }

  statuses(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Record<string, ReadinessStatus>> {
    return this.boardView.statuses(entityRefs, credentials);
  }

  board(
    query: ReadinessBoardQuery,
    credentials: BackstageCredentials,
  ): Promise<ReadinessBoard> {
    return this.boardView.board(query, credentials);
  }

  // --------------------------------------------------------------- writes

  /** Signs a gate off; answers with the entity as it stands after. */
  async signOff(
    entityRef: string,
    request: SignOffRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<EntityReadiness> {
    await this.signOffs.signOff(entityRef, request, credentials);
    return this.entityView.afterChange(entityRef, credentials);
  }

  /** Withdraws a sign-off; answers with the entity as it stands after. */
  async revoke(
    entityRef: string,
    gateId: string,
    comment: string | undefined,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<EntityReadiness> {
    await this.signOffs.revoke(entityRef, gateId, comment, credentials);
    return this.entityView.afterChange(entityRef, credentials);
  }

  // ----------------------------------------------------------- evaluation

  /** Runs every entity's checks; the scheduled task. Returns how many entities were evaluated. */
  evaluateAll(): Promise<{
    entities: number;
    events: number;
    phases: Record<'catalog' | 'checks' | 'store' | 'reload', number>;
  }> {
    return this.evaluator.evaluateAll();
  }

  /** Marks sign-offs whose validity ran out as expired; the scheduled task. */
  expireSignOffs(): Promise<number> {
    return this.evaluator.expireSignOffs();
  }
}
