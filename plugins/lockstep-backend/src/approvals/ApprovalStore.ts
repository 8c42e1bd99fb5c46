import type {
  ApprovalDecision,
  ApprovalEvent,
  ApprovalRequest,
  ApprovalState,
  AuditEntry,
} from '@lockstep/backstage-plugin-lockstep-common';
import { createHash } from 'node:crypto';

/** SHA-256 hex: the digest of the audit chain. */
export const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/** A request as stored, with the head of its audit chain. */
export interface StoredRequest extends ApprovalRequest {
  auditHead?: { seq: number; hash: string };
  remindedAt?: string;
}

/** What happens to audit and state when something is done to a request. */
export type AuditFields = Pick<AuditEntry, 'action' | 'data'> & {
  actor?: string;
};

/** The audit of a move: its action is the state the request moves to. */
export type MoveAudit = Omit<AuditFields, 'action'>;

/** Where a page of `list` ended, so the next page starts after it. */
export interface ListPosition {
  /** 0 for an open request, 1 for the rest (`open-first` order only). */
  rank: number;
  createdAt: string;
  id: string;
}

export type ListOrder = 'open-first' | 'oldest-first';

/** Which requests a list or count takes: every field given must match. */
export interface RequestFilter {
  entityRef?: string;
  states?: ApprovalState[];
  /** Case-insensitively. */
  environment?: string;
  /** The requester's principal ref, as stored. */
  requester?: string;
}

/**
 * Approval requests, their decisions and their hash-chained audit. Every change to a request and
 * the audit that records it happen together, judged on what is stored: the callbacks of `create`
 * and `decide` see the request as stored and throw to refuse, and then nothing is written.
 */
export interface ApprovalStore {
  get(id: string): Promise<StoredRequest | undefined>;
  /**
   * One page of requests by entity and state, with their decisions, in a stable order that a cursor
   * can continue: `open-first` (open first, then newest first) or `oldest-first`.
   */
  list(
    filter: RequestFilter & {
      order: ListOrder;
      after?: ListPosition;
      limit: number;
    },
  ): Promise<StoredRequest[]>;
  /** How many requests match the filter. */
  count(filter: RequestFilter): Promise<number>;
  /** The state of each of the given requests that exists. */
  states(ids: string[]): Promise<Map<string, ApprovalState>>;
  /**
   * Stores a new request. The open request for the same entity and environment, if any, is
   * superseded with it once `supersede` has accepted it (it throws to refuse); one that its state
   * does not let be superseded refuses the new request with a 409. Returns the ids of superseded
   * requests.
   */
  create(
    request: ApprovalRequest,
    created: AuditFields,
    supersede: (open: StoredRequest) => void,
  ): Promise<string[]>;
  /**
   * Records a decision: `decide` sees the request and every decision stored so far, and returns the
   * decision to record, what the request becomes and what to audit (or throws, and nothing is
   * written). One decision per person.
   */
  decide(
    id: string,
    decide: (request: StoredRequest) => {
      decision: ApprovalDecision;
      state: ApprovalState;
      currentStage: number;
      audit: AuditFields[];
    },
  ): Promise<StoredRequest>;
  /**
   * Applies an event that is not a decision (cancel, expire) to a request whose state takes it,
   * auditing the move; a 409 when its state does not take it.
   */
  apply(
    id: string,
    event: Exclude<ApprovalEvent, 'approve' | 'reject'>,
    at: string,
    audit: MoveAudit,
    check?: (request: StoredRequest) => void,
  ): Promise<StoredRequest>;
  /** Requests that expire, whose expiry has passed. */
  due(now: string): Promise<string[]>;
  /** Requests expiring before `until` that have had no reminder yet; marks them reminded (once, across replicas). */
  claimReminders(now: string, until: string): Promise<StoredRequest[]>;
  /** A request's audit chain, oldest first. */
  audit(id: string): Promise<AuditEntry[]>;
}
