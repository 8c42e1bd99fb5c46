import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ApprovalDecision,
  ApprovalRequest,
  ApprovalState,
  AuditEntry,
  chainEntry,
} from '@lockstep/backstage-plugin-lockstep-common';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';

/** SHA-256 hex: the digest of the audit chain. */
export const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

type RequestRow = {
  id: string;
  entity_ref: string;
  entity_key: string;
  title: string;
  description: string | null;
  environment: string;
  version: string;
  requester: string;
  state: string;
  current_stage: number;
  policy: string;
  readiness: string | null;
  created_at: string;
  updated_at: string;
  decided_at: string | null;
  expires_at: string | null;
  reminded_at: string | null;
  audit_count: number;
  audit_head: string | null;
};

type DecisionRow = {
  id: number | string;
  request_id: string;
  actor: string;
  decision: string;
  comment: string | null;
  stage: number;
  groups: string;
  at: string;
};

type AuditRow = {
  request_id: string;
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  data: string;
  prev_hash: string;
  hash: string;
};

/** A request as stored, with the head of its audit chain. */
export interface StoredRequest extends ApprovalRequest {
  auditHead?: { seq: number; hash: string };
  remindedAt?: string;
}

/** What happens to audit and state when something is done to a request. */
export type AuditFields = Pick<AuditEntry, 'action' | 'data'> & {
  actor?: string;
};

const key = (ref: string) => ref.toLocaleLowerCase('en-US');

function toDecision(row: DecisionRow): ApprovalDecision {
  return {
    id: Number(row.id),
    actor: row.actor,
    decision: row.decision as ApprovalDecision['decision'],
    ...(row.comment !== null && { comment: row.comment }),
    stage: Number(row.stage),
    at: row.at,
    groups: JSON.parse(row.groups),
  };
}

function toRequest(row: RequestRow, decisions: DecisionRow[]): StoredRequest {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    title: row.title,
    ...(row.description !== null && { description: row.description }),
    environment: row.environment,
    version: row.version,
    requester: row.requester,
    state: row.state as ApprovalState,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.decided_at !== null && { decidedAt: row.decided_at }),
    ...(row.expires_at !== null && { expiresAt: row.expires_at }),
    policy: JSON.parse(row.policy),
    ...(row.readiness !== null && {
      readinessAtCreation: JSON.parse(row.readiness),
    }),
    decisions: decisions.map(toDecision),
    currentStage: Number(row.current_stage),
    ...(row.audit_head !== null && {
      auditHead: { seq: Number(row.audit_count), hash: row.audit_head },
    }),
    ...(row.reminded_at !== null && { remindedAt: row.reminded_at }),
  };
}

