import { Knex } from 'knex';
import {
  afterEvaluation,
  afterExpiry,
  afterRevocation,
  afterSignOff,
  ReadinessEvent,
  ReadinessEventKind,
  ReadinessGateType,
} from '@lockstep/backstage-plugin-lockstep-common';
import type {
  EvaluationInput,
  ReadinessStore,
  SignOffInput,
  StoredEvaluation,
  StoredGate,
  StoredGateStatus,
} from './ReadinessStore';

type GateRow = {
  entity_ref: string;
  gate_id: string;
  type: string;
  status: string;
  detail: string;
  since: string;
  signed_by: string | null;
  signed_at: string | null;
  expires_at: string | null;
  version: string | null;
  comment: string | null;
};

type EvaluationRow = {
  entity_ref: string;
  profile_id: string | null;
  selected_by: 'filter' | 'annotation' | null;
  profile_note: string | null;
  evaluated_at: string;
};

type EventRow = {
  id: number | string;
  entity_ref: string;
  gate_id: string;
  kind: string;
  status: string;
  actor: string | null;
  comment: string | null;
  version: string | null;
  detail: string | null;
  at: string;
};

const key = (entityRef: string) => entityRef.toLocaleLowerCase('en-US');
const orUndefined = <T>(value: T | null) =>
  value === null ? undefined : value;
/** SQLite and PostgreSQL both accept this many bound values per statement with room to spare. */
const CHUNK = 200;

function toGate(row: GateRow): StoredGate {
  return {
    entityRef: row.entity_ref,
    gateId: row.gate_id,
    type: row.type as ReadinessGateType,
    status: row.status as StoredGateStatus,
    detail: row.detail,
    since: row.since,
    signedBy: orUndefined(row.signed_by),
    signedAt: orUndefined(row.signed_at),
    expiresAt: orUndefined(row.expires_at),
    version: orUndefined(row.version),
    comment: orUndefined(row.comment),
  };
}

function toRow(gate: StoredGate): GateRow {
  return {
    entity_ref: gate.entityRef,
    gate_id: gate.gateId,
    type: gate.type,
    status: gate.status,
    detail: gate.detail,
    since: gate.since,
    signed_by: gate.signedBy ?? null,
    signed_at: gate.signedAt ?? null,
    expires_at: gate.expiresAt ?? null,
    version: gate.version ?? null,
    comment: gate.comment ?? null,
  };
}

function toEventRow(event: Omit<ReadinessEvent, 'id'>): Omit<EventRow, 'id'> {
  return {
    entity_ref: event.entityRef,
    gate_id: event.gateId,
    kind: event.kind,
    status: event.status,
    actor: event.actor ?? null,
    comment: event.comment ?? null,
    version: event.version ?? null,
    detail: event.detail ?? null,
    at: event.at,
  };
}

function toEvent(row: EventRow): ReadinessEvent {
  return {
    id: Number(row.id),
    entityRef: row.entity_ref,
    gateId: row.gate_id,
    kind: row.kind as ReadinessEventKind,
    status: row.status as ReadinessEvent['status'],
    actor: orUndefined(row.actor),
    comment: orUndefined(row.comment),
    version: orUndefined(row.version),
    detail: orUndefined(row.detail),
    at: row.at,
  };
}

/**
 * Readiness state in the plugin's database (SQLite or PostgreSQL). Every change of state and its
 * event are written in one transaction; rows a change depends on are locked first where the
 * database can (SQLite writes one transaction at a time anyway).
 */
export class DatabaseReadinessStore implements ReadinessStore {
  private constructor(private readonly knex: Knex) {}

  /** A store on the plugin's database, which `migrateDatabase` has brought up to date. */
  static create(options: { knex: Knex }): DatabaseReadinessStore {
    return new DatabaseReadinessStore(options.knex);
  }

  private get locksRows() {
    return !String(this.knex.client.config.client).includes('sqlite');
  }

