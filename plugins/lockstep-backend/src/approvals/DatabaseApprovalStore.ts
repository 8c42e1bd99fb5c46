import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ApprovalDecision,
  ApprovalRequest,
  ApprovalState,
  ApprovalEvent,
  AuditEntry,
  INITIAL_APPROVAL_STATE,
  isTerminal,
  nextApprovalState,
  OPEN_APPROVAL_STATES,
  statesTaking,
  takes,
} from '@lockstep/backstage-plugin-lockstep-common';
import { Knex } from 'knex';
import {
  ApprovalStore,
  AuditFields,
  ListOrder,
  ListPosition,
  MoveAudit,
  RequestFilter,
  sha256,
  StoredRequest,
} from './ApprovalStore';
import {
  AuditRow,
  DecisionRow,
  isUniqueViolation,
  RequestRow,
  toAudit,
  toRequest,
} from './approvalRows';
import { appendAudit } from './auditChain';

const key = (ref: string) => ref.toLocaleLowerCase('en-US');

/** 0 for an open request, 1 for a final one: the first key of the `open-first` order. */
const OPEN_RANK = `CASE WHEN state IN (${OPEN_APPROVAL_STATES.map(state => {
  if (!/^[a-z-]+$/.test(state)) throw new Error(`Unexpected state ${state}`);
  return `'${state}'`;
}).join(', ')}) THEN 0 ELSE 1 END`;
/** SQLite and PostgreSQL both accept this many bound values per statement with room to spare. */
const CHUNK = 200;
/** A create retried this often has lost a race to a create that keeps committing: give up loudly. */
const CREATE_ATTEMPTS = 5;

/**
 * Approval requests, decisions and the audit chain in the plugin's database (SQLite or
 * PostgreSQL). Every change to a request and the audit rows that record it are written in one
 * transaction with the request row locked, so that concurrent deciders are serialized and a
 * transition happens exactly once.
 */
export class DatabaseApprovalStore implements ApprovalStore {
  private constructor(private readonly knex: Knex) {}

  /** A store on the plugin's database, which `migrateDatabase` has brought up to date. */
  static create(options: { knex: Knex }): DatabaseApprovalStore {
    return new DatabaseApprovalStore(options.knex);
  }

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

  /**
   * One page of requests by entity and state, with their decisions, in a stable order that a cursor
   * can continue: `open-first` (pending first, then newest first) or `oldest-first`.
   */
  async list(
    filter: RequestFilter & {
      order: ListOrder;
      after?: ListPosition;
      limit: number;
    },
  ): Promise<StoredRequest[]> {
    const rank = OPEN_RANK;
    let query = this.filtered(filter).limit(filter.limit);
    query =
      filter.order === 'open-first'
        ? query
            .orderByRaw(`${rank} asc`)
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
        : query.orderBy('created_at', 'asc').orderBy('id', 'asc');
    const after = filter.after;
    if (after && filter.order === 'open-first') {
      query = query.whereRaw(
        `(${rank} > ? OR (${rank} = ? AND (created_at < ? OR (created_at = ? AND id < ?))))`,
        [after.rank, after.rank, after.createdAt, after.createdAt, after.id],
      );
    } else if (after) {
      query = query.whereRaw(
        '(created_at > ? OR (created_at = ? AND id > ?))',
        [after.createdAt, after.createdAt, after.id],
      );
    }
    const rows = await query;
    if (rows.length === 0) return [];
    const decisions: DecisionRow[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      decisions.push(
        ...(await this.knex<DecisionRow>('approval_decisions')
          .whereIn(
            'request_id',
            rows.slice(i, i + CHUNK).map(r => r.id),
          )
          .orderBy('id')),
      );
    }
    const byRequest = new Map<string, DecisionRow[]>();
    for (const decision of decisions) {
      const list = byRequest.get(decision.request_id) ?? [];
      list.push(decision);
      byRequest.set(decision.request_id, list);
    }
    return rows.map(row => toRequest(row, byRequest.get(row.id) ?? []));
  }

  /** The state of each of the given requests that exists. */
  async count(filter: RequestFilter): Promise<number> {
    const [{ n }] = await this.filtered(filter).count({ n: '*' });
    return Number(n);
  }

  private filtered(filter: RequestFilter) {
    let query = this.knex<RequestRow>('approval_requests');
    if (filter.entityRef)
      query = query.where('entity_key', key(filter.entityRef));
    if (filter.states?.length) query = query.whereIn('state', filter.states);
    if (filter.environment)
      query = query.where('environment_key', key(filter.environment));
    if (filter.requester) query = query.where('requester', filter.requester);
    return query;
  }

