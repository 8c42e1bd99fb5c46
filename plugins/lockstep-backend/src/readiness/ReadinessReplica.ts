import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  READINESS_SIGNAL_CHANNEL,
  ReadinessProfile,
  refKey,
} from '@lockstep/backstage-plugin-lockstep-common';
import { ReadinessStore, StoredEvaluation, StoredGate } from './ReadinessStore';

/** How long a skipped event id is asked for again; far longer than any Lockstep transaction. */
const GAP_WAIT_MS = 60_000;
/** How far below the newest event id a fresh start looks for transactions still in flight. */
const GAP_WINDOW = 1000;

/**
 * This backend replica's in-memory copy of the stored gates and evaluations, so that reads cost no
 * query. It follows the event log for what other replicas write, and `version` moves on every change
 * so that whatever is derived from it (the roll-up) knows when to compute again.
 */
export class ReadinessReplica {
  private gates = new Map<string, Map<string, StoredGate>>();
  private evaluations = new Map<string, StoredEvaluation>();
  private lastEventId = -1;
  /** Event ids skipped over by a sync, and when: see `sync`. */
  private readonly gaps = new Map<number, number>();
  private syncing?: Promise<void>;
  private currentVersion = 0;
  private readonly profiles: Map<string, ReadinessProfile>;

  constructor(
    private readonly deps: {
      store: ReadinessStore;
      profiles: ReadinessProfile[];
      logger: LoggerService;
      signals?: SignalsService;
    },
  ) {
    this.profiles = new Map(deps.profiles.map(p => [p.id, p]));
  }

  /** Moves on whenever the copy changes. */
  get version(): number {
    return this.currentVersion;
  }

  /** The stored gates of an entity, by gate id. */
  gatesOf(entityRef: string): Map<string, StoredGate> | undefined {
    return this.gates.get(refKey(entityRef));
  }

  evaluationOf(entityRef: string): StoredEvaluation | undefined {
    return this.evaluations.get(refKey(entityRef));
  }

  /** The profile an entity was last evaluated under, if it still exists in the configuration. */
  profileOf(entityRef: string): ReadinessProfile | undefined {
    const id = this.evaluations.get(refKey(entityRef))?.profile?.id;
    return id === undefined ? undefined : this.profiles.get(id);
  }

  /** Never evaluated, or evaluated under a profile the configuration no longer has. */
  needsEvaluation(entityRef: string): boolean {
    const evaluation = this.evaluations.get(refKey(entityRef));
    return (
      !evaluation ||
      (evaluation.profile !== undefined && !this.profileOf(entityRef))
    );
  }

  /**
   * Tells open pages that readiness changed somewhere, so they fetch what they show again. The
   * message names no entity: every signed-in page receives it, including people who may not read
   * what changed, and a change anywhere can change the roll-up of what they look at.
   */
  announceChange() {
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
  sync(): Promise<void> {
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

  /** Replaces what is held of `entityRefs` with what the store holds now. */
  async reload(entityRefs: string[]) {
    const refs = entityRefs.map(refKey);
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
    this.currentVersion++;
  }

  /** Reads every evaluation again: a full run moves the time and profile of unchanged entities too. */
  async reloadEvaluations() {
    this.evaluations = new Map(
      (await this.deps.store.listEvaluations()).map(e => [e.entityRef, e]),
    );
    this.currentVersion++;
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
    this.currentVersion++;
  }

  private put(gate: StoredGate) {
    let byId = this.gates.get(gate.entityRef);
    if (!byId) this.gates.set(gate.entityRef, (byId = new Map()));
    byId.set(gate.gateId, gate);
  }
}