  async listGates(entityRefs?: string[]): Promise<StoredGate[]> {
    if (!entityRefs)
      return (await this.knex<GateRow>('readiness_gates')).map(toGate);
    const rows: GateRow[] = [];
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      rows.push(
        ...(await this.knex<GateRow>('readiness_gates').whereIn(
          'entity_ref',
          entityRefs.slice(i, i + CHUNK).map(key),
        )),
      );
    }
    return rows.map(toGate);
  }

  async listEvaluations(entityRefs?: string[]): Promise<StoredEvaluation[]> {
    const query = () => this.knex<EvaluationRow>('readiness_evaluations');
    const rows: EvaluationRow[] = [];
    if (!entityRefs) rows.push(...(await query()));
    else {
      for (let i = 0; i < entityRefs.length; i += CHUNK) {
        rows.push(
          ...(await query().whereIn(
            'entity_ref',
            entityRefs.slice(i, i + CHUNK).map(key),
          )),
        );
      }
    }
    return rows.map(row => ({
      entityRef: row.entity_ref,
      evaluatedAt: row.evaluated_at,
      profile: row.profile_id
        ? {
            id: row.profile_id,
            title: '',
            selectedBy: row.selected_by ?? 'filter',
            ...(row.profile_note && { note: row.profile_note }),
          }
        : undefined,
    }));
  }

  /** The id of the newest event, so that readers can tell cheaply whether anything changed. */
  async latestEventId(): Promise<number> {
    const row = await this.knex('readiness_events').max({ id: 'id' }).first();
    return Number(row?.id ?? 0);
  }

  /** The id and entity of every event after `eventId`, and of those of `alsoIds` that exist now. */
  async eventsAfter(
    eventId: number,
    alsoIds: number[] = [],
  ): Promise<Array<{ id: number; entityRef: string }>> {
    const rows = await this.knex('readiness_events')
      .select('id', 'entity_ref')
      .where('id', '>', eventId)
      .orWhereIn('id', alsoIds.slice(0, CHUNK));
    return rows.map(row => ({ id: Number(row.id), entityRef: row.entity_ref }));
  }

  /**
   * Stores the outcome of evaluating entities: changed gates with their events, and the time of the
   * evaluation. Returns how many events were recorded.
   */
  async applyEvaluations(
    evaluations: EvaluationInput[],
    now: string,
  ): Promise<{ events: number; changed: string[] }> {
    let events = 0;
    const changed = new Set<string>();
    for (let i = 0; i < evaluations.length; i += CHUNK) {
      const chunk = evaluations.slice(i, i + CHUNK);
      events += await this.knex.transaction(async tx => {
        const refs = chunk.map(e => key(e.entityRef));
        let select = tx<GateRow>('readiness_gates').whereIn('entity_ref', refs);
        if (this.locksRows) select = select.forUpdate();
        const stored = new Map(
          (await select).map(row => [
            `${row.entity_ref} ${row.gate_id}`,
            toGate(row),
          ]),
        );
        const gates: GateRow[] = [];
        const firstSignOffs: Array<{
          gate: StoredGate;
          event: Omit<EventRow, 'id'>;
        }> = [];
        const eventRows: Array<Omit<EventRow, 'id'>> = [];
        for (const evaluation of chunk) {
          const ref = key(evaluation.entityRef);
          for (const outcome of evaluation.outcomes) {
            const next = afterEvaluation(
              stored.get(`${ref} ${outcome.gateId}`),
              outcome,
              ref,
              now,
            );
            if (!next) continue;
            if (
              outcome.type === 'signoff' &&
              !stored.has(`${ref} ${outcome.gateId}`)
            ) {
              firstSignOffs.push({
                gate: next.gate,
                event: toEventRow(next.event!),
              });
              continue;
            }
            changed.add(ref);
            gates.push(toRow(next.gate));
            if (next.event) eventRows.push(toEventRow(next.event));
          }
        }
        for (let g = 0; g < gates.length; g += CHUNK / 2) {
          await tx('readiness_gates')
            .insert(gates.slice(g, g + CHUNK / 2))
            .onConflict(['entity_ref', 'gate_id'])
            .merge();
        }
        // A sign-off gate seen for the first time had no row to lock: a sign-off may have created it
        // meanwhile, so it is only added where still absent, and only then with its event.
        for (let g = 0; g < firstSignOffs.length; g += CHUNK / 2) {
          const slice = firstSignOffs.slice(g, g + CHUNK / 2);
          const added: Array<{ entity_ref: string; gate_id: string }> =
            await tx('readiness_gates')
              .insert(slice.map(({ gate }) => toRow(gate)))
              .onConflict(['entity_ref', 'gate_id'])
              .ignore()
              .returning(['entity_ref', 'gate_id']);
          const keys = new Set(added.map(a => `${a.entity_ref} ${a.gate_id}`));
          for (const { gate, event } of slice) {
            if (keys.has(`${gate.entityRef} ${gate.gateId}`)) {
              eventRows.push(event);
              changed.add(gate.entityRef);
            }
          }
        }
        for (let e = 0; e < eventRows.length; e += CHUNK / 2) {
          await tx('readiness_events').insert(
            eventRows.slice(e, e + CHUNK / 2),
          );
        }
        await tx('readiness_evaluations')
          .insert(
            chunk.map(e => ({
              entity_ref: key(e.entityRef),
              profile_id: e.profile?.id ?? null,
              selected_by: e.profile?.selectedBy ?? null,
              profile_note: e.profile?.note ?? null,
              evaluated_at: now,
            })),
          )
          .onConflict('entity_ref')
          .merge();
        return eventRows.length;
      });
    }
    return { events, changed: [...changed] };
  }

  /** Records a sign-off of a gate; a repeated sign-off replaces the previous one. */
  async signOff(
    entityRef: string,
    gateId: string,
    input: SignOffInput,
  ): Promise<void> {
    const ref = key(entityRef);
    await this.knex.transaction(async tx => {
      const current = await this.lockGate(tx, ref, gateId);
      const { gate, event } = afterSignOff(current, ref, gateId, input);
      await tx('readiness_gates')
        .insert(toRow(gate))
        .onConflict(['entity_ref', 'gate_id'])
        .merge();
      await tx('readiness_events').insert(toEventRow(event));
    });
  }

  /** Withdraws a sign-off. Returns false, changing nothing, when the gate is not signed off. */
  async revoke(
    entityRef: string,
    gateId: string,
    actor: string,
    comment: string,
    now: string,
  ): Promise<boolean> {
    const ref = key(entityRef);
    return this.knex.transaction(async tx => {
      const current = await this.lockGate(tx, ref, gateId);
      const change = afterRevocation(current, actor, comment, now);
      if (!change) return false;
      await tx('readiness_gates')
        .where({ entity_ref: ref, gate_id: gateId })
        .update(toRow(change.gate));
      await tx('readiness_events').insert(toEventRow(change.event));
      return true;
    });
  }

  /** Marks every sign-off whose validity ran out as expired, each with its event. Returns the entities. */
  async expireSignOffs(now: string): Promise<string[]> {
    return this.knex.transaction(async tx => {
      let select = tx<GateRow>('readiness_gates')
        .where({ type: 'signoff', status: 'passed' })
        .where('expires_at', '<=', now);
      if (this.locksRows) select = select.forUpdate();
      const expired = (await select)
        .map(toGate)
        .filter((gate): gate is StoredGate & { expiresAt: string } =>
          Boolean(gate.expiresAt),
        );
      for (const due of expired) {
        const { gate, event } = afterExpiry(due);
        await tx('readiness_gates')
          .where({ entity_ref: gate.entityRef, gate_id: gate.gateId })
          .update(toRow(gate));
        await tx('readiness_events').insert(toEventRow(event));
      }
      return [...new Set(expired.map(gate => gate.entityRef))];
    });
  }

  /** The history of an entity, newest first. */
  async history(entityRef: string, limit = 1000): Promise<ReadinessEvent[]> {
    const rows = await this.knex<EventRow>('readiness_events')
      .where('entity_ref', key(entityRef))
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toEvent);
  }

  private async lockGate(tx: Knex.Transaction, ref: string, gateId: string) {
    let select = tx<GateRow>('readiness_gates').where({
      entity_ref: ref,
      gate_id: gateId,
    });
    if (this.locksRows) select = select.forUpdate();
    const row = await select.first();
    return row && toGate(row);
  }
}
