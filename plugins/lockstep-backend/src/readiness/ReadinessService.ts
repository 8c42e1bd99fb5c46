import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  describeReadiness,
  EntityReadiness,
  BlockerPath,
  findBlockers,
  gatePasses,
  gateStatusAt,
  gateWaits,
  GraphTopology,
  lockstepReadinessSignOffPermission,
  OwnReadiness,
  ownReadiness,
  ReadinessBoard,
  ReadinessBoardEntry,
  READINESS_SIGNAL_CHANNEL,
  ReadinessBoardQuery,
  ReadinessBlocker,
  readinessUpstream,
  ReadinessGate,
  ReadinessGateDefinition,
  ReadinessHistory,
  ReadinessProfile,
  ReadinessStatus,
  rollUpReadiness,
  selectProfile,
  SignOffRequest,
  signOffCommentProblem,
  signOffExpiry,
} from '@lockstep/backstage-plugin-lockstep-common';
import {
  CatalogReadAccess,
  CatalogReadScope,
  exploreReadable,
} from '../access/catalogAccess';
import { GraphIndex } from '../graph/GraphIndex';
import { CatalogDirectory } from '../access/CatalogDirectory';
import { ReadinessConfig } from './config';
import { ReadinessCheckRegistry } from './ReadinessCheckRegistry';
import {
  EvaluationInput,
  GateOutcome,
  ReadinessStore,
  StoredEvaluation,
  StoredGate,
} from './ReadinessStore';

const key = (entityRef: string) => entityRef.toLocaleLowerCase('en-US');
const CHECK_TIMEOUT_MS = 30_000;
/** Roll-ups are recomputed at least this often, and whenever a sign-off crosses a time boundary. */
const ROLL_UP_MAX_AGE_MS = 60_000;
/** How long a skipped event id is asked for again; far longer than any Lockstep transaction. */
const GAP_WAIT_MS = 60_000;
/** How far below the newest event id a fresh start looks for transactions still in flight. */
const GAP_WINDOW = 1000;

interface RollUp {
  topology: GraphTopology;
  version: number;
  validUntil: number;
  own: OwnReadiness[];
  statuses: ReadinessStatus[];
}

/**
 * Readiness of every entity: evaluates checks (on the schedule, or on demand), records sign-offs, and
 * answers from an in-memory copy of the stored state rolled up across the graph index, so that a page
 * view costs no check and no catalog walk. Other replicas' writes are picked up through the event log.
 */
export class ReadinessService {
  private gates = new Map<string, Map<string, StoredGate>>();
  private evaluations = new Map<string, StoredEvaluation>();
  private lastEventId = -1;
  /** Event ids skipped over by a sync, and when: see `sync`. */
  private readonly gaps = new Map<number, number>();
  private syncing?: Promise<void>;
  private version = 0;
  private rollUpCache?: RollUp;
  private readonly profiles: Map<string, ReadinessProfile>;

  constructor(
    private readonly deps: {
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
    },
  ) {
    this.profiles = new Map(deps.config.profiles.map(p => [p.id, p]));
  }

  // ---------------------------------------------------------------- reads

