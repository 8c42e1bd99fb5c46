import type {
  EvaluationRecord,
  GateOutcome,
  GateRecord,
  GateRecordStatus,
  ReadinessEvent,
  ReadinessProfileRef,
  SignOffInput,
} from '@lockstep/backstage-plugin-lockstep-common';

export type { GateOutcome, SignOffInput };
export type StoredGateStatus = GateRecordStatus;
export type StoredGate = GateRecord;
export type StoredEvaluation = EvaluationRecord;

/** The gate outcomes of evaluating one entity. */
export interface EvaluationInput {
  entityRef: string;
  profile?: ReadinessProfileRef;
  outcomes: GateOutcome[];
}

/**
 * Readiness state: the current state of every gate, when each entity was last evaluated, and the
 * append-only history. Every change of state and its event are written together, so the history
 * never disagrees with the state. How a gate changes is decided by the pure rules of
 * `gateRecords` in common; a store keeps what they decide.
 */
export interface ReadinessStore {
  /** Every gate, or those of the given entities. */
  listGates(entityRefs?: string[]): Promise<StoredGate[]>;
  /** Every evaluation record, or those of the given entities. */
  listEvaluations(entityRefs?: string[]): Promise<StoredEvaluation[]>;
  /** The id of the newest event, so that readers can tell cheaply whether anything changed. */
  latestEventId(): Promise<number>;
  /** The id and entity of every event after `eventId`, and of those of `alsoIds` that exist now. */
  eventsAfter(
    eventId: number,
    alsoIds?: number[],
  ): Promise<Array<{ id: number; entityRef: string }>>;
  /**
   * Stores the outcome of evaluating entities: changed gates with their events, and the time of the
   * evaluation. Returns how many events were recorded and the entities that changed.
   */
  applyEvaluations(
    evaluations: EvaluationInput[],
    now: string,
  ): Promise<{ events: number; changed: string[] }>;
  /** Records a sign-off of a gate; a repeated sign-off replaces the previous one. */
  signOff(
    entityRef: string,
    gateId: string,
    input: SignOffInput,
  ): Promise<void>;
  /** Withdraws a sign-off. Returns false, changing nothing, when the gate is not signed off. */
  revoke(
    entityRef: string,
    gateId: string,
    actor: string,
    comment: string,
    now: string,
  ): Promise<boolean>;
  /** Marks every sign-off whose validity ran out as expired, each with its event. Returns the entities. */
  expireSignOffs(now: string): Promise<string[]>;
  /** The history of an entity, newest first. */
  history(entityRef: string, limit?: number): Promise<ReadinessEvent[]>;
}