function toAudit(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    requestId: row.request_id,
    at: row.at,
    ...(row.actor !== null && { actor: row.actor }),
    action: row.action as AuditEntry['action'],
    data: JSON.parse(row.data),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Approval requests, decisions and the audit chain in the plugin's database. Every change to a request
 * and the audit rows that record it are written in one transaction with the request row locked, so
 * that concurrent deciders are serialized and a transition happens exactly once.
 */
export class ApprovalStore {
  constructor(private readonly knex: Knex) {}

  private get locksRows() {
    return !String(this.knex.client.config.client).includes('sqlite');
  }

  async get(id: string): Promise<StoredRequest | undefined> {
    const row = await this.knex<RequestRow>('approval_requests')
      .where({ id })
      .first();
    if (!row) return undefined;
    const decisions = await this.knex<DecisionRow>('approval_decisions')
      .where({ request_id: id })
      .orderBy('id');
    return toRequest(row, decisions);
  }

  /** Requests by entity and state, newest first, with their decisions. */
  async list(filter: {
    entityRef?: string;
    states?: ApprovalState[];
    limit?: number;
  }): Promise<StoredRequest[]> {
    let query = this.knex<RequestRow>('approval_requests')
      .orderBy('created_at', 'desc')
      .limit(filter.limit ?? 500);
    if (filter.entityRef)
      query = query.where('entity_key', key(filter.entityRef));
    if (filter.states?.length) query = query.whereIn('state', filter.states);
    const rows = await query;
    if (rows.length === 0) return [];
    const decisions = await this.knex<DecisionRow>('approval_decisions')
      .whereIn(
        'request_id',
        rows.map(r => r.id),
      )
      .orderBy('id');
    return rows.map(row =>
      toRequest(
        row,
        decisions.filter(d => d.request_id === row.id),
      ),
    );
  }

  /**
   * Stores a new request; an open request for the same entity and environment is superseded in the
   * same transaction. Returns the ids of superseded requests.
   */
  async create(
    request: ApprovalRequest,
    created: AuditFields,
  ): Promise<string[]> {
    return this.knex.transaction(async tx => {
      // environments compare as policies select them: case-insensitively
      let open = tx<RequestRow>('approval_requests')
        .where({ entity_key: key(request.entityRef), state: 'pending' })
        .whereRaw('lower(environment) = ?', [key(request.environment)]);
      if (this.locksRows) open = open.forUpdate();
      const superseded = await open;
      for (const old of superseded) {
        await this.transition(tx, old, 'superseded', request.createdAt, {
          action: 'superseded',
          actor: request.requester,
          data: { by: request.id, version: request.version },
        });
      }
      const row: RequestRow = {
        id: request.id,
        entity_ref: request.entityRef,
        entity_key: key(request.entityRef),
        title: request.title,
        description: request.description ?? null,
        environment: request.environment,
        version: request.version,
        requester: request.requester,
        state: 'pending',
        current_stage: 0,
        policy: JSON.stringify(request.policy),
        readiness: request.readinessAtCreation
          ? JSON.stringify(request.readinessAtCreation)
          : null,
        created_at: request.createdAt,
        updated_at: request.createdAt,
        decided_at: null,
        expires_at: request.expiresAt ?? null,
        reminded_at: null,
        audit_count: 0,
        audit_head: null,
      };
      await tx('approval_requests').insert(row);
      await this.appendAudit(tx, row, request.createdAt, [created]);
      return superseded.map(old => old.id);
    });
  }

  /**
   * Records a decision: with the request locked, `decide` sees the request and every decision
   * including the new one, and says what the request becomes and what to audit. A second decision by
   * the same person, or any decision on a request that is no longer pending, is a ConflictError.
   */
  async decide(
    id: string,
    decision: ApprovalDecision,
    decide: (request: StoredRequest) => {
      state: ApprovalState;
      currentStage: number;
      audit: AuditFields[];
    },
  ): Promise<StoredRequest> {
    await this.knex.transaction(async tx => {
      const row = await this.lock(tx, id);
      if (row.state !== 'pending') {
        throw new ConflictError(
          `Request ${id} is ${row.state}; it takes no more decisions`,
        );
      }
      const earlier = await tx<DecisionRow>('approval_decisions')
        .where({ request_id: id })
        .orderBy('id');
      if (earlier.some(d => key(d.actor) === key(decision.actor))) {
        throw new ConflictError(
          `${decision.actor} has already decided on request ${id}`,
        );
      }
      await tx('approval_decisions').insert({
        request_id: id,
        actor: decision.actor,
        decision: decision.decision,
        comment: decision.comment ?? null,
        stage: decision.stage,
        groups: JSON.stringify(decision.groups),
        at: decision.at,
      });
      const decisions = await tx<DecisionRow>('approval_decisions')
        .where({ request_id: id })
        .orderBy('id');
      const outcome = decide(toRequest(row, decisions));
      const update: Partial<RequestRow> = {
        state: outcome.state,
        current_stage: outcome.currentStage,
        updated_at: decision.at,
        ...(outcome.state !== 'pending' && { decided_at: decision.at }),
      };
      // Conditional on still pending: with the row locked this cannot fail, but it states the rule.
      const changed = await tx('approval_requests')
        .where({ id, state: 'pending' })
        .update(update);
      if (changed !== 1)
        throw new ConflictError(`Request ${id} changed meanwhile`);
      await this.appendAudit(tx, row, decision.at, outcome.audit);
    });
    return (await this.get(id))!;
  }

  /** Moves a pending request to a terminal state (cancelled, expired), auditing it. */
  async finish(
    id: string,
    state: 'cancelled' | 'expired',
    at: string,
    audit: AuditFields,
    check?: (request: StoredRequest) => void,
  ): Promise<StoredRequest> {
    await this.knex.transaction(async tx => {
      const row = await this.lock(tx, id);
      check?.(toRequest(row, []));
      if (row.state !== 'pending') {
        throw new ConflictError(`Request ${id} is already ${row.state}`);
      }
      await this.transition(tx, row, state, at, audit);
    });
    return (await this.get(id))!;
  }

  /** Pending requests whose expiry has passed. */
  async due(now: string): Promise<string[]> {
    const rows = await this.knex('approval_requests')
      .select('id')
      .where('state', 'pending')
      .whereNotNull('expires_at')
      .where('expires_at', '<=', now);
    return rows.map(r => r.id);
  }

  /** Pending requests expiring before `until` that have had no reminder yet; marks them reminded. */
  async claimReminders(now: string, until: string): Promise<StoredRequest[]> {
    const ids = await this.knex.transaction(async tx => {
      const rows = await tx('approval_requests')
        .select('id')
        .where('state', 'pending')
        .whereNull('reminded_at')
        .whereNotNull('expires_at')
        .where('expires_at', '>', now)
        .where('expires_at', '<=', until);
      const claimed: string[] = [];
      for (const { id } of rows) {
        // only one replica claims each reminder
        const n = await tx('approval_requests')
          .where({ id })
          .whereNull('reminded_at')
          .update({ reminded_at: now });
        if (n === 1) claimed.push(id);
      }
      return claimed;
    });
    const requests = await Promise.all(ids.map(id => this.get(id)));
    return requests.filter((r): r is StoredRequest => Boolean(r));
  }

  async audit(id: string): Promise<AuditEntry[]> {
    const rows = await this.knex<AuditRow>('approval_audit')
      .where({ request_id: id })
      .orderBy('seq');
    return rows.map(toAudit);
  }

  private async lock(tx: Knex.Transaction, id: string): Promise<RequestRow> {
    let select = tx<RequestRow>('approval_requests').where({ id });
    if (this.locksRows) select = select.forUpdate();
    const row = await select.first();
    if (!row) throw new NotFoundError(`No approval request ${id}`);
    return row;
  }

  private async transition(
    tx: Knex.Transaction,
    row: RequestRow,
    state: ApprovalState,
    at: string,
    audit: AuditFields,
  ) {
    await tx('approval_requests')
      .where({ id: row.id })
      .update({ state, updated_at: at, decided_at: at });
    await this.appendAudit(tx, row, at, [audit]);
  }

  /** Appends rows to the request's chain and records the new head on the request row. */
  private async appendAudit(
    tx: Knex.Transaction,
    row: RequestRow,
    at: string,
    entries: AuditFields[],
  ) {
    if (entries.length === 0) return;
    const last = await tx<AuditRow>('approval_audit')
      .where({ request_id: row.id })
      .orderBy('seq', 'desc')
      .first();
    let prev = last && toAudit(last);
    const rows: AuditRow[] = [];
    for (const fields of entries) {
      const entry = chainEntry(
        prev,
        { requestId: row.id, at, ...fields },
        sha256,
      );
      rows.push({
        request_id: entry.requestId,
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor ?? null,
        action: entry.action,
        data: JSON.stringify(entry.data),
        prev_hash: entry.prevHash,
        hash: entry.hash,
      });
      prev = entry;
    }
    await tx('approval_audit').insert(rows);
    await tx('approval_requests')
      .where({ id: row.id })
      .update({ audit_count: prev!.seq, audit_head: prev!.hash });
  }
}