  async getReadiness(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityReadiness> {
    const scope = await this.deps.access.scope(credentials);
    await this.assertReadable(entityRef, scope);
    await this.sync();
    if (this.needsEvaluation(entityRef)) await this.evaluateOne(entityRef);
    // A sign-off that ran out since the last sweep is recorded now, so the history is never behind.
    const now = new Date().toISOString();
    const gates = this.gates.get(key(entityRef))?.values() ?? [];
    if (
      [...gates].some(
        g => g.status === 'passed' && g.expiresAt && g.expiresAt <= now,
      )
    ) {
      await this.expireSignOffs();
    }
    return this.readinessOf(entityRef, await this.graph(), scope);
  }

  async refresh(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityReadiness> {
    const scope = await this.deps.access.scope(credentials);
    await this.assertReadable(entityRef, scope);
    await this.evaluateOne(entityRef);
    return this.readinessOf(entityRef, await this.graph(), scope);
  }

  async history(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ReadinessHistory> {
    await this.assertReadable(
      entityRef,
      await this.deps.access.scope(credentials),
    );
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

  async statuses(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Record<string, ReadinessStatus>> {
    const readable = await (
      await this.deps.access.scope(credentials)
    ).readable(entityRefs);
    await this.sync();
    const { topology } = await this.graph();
    const rollUp = this.rollUp(topology, Date.now());
    const statuses: Record<string, ReadinessStatus> = {};
    for (const ref of entityRefs) {
      if (!readable.has(key(ref))) continue;
      const node = topology.indexOf(ref);
      statuses[ref] =
        node === undefined ? 'unknown' : rollUp.statuses[node] ?? 'unknown';
    }
    return statuses;
  }

  async board(
    query: ReadinessBoardQuery,
    credentials: BackstageCredentials,
  ): Promise<ReadinessBoard> {
    const scope = await this.deps.access.scope(credentials);
    await this.sync();
    const { topology } = await this.graph();
    const now = Date.now();
    const rollUp = this.rollUp(topology, now);
    const owner = query.owner && key(query.owner);
    const system = query.system && key(query.system);
    const team = query.team && key(query.team);

    const candidates: number[] = [];
    topology.nodes.forEach((node, index) => {
      if (node.missing || !this.profileOf(node.entityRef)) return;
      if (owner && key(node.owner ?? '') !== owner) return;
      if (system && key(node.system ?? '') !== system) return;
      if (query.status && !query.status.includes(rollUp.statuses[index])) {
        return;
      }
      candidates.push(index);
    });
    const readable = await scope.readable(
      candidates.map(index => topology.nodes[index].entityRef),
    );

    // First what sorting and filtering need, for every candidate; then the full entry (reason,
    // blockers) only for the page asked for, so a board of thousands answers in milliseconds.
    const rows: Array<{
      index: number;
      gates: ReadinessGate[];
      status: ReadinessStatus;
      waitingSince?: string;
    }> = [];
    const teams = new Set<string>();
    for (const index of candidates) {
      const node = topology.nodes[index];
      if (!readable.has(key(node.entityRef))) continue;
      const profile = this.profileOf(node.entityRef)!;
      const gates = this.gateViews(profile, node.entityRef, node.owner, now);
      if (team && !gates.some(gate => key(gate.team) === team)) continue;
      gates.forEach(gate => teams.add(gate.team));
      let waitingSince: string | undefined;
      for (const gate of gates) {
        if (gate.required && !gatePasses(gate.status) && gate.since) {
          if (!waitingSince || gate.since < waitingSince)
            waitingSince = gate.since;
        }
      }
      rows.push({ index, gates, status: rollUp.statuses[index], waitingSince });
    }
    // the oldest waits first; entities that wait on nothing of their own follow, worst status first
    const rank: Record<ReadinessStatus, number> = {
      'not-ready': 0,
      blocked: 1,
      'at-risk': 2,
      ready: 3,
      unknown: 4,
    };
    const refOf = (index: number) => topology.nodes[index].entityRef;
    rows.sort((a, b) => {
      if (a.waitingSince && b.waitingSince) {
        return a.waitingSince.localeCompare(b.waitingSince);
      }
      if (a.waitingSince || b.waitingSince) return a.waitingSince ? -1 : 1;
      return (
        rank[a.status] - rank[b.status] ||
        refOf(a.index).localeCompare(refOf(b.index))
      );
    });

    const offset = query.offset ?? 0;
    const page = rows.slice(offset, offset + (query.limit ?? 500));
    const blocking = await this.visibleBlockers(
      topology,
      rollUp,
      page
        .filter(row => row.status === 'blocked' || row.status === 'not-ready')
        .map(row => row.index),
      scope,
      3,
    );
    const titleOf = await this.titles(topology, scope, [
      ...teams,
      ...page.flatMap(row => {
        const found = blocking.get(row.index);
        return [
          ...(found?.blockedBy ?? []).flatMap(b => [
            b.owner ?? '',
            ...(b.gates ?? []).map(g => g.team),
          ]),
        ];
      }),
    ]);
    const items = page.map(({ index, gates, status, waitingSince }) => {
      const node = topology.nodes[index];
      const found = blocking.get(index);
      const blockedBy = withTitles(found?.blockedBy ?? [], titleOf);
      const hiddenBlockers = found?.hidden ?? false;
      const entry: ReadinessBoardEntry = {
        entityRef: node.entityRef,
        title: node.title,
        owner: node.owner,
        system: node.system,
        profile: this.profileOf(node.entityRef)!.id,
        status,
        reason: describeReadiness(
          { status, gates, blockedBy, hiddenBlockers },
          titleOf,
        ),
        gates: gates.map(gate => ({
          id: gate.id,
          title: gate.title,
          team: gate.team,
          type: gate.type,
          required: gate.required,
          status: gate.status,
          since: gate.since,
        })),
        blockedBy,
        ...(hiddenBlockers && { hiddenBlockers }),
        ...(waitingSince && { waitingSince }),
      };
      return entry;
    });
    return {
      items,
      total: rows.length,
      teams: [...teams].sort().map(ref => ({
        entityRef: ref,
        title: titleOf(ref) ?? ref,
      })),
    };
  }

  // --------------------------------------------------------------- writes

  async signOff(
    entityRef: string,
    request: SignOffRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<EntityReadiness> {
    const { gate, entity } = await this.signOffGate(
      entityRef,
      request.gateId,
      credentials,
    );
    const commentProblem = signOffCommentProblem('signoff', request.comment);
    if (commentProblem) throw new InputError(`comment: ${commentProblem}`);
    const now = new Date();
    const { expiresAt, problem } = signOffExpiry(gate, request.expiresAt, now);
    if (problem) throw new InputError(`expiresAt ${problem}`);
    await this.deps.store.signOff(stringifyEntityRef(entity), gate.id, {
      signedBy: credentials.principal.userEntityRef,
      signedAt: now.toISOString(),
      expiresAt,
      version: request.version?.trim() || undefined,
      comment: request.comment?.trim() || undefined,
    });
    await this.reload([entityRef]);
    this.changed();
    return this.readinessOf(
      entityRef,
      await this.graph(),
      await this.deps.access.scope(credentials),
    );
  }

  async revoke(
    entityRef: string,
    gateId: string,
    comment: string | undefined,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<EntityReadiness> {
    const commentProblem = signOffCommentProblem('revoke', comment);
    if (commentProblem) throw new InputError(`comment: ${commentProblem}`);
    const { gate, entity } = await this.signOffGate(
      entityRef,
      gateId,
      credentials,
    );
    const revoked = await this.deps.store.revoke(
      stringifyEntityRef(entity),
      gate.id,
      credentials.principal.userEntityRef,
      comment?.trim() ?? '',
      new Date().toISOString(),
    );
    if (!revoked) {
      throw new ConflictError(
        `${gate.title} of ${entityRef} is not signed off; there is nothing to revoke`,
      );
    }
    await this.reload([entityRef]);
    this.changed();
    return this.readinessOf(
      entityRef,
      await this.graph(),
      await this.deps.access.scope(credentials),
    );
  }

  /**
   * Everything that must hold before a sign-off or revocation, checked before anything is written:
   * the caller may read the entity, the gate exists and is a sign-off, the permission policy allows it,
   * and the caller is a member of the gate's team in the catalog.
   */
  private async signOffGate(
    entityRef: string,
    gateId: string,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<{ gate: ReadinessGateDefinition; entity: Entity }> {
    await this.assertReadable(
      entityRef,
      await this.deps.access.scope(credentials),
    );
    const entity = await this.deps.directory.entity(entityRef);
    if (!entity)
      throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
    await this.sync();
    if (this.needsEvaluation(entityRef)) {
      await this.evaluateOne(entityRef, entity);
    }
    const profile = this.profileOf(entityRef);
    if (!profile) {
      throw new NotFoundError(
        `No readiness profile applies to ${entityRef}, so it has no gate '${gateId}'`,
      );
    }
    const gate = profile.gates.find(g => g.id === gateId);
    if (!gate) {
      throw new NotFoundError(
        `No gate '${gateId}' in profile '${
          profile.id
        }' of ${entityRef}; its gates are ${profile.gates
          .map(g => g.id)
          .join(', ')}`,
      );
    }
    if (gate.type !== 'signoff') {
      throw new InputError(
        `${gate.title} is a check, evaluated automatically; use refresh to run it again`,
      );
    }
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: lockstepReadinessSignOffPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'The permission policy does not allow you to sign off readiness gates',
      );
    }
    const team =
      gate.team === 'owner'
        ? entity.relations?.find(r => r.type === 'ownedBy')?.targetRef
        : gate.team;
    const user = credentials.principal.userEntityRef;
    if (!team || !(await this.deps.directory.isMember(user, team))) {
      throw new NotAllowedError(
        `Only members of ${team ?? 'the owning team'} may sign off or revoke ${
          gate.title
        }; ${user} is not one`,
      );
    }
    return { gate, entity };
  }

  // ----------------------------------------------------------- evaluation

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
        entities.set(key(stringifyEntityRef(entity)), entity);
    }
    const catalog = lap();
    const getEntity = async (ref: string) => entities.get(key(ref));
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
    await this.reload(changed);
    // evaluation times and profiles of the unchanged entities
    this.evaluations = new Map(
      (await this.deps.store.listEvaluations()).map(e => [e.entityRef, e]),
    );
    this.version++;
    const reload = lap();
    this.warnAboutMissingTeams(entities);
    if (events > 0) this.changed();
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
      await this.reload(expired);
      this.changed();
    }
    return expired.length;
  }

  private async evaluateOne(entityRef: string, known?: Entity): Promise<void> {
    const entity = known ?? (await this.deps.directory.entity(entityRef));
    if (!entity)
      throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
    const cache = new Map<string, Promise<Entity | undefined>>();
    const getEntity = (ref: string) => {
      if (!cache.has(key(ref)))
        cache.set(key(ref), this.deps.directory.entity(ref));
      return cache.get(key(ref))!;
    };
    const input = await this.evaluate(entity, getEntity);
    const { events } = await this.deps.store.applyEvaluations(
      [input],
      new Date().toISOString(),
    );
    await this.reload([input.entityRef]);
    if (events > 0) this.changed();
  }

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

  // ---------------------------------------------------------------- state

  /**
   * Tells open pages that readiness changed somewhere, so they fetch what they show again. The
   * message names no entity: every signed-in page receives it, including people who may not read
   * what changed, and a change anywhere can change the roll-up of what they look at.
   */
  private changed() {
    this.deps.signals
      ?.publish({
        recipients: { type: 'broadcast' },
        channel: READINESS_SIGNAL_CHANNEL,
        message: { at: new Date().toISOString() },
      })
      .catch(error =>
        this.deps.logger.warn(`Could not signal a readiness change: ${error}`),
      );
  }

  /**
   * Picks up what other replicas (or earlier runs) wrote: one small query when nothing changed.
   * Event ids are handed out when a transaction writes and become visible when it commits, so on
   * PostgreSQL a lower id can appear after a higher one. Ids skipped over are kept as gaps and asked
   * for again until they appear or `GAP_WAIT_MS` passes (a rolled-back transaction leaves a gap
   * for good), so a late commit is never missed.
   */
  private sync(): Promise<void> {
    this.syncing ??= (async () => {
      if (this.lastEventId < 0) {
        await this.loadAll();
        return;
      }
      const latest = await this.deps.store.latestEventId();
      if (latest === this.lastEventId && this.gaps.size === 0) return;
      const events = await this.deps.store.eventsAfter(this.lastEventId, [
        ...this.gaps.keys(),
      ]);
      this.trackGaps(events.map(e => e.id));
      await this.reload([...new Set(events.map(e => e.entityRef))]);
    })().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  /** Moves `lastEventId` past the ids seen, remembering the ones skipped over. */
  private trackGaps(seen: number[]) {
    const now = Date.now();
    const found = new Set(seen);
    for (const [id, since] of this.gaps) {
      if (found.has(id) || now - since > GAP_WAIT_MS) this.gaps.delete(id);
    }
    const highest = seen.reduce((a, b) => Math.max(a, b), this.lastEventId);
    for (let id = this.lastEventId + 1; id < highest; id++) {
      if (!found.has(id)) this.gaps.set(id, now);
    }
    this.lastEventId = highest;
  }

  private async loadAll() {
    const latest = await this.deps.store.latestEventId();
    const [gates, evaluations, recent] = await Promise.all([
      this.deps.store.listGates(),
      this.deps.store.listEvaluations(),
      // transactions in flight now hold ids just below the newest
      this.deps.store.eventsAfter(Math.max(0, latest - GAP_WINDOW)),
    ]);
    this.gates = new Map();
    for (const gate of gates) this.put(gate);
    this.evaluations = new Map(evaluations.map(e => [e.entityRef, e]));
    this.lastEventId = Math.max(0, latest - GAP_WINDOW);
    this.trackGaps(recent.map(e => e.id).filter(id => id <= latest));
    this.version++;
  }

  private async reload(entityRefs: string[]) {
    const refs = entityRefs.map(key);
    const [gates, evaluations] = await Promise.all([
      this.deps.store.listGates(refs),
      this.deps.store.listEvaluations(refs),
    ]);
    for (const ref of refs) {
      this.gates.delete(ref);
      this.evaluations.delete(ref);
    }
    for (const gate of gates) this.put(gate);
    for (const evaluation of evaluations) {
      this.evaluations.set(evaluation.entityRef, evaluation);
    }
    this.version++;
  }

  private put(gate: StoredGate) {
    let byId = this.gates.get(gate.entityRef);
    if (!byId) this.gates.set(gate.entityRef, (byId = new Map()));
    byId.set(gate.gateId, gate);
  }

  /** Never evaluated, or evaluated under a profile the configuration no longer has. */
  private needsEvaluation(entityRef: string): boolean {
    const evaluation = this.evaluations.get(key(entityRef));
    return (
      !evaluation ||
      (evaluation.profile !== undefined && !this.profileOf(entityRef))
    );
  }

  /** The profile an entity was last evaluated under, if it still exists in the configuration. */
  private profileOf(entityRef: string): ReadinessProfile | undefined {
    const id = this.evaluations.get(key(entityRef))?.profile?.id;
    return id === undefined ? undefined : this.profiles.get(id);
  }

  private async graph() {
    return this.deps.graphIndex.current();
  }

  /** The gates of an entity as they stand at `now`. */
  private gateViews(
    profile: ReadinessProfile,
    entityRef: string,
    owner: string | undefined,
    now: number,
  ): ReadinessGate[] {
    const stored = this.gates.get(key(entityRef));
    return profile.gates.map(definition => {
      const current = storedGate(stored, definition);
      const base = {
        id: definition.id,
        title: definition.title,
        team: definition.team === 'owner' ? owner ?? 'owner' : definition.team,
        type: definition.type,
        required: definition.required,
        ...(definition.check && { check: definition.check }),
      };
      if (!current) {
        return {
          ...base,
          status: unstoredStatus(definition),
          detail:
            definition.type === 'signoff'
              ? 'Not signed off yet'
              : 'Not evaluated yet',
        };
      }
      const status = gateStatusAt(
        current,
        now,
        this.deps.config.expiryWarningMs,
      );
      return {
        ...base,
        status,
        detail:
          status === 'expired' && current.status === 'passed'
            ? `Sign-off by ${current.signedBy} expired on ${current.expiresAt}`
            : current.detail,
        since:
          status === 'expired' && current.status === 'passed'
            ? current.expiresAt
            : current.since,
        ...(current.status === 'passed' && {
          signedBy: current.signedBy,
          signedAt: current.signedAt,
          expiresAt: current.expiresAt,
          version: current.version,
        }),
        ...(current.comment && { comment: current.comment }),
      };
    });
  }

  /**
   * Own and rolled-up status of every node of the topology. Cached until the state or the topology
   * changes, a sign-off crosses its warning or expiry time, or a minute passes.
   */
  private rollUp(topology: GraphTopology, now: number): RollUp {
    const cached = this.rollUpCache;
    if (
      cached &&
      cached.topology === topology &&
      cached.version === this.version &&
      now < cached.validUntil
    ) {
      return cached;
    }
    const warn = this.deps.config.expiryWarningMs;
    let validUntil = now + ROLL_UP_MAX_AGE_MS;
    const own = topology.nodes.map((node): OwnReadiness => {
      const profile = node.missing ? undefined : this.profileOf(node.entityRef);
      if (!profile) return 'unknown';
      const stored = this.gates.get(key(node.entityRef));
      const statuses = profile.gates.map(definition => {
        const gate = storedGate(stored, definition);
        if (!gate) {
          return {
            required: definition.required,
            status: unstoredStatus(definition),
          };
        }
        if (gate.expiresAt && gate.status === 'passed') {
          const expires = Date.parse(gate.expiresAt);
          for (const boundary of [expires - warn, expires]) {
            if (boundary > now && boundary < validUntil) validUntil = boundary;
          }
        }
        return {
          required: definition.required,
          status: gateStatusAt(gate, now, warn),
        };
      });
      return ownReadiness(statuses);
    });
    this.rollUpCache = {
      topology,
      version: this.version,
      validUntil,
      own,
      statuses: rollUpReadiness(topology, own),
    };
    return this.rollUpCache;
  }

  /**
   * The blockers of each of `nodes` that the caller may read, found walking only through what the
   * caller may read, and whether anything else blocks it too (`hidden`). For a caller who reads
   * everything, that is every blocker and `hidden` is false.
   */
  private async visibleBlockers(
    topology: GraphTopology,
    rollUp: RollUp,
    nodes: number[],
    scope: CatalogReadScope,
    limit?: number,
  ): Promise<Map<number, { blockedBy: ReadinessBlocker[]; hidden: boolean }>> {
    const found = new Map<
      number,
      { blockedBy: ReadinessBlocker[]; hidden: boolean }
    >();
    if (nodes.length === 0) return found;
    const canEnter = await exploreReadable(
      topology,
      scope,
      nodes,
      node => readinessUpstream(topology, node),
      node => node,
      { levels: Infinity },
    );
    const shownAtMost = limit ?? 50;
    for (const node of nodes) {
      let visible: BlockerPath[];
      let hidden = false;
      if (scope.all) {
        visible = findBlockers(topology, rollUp.own, node, shownAtMost);
      } else {
        visible = findBlockers(topology, rollUp.own, node, Infinity, canEnter);
        const shown = new Set(visible.map(b => b.node));
        hidden = findBlockers(topology, rollUp.own, node, Infinity).some(
          b => !shown.has(b.node),
        );
        visible = visible.slice(0, shownAtMost);
      }
      found.set(node, {
        blockedBy: visible.map(blocker =>
          this.blockerOf(topology, rollUp, blocker),
        ),
        hidden,
      });
    }
    return found;
  }

  private blockerOf(
    topology: GraphTopology,
    rollUp: RollUp,
    { node: blocker, path }: BlockerPath,
  ): ReadinessBlocker {
    const entity = topology.nodes[blocker];
    const profile = entity.missing
      ? undefined
      : this.profileOf(entity.entityRef);
    const gates = profile
      ? this.gateViews(profile, entity.entityRef, entity.owner, Date.now())
          .filter(gate => gate.required && !gatePasses(gate.status))
          .map(gate => ({
            id: gate.id,
            title: gate.title,
            type: gate.type,
            status: gate.status,
            team: gate.team,
          }))
      : [];
    return {
      entityRef: entity.entityRef,
      ...(entity.title && { title: entity.title }),
      status: rollUp.statuses[blocker],
      ...(entity.missing && { missing: true }),
      ...(entity.owner && { owner: entity.owner }),
      path: path.map(n => topology.nodes[n].entityRef),
      ...(gates.length > 0 && { gates }),
    };
  }

  /** Titles of teams and owners, for those the caller may read; others are named by ref. */
  private async titles(
    topology: GraphTopology,
    scope: CatalogReadScope,
    refs: Iterable<string>,
  ): Promise<(ref: string) => string | undefined> {
    const readable = await scope.readable([...refs].filter(Boolean));
    return ref =>
      readable.has(key(ref)) ? this.titleIn(topology, ref) : undefined;
  }

  private async readinessOf(
    entityRef: string,
    { topology }: { topology: GraphTopology },
    scope: CatalogReadScope,
  ): Promise<EntityReadiness> {
    const now = Date.now();
    const node = topology.indexOf(entityRef);
    const entity = node === undefined ? undefined : topology.nodes[node];
    const evaluation = this.evaluations.get(key(entityRef));
    const profile = this.profileOf(entityRef);
    const gates = profile
      ? this.gateViews(profile, entityRef, entity?.owner, now)
      : [];
    let status: ReadinessStatus;
    let blockedBy: ReadinessBlocker[] = [];
    let hiddenBlockers = false;
    if (node === undefined) {
      // not in the graph index yet (it refreshes on its schedule): judged on its own gates
      status = profile ? ownReadiness(gates) : 'unknown';
    } else {
      const rollUp = this.rollUp(topology, now);
      status = rollUp.statuses[node];
      const found = (
        await this.visibleBlockers(topology, rollUp, [node], scope)
      ).get(node)!;
      blockedBy = found.blockedBy;
      hiddenBlockers = found.hidden;
    }
    const titleOf = await this.titles(topology, scope, [
      ...gates.map(gate => gate.team),
      ...blockedBy.flatMap(b => [
        b.owner ?? '',
        ...(b.gates ?? []).map(g => g.team),
      ]),
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

  private titleIn(topology: GraphTopology, ref: string): string | undefined {
    const node = topology.indexOf(ref);
    return node === undefined ? undefined : topology.nodes[node].title;
  }

  private async assertReadable(entityRef: string, scope: CatalogReadScope) {
    if ((await scope.readable([entityRef])).size === 0) {
      throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
    }
  }
}

/** Blockers with the titles of their owners and teams, where the caller may read them. */
function withTitles(
  blockers: ReadinessBlocker[],
  titleOf: (ref: string) => string | undefined,
): ReadinessBlocker[] {
  return blockers.map(blocker => {
    const ownerTitle = blocker.owner && titleOf(blocker.owner);
    return {
      ...blocker,
      ...(ownerTitle && { ownerTitle }),
      ...(blocker.gates && {
        gates: blocker.gates.map(gate => {
          const teamTitle = titleOf(gate.team);
          return { ...gate, ...(teamTitle && { teamTitle }) };
        }),
      }),
    };
  });
}

/** A gate's stored state, unless the configuration changed its type since (then it starts over). */
function storedGate(
  stored: Map<string, StoredGate> | undefined,
  definition: ReadinessGateDefinition,
): StoredGate | undefined {
  const gate = stored?.get(definition.id);
  return gate?.type === definition.type ? gate : undefined;
}

/** The status of a gate with nothing stored: a sign-off not given yet, a check not run yet. */
function unstoredStatus(definition: ReadinessGateDefinition) {
  return definition.type === 'signoff'
    ? ('pending' as const)
    : ('error' as const);
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
