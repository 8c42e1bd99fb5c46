import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  refKey,
  selectProfile,
} from '@lockstep/backstage-plugin-lockstep-common';
import { CatalogDirectory } from '../access/CatalogDirectory';
import { ReadinessConfig } from './config';
import { ReadinessCheckRegistry } from './ReadinessCheckRegistry';
import { ReadinessReplica } from './ReadinessReplica';
import { EvaluationInput, GateOutcome, ReadinessStore } from './ReadinessStore';

const CHECK_TIMEOUT_MS = 30_000;

/**
 * Runs the checks of readiness profiles, for every entity on the schedule or for one on demand, and
 * expires sign-offs. Stores what changed, brings the replica up to date, and announces the change.
 */
export class ReadinessEvaluator {
  constructor(
    private readonly deps: {
      auth: AuthService;
      catalog: CatalogService;
      directory: CatalogDirectory;
      store: ReadinessStore;
      config: ReadinessConfig;
      checks: ReadinessCheckRegistry;
      logger: LoggerService;
      replica: ReadinessReplica;
    },
  ) {}

  /** Runs every entity's checks; the scheduled task. Returns how many entities were evaluated. */
  async evaluateAll(): Promise<{
    entities: number;
    events: number;
    phases: Record<'catalog' | 'checks' | 'store' | 'reload', number>;
  }> {
    let mark = Date.now();
    const lap = () => {
      const ms = Date.now() - mark;
      mark = Date.now();
      return ms;
    };
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const entities = new Map<string, Entity>();
    for await (const page of this.deps.catalog.streamEntities(
      { pageSize: 1000 },
      { credentials },
    )) {
      for (const entity of page)
        entities.set(refKey(stringifyEntityRef(entity)), entity);
    }
    const catalog = lap();
    const getEntity = async (ref: string) => entities.get(refKey(ref));
    const inputs: EvaluationInput[] = [];
    const all = [...entities.values()];
    // checks from modules may do I/O: a few entities at a time
    for (let i = 0; i < all.length; i += 16) {
      inputs.push(
        ...(await Promise.all(
          all.slice(i, i + 16).map(entity => this.evaluate(entity, getEntity)),
        )),
      );
    }
    const checks = lap();
    const { events, changed } = await this.deps.store.applyEvaluations(
      inputs,
      new Date().toISOString(),
    );
    const store = lap();
    await this.deps.replica.reload(changed);
    await this.deps.replica.reloadEvaluations();
    const reload = lap();
    this.warnAboutMissingTeams(entities);
    if (events > 0) this.deps.replica.announceChange();
    return {
      entities: inputs.length,
      events,
      phases: { catalog, checks, store, reload },
    };
  }

  /** Marks sign-offs whose validity ran out as expired; the scheduled task. */
  async expireSignOffs(): Promise<number> {
    const expired = await this.deps.store.expireSignOffs(
      new Date().toISOString(),
    );
    if (expired.length > 0) {
      await this.deps.replica.reload(expired);
      this.deps.replica.announceChange();
    }
    return expired.length;
  }

  /** Runs one entity's checks now; `known` spares reading an entity the caller already has. */
  async evaluateOne(entityRef: string, known?: Entity): Promise<void> {
    const entity = known ?? (await this.deps.directory.entity(entityRef));
    if (!entity)
      throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
    // each entity a check asks about is read once per evaluation
    const cache = new Map<string, Promise<Entity | undefined>>();
    const getEntity = (ref: string) => {
      if (!cache.has(refKey(ref)))
        cache.set(refKey(ref), this.deps.directory.entity(ref));
      return cache.get(refKey(ref))!;
    };
    const input = await this.evaluate(entity, getEntity);
    const { events } = await this.deps.store.applyEvaluations(
      [input],
      new Date().toISOString(),
    );
    await this.deps.replica.reload([input.entityRef]);
    if (events > 0) this.deps.replica.announceChange();
  }

  /** The outcome of every gate of the entity's profile; a check that fails to run is an `error`. */
  private async evaluate(
    entity: Entity,
    getEntity: (ref: string) => Promise<Entity | undefined>,
  ): Promise<EvaluationInput> {
    const entityRef = stringifyEntityRef(entity);
    const selected = selectProfile(entity, this.deps.config.profiles);
    if (!selected) return { entityRef, outcomes: [] };
    const outcomes = await Promise.all(
      selected.profile.gates.map(async (gate): Promise<GateOutcome> => {
        if (gate.type === 'signoff')
          return { gateId: gate.id, type: 'signoff' };
        const check = this.deps.checks.get(gate.check!)!;
        try {
          const result = await withTimeout(
            check.evaluate({ entity, params: gate.params, getEntity }),
            CHECK_TIMEOUT_MS,
          );
          return {
            gateId: gate.id,
            type: 'check',
            status: result.passed ? 'passed' : 'failed',
            detail: result.detail,
          };
        } catch (error) {
          return {
            gateId: gate.id,
            type: 'check',
            status: 'error',
            detail: `The ${gate.check} check could not run: ${
              (error as Error).message
            }`,
          };
        }
      }),
    );
    return { entityRef, profile: selected.ref, outcomes };
  }

  private warnAboutMissingTeams(entities: Map<string, Entity>) {
    for (const [team, configKey] of this.deps.config.teams) {
      if (!entities.has(team)) {
        this.deps.logger.error(
          `Readiness: ${configKey} names ${team}, which is not in the catalog; nobody can sign off its gates`,
        );
      }
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${ms / 1000} s`)),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}