  async states(ids: string[]): Promise<Map<string, ApprovalState>> {
    const states = new Map<string, ApprovalState>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.knex<RequestRow>('approval_requests')
        .select('id', 'state')
        .whereIn('id', ids.slice(i, i + CHUNK));
      for (const row of rows) states.set(row.id, row.state);
    }
    return states;
  }

  /**
   * Stores a new request. The open request for the same entity and environment, if any, is
   * superseded in the same transaction once `supersede` has accepted it (it throws to refuse). A
   * partial unique index keeps one open request per entity and environment: a create that loses a
   * race to another is retried, and then sees (and supersedes, or is refused by) the winner.
   * Returns the ids of superseded requests.
   */
  async create(
    request: ApprovalRequest,
    created: AuditFields,
    supersede: (open: StoredRequest) => void,
  ): Promise<string[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.knex.transaction(tx =>
          this.createIn(tx, request, created, supersede),
        );
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= CREATE_ATTEMPTS)
          throw error;
      }
    }
  }

  private async createIn(
    tx: Knex.Transaction,
    request: ApprovalRequest,
    created: AuditFields,
    supersede: (open: StoredRequest) => void,
  ): Promise<string[]> {
    const environmentKey = key(request.environment);
    if (this.locksRows) {
      // Creates for one entity and environment take turns, so that a crowd does not retry in a loop;
      // the unique index stays the guarantee (SQLite writes one transaction at a time anyway).
      const lockKey = BigInt(
        `0x${sha256(`${key(request.entityRef)} ${environmentKey}`).slice(
          0,
          15,
        )}`,
      );
      await tx.raw('select pg_advisory_xact_lock(?::bigint)', [
        lockKey.toString(),
      ]);
    }
    let open = tx<RequestRow>('approval_requests')
      .where({
        entity_key: key(request.entityRef),
        environment_key: environmentKey,
      })
      .whereIn('state', OPEN_APPROVAL_STATES);
    if (this.locksRows) open = open.forUpdate();
    const superseded = await open;
    for (const old of superseded) {
      if (!takes(old.state, 'supersede')) {
        throw new ConflictError(
          `Request ${old.id} for ${old.environment} is ${old.state}, which a newer request cannot replace`,
        );
      }
      supersede(toRequest(old, []));
      await this.transition(tx, old, 'supersede', request.createdAt, {
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
      environment_key: environmentKey,
      version: request.version,
      requester: request.requester,
      state: INITIAL_APPROVAL_STATE,
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
    await appendAudit(tx, row, request.createdAt, [created]);
    return superseded.map(old => old.id);
  }

  /**
   * Records a decision: with the request row locked, `decide` sees the request and every decision
   * stored so far, and returns the decision to record, what the request becomes and what to audit (or
   * throws, and nothing is written). A second decision by the same person is also refused by a
   * unique index.
   */
  async decide(
    id: string,
    decide: (request: StoredRequest) => {
      decision: ApprovalDecision;
      state: ApprovalState;
      currentStage: number;
      audit: AuditFields[];
    },
  ): Promise<StoredRequest> {
    await this.knex.transaction(async tx => {
      const row = await this.lock(tx, id);
      const earlier = await tx<DecisionRow>('approval_decisions')
        .where({ request_id: id })
        .orderBy('id');
      const outcome = decide(toRequest(row, earlier));
      const { decision } = outcome;
      await tx('approval_decisions').insert({
        request_id: id,
        actor: decision.actor,
        decision: decision.decision,
        comment: decision.comment ?? null,
        stage: decision.stage,
        groups: JSON.stringify(decision.groups),
        at: decision.at,
      });
      // Conditional on a state that takes the decision: with the row locked this cannot fail, but it
      // states the rule.
      const changed = await tx('approval_requests')
        .where({ id })
        .whereIn('state', statesTaking(decision.decision))
        .update({
          state: outcome.state,
          current_stage: outcome.currentStage,
          updated_at: decision.at,
          ...(isTerminal(outcome.state) && { decided_at: decision.at }),
        });
      if (changed !== 1)
        throw new ConflictError(`Request ${id} changed meanwhile`);
      await appendAudit(tx, row, decision.at, outcome.audit);
    });
    return (await this.get(id))!;
  }

  /**
   * Applies an event that is not a decision (cancel, expire) to a request whose state takes it,
   * auditing the move; a 409 when its state does not take it.
   */
  async apply(
    id: string,
    event: Exclude<ApprovalEvent, 'approve' | 'reject'>,
    at: string,
    audit: MoveAudit,
    check?: (request: StoredRequest) => void,
  ): Promise<StoredRequest> {
    await this.knex.transaction(async tx => {
      const row = await this.lock(tx, id);
      check?.(toRequest(row, []));
      await this.transition(tx, row, event, at, audit);
    });
    return (await this.get(id))!;
  }

  /** Requests that expire, whose expiry has passed. */
  async due(now: string): Promise<string[]> {
    const rows = await this.knex('approval_requests')
      .select('id')
      .whereIn('state', statesTaking('expire'))
      .whereNotNull('expires_at')
      .where('expires_at', '<=', now);
    return rows.map(r => r.id);
  }

  /** Requests expiring before `until` that have had no reminder yet; marks them reminded. */
  async claimReminders(now: string, until: string): Promise<StoredRequest[]> {
    const ids = await this.knex.transaction(async tx => {
      const rows = await tx('approval_requests')
        .select('id')
        .whereIn('state', statesTaking('expire'))
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

  /** Moves a locked request by `event`, audited as the state it moves to; a 409 when it cannot. */
  private async transition(
    tx: Knex.Transaction,
    row: RequestRow,
    event: ApprovalEvent,
    at: string,
    audit: MoveAudit,
  ) {
    const state = nextApprovalState(row.state, event);
    if (!state) {
      throw new ConflictError(`Request ${row.id} is already ${row.state}`);
    }
    await tx('approval_requests')
      .where({ id: row.id, state: row.state })
      .update({
        state,
        updated_at: at,
        ...(isTerminal(state) && { decided_at: at }),
      });
    await appendAudit(tx, row, at, [{ ...audit, action: state }]);
  }
}
