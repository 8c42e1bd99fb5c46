import type {
  ReadinessEvent,
  ReadinessGateType,
  ReadinessProfileRef,
} from './types';

/** What is kept of a gate: `expiring` and time-based expiry are derived when read. @public */
export type GateRecordStatus =
  | 'passed'
  | 'failed'
  | 'error'
  | 'pending'
  | 'expired';

/** The current state of one gate of one entity, as the backend keeps it. @public */
export interface GateRecord {
  /** Lower-case entity ref. */
  entityRef: string;
  gateId: string;
  type: ReadinessGateType;
  status: GateRecordStatus;
  detail: string;
  /** When the gate entered its status. */
  since: string;
  signedBy?: string;
  signedAt?: string;
  expiresAt?: string;
  version?: string;
  comment?: string;
}

/** When an entity was last evaluated, and with which profile. @public */
export interface EvaluationRecord {
  /** Lower-case entity ref. */
  entityRef: string;
  profile?: ReadinessProfileRef;
  evaluatedAt: string;
}

/** The outcome of evaluating one gate: a check result, or for a sign-off gate just that it applies. @public */
export type GateOutcome =
  | {
      gateId: string;
      type: 'check';
      status: 'passed' | 'failed' | 'error';
      detail: string;
    }
  | { gateId: string; type: 'signoff' };

/** A person's sign-off of a gate. @public */
export interface SignOffInput {
  signedBy: string;
  signedAt: string;
  expiresAt?: string;
  version?: string;
  comment?: string;
}

/** A change of a gate's state and the history event that records it. @public */
export interface GateChange {
  gate: GateRecord;
  event?: Omit<ReadinessEvent, 'id'>;
}

const eventOf = (
  gate: GateRecord,
  kind: ReadinessEvent['kind'],
  at: string,
  extra: Pick<ReadinessEvent, 'actor' | 'comment' | 'version'> = {},
): Omit<ReadinessEvent, 'id'> => ({
  entityRef: gate.entityRef,
  gateId: gate.gateId,
  kind,
  status: gate.status,
  ...extra,
  detail: gate.detail,
  at,
});

/**
 * A gate after an evaluation, and the event to record, or undefined when nothing changed. Checks
 * record an event when their result flips; a sign-off gate seen for the first time starts out
 * pending. Only a changed detail updates the record quietly.
 *
 * @public
 */
export function afterEvaluation(
  stored: GateRecord | undefined,
  outcome: GateOutcome,
  entityRef: string,
  now: string,
): GateChange | undefined {
  if (outcome.type === 'signoff') {
    if (stored?.type === 'signoff') return undefined;
    const gate: GateRecord = {
      entityRef,
      gateId: outcome.gateId,
      type: 'signoff',
      status: 'pending',
      detail: 'Not signed off yet',
      since: now,
    };
    return { gate, event: eventOf(gate, 'evaluated', now) };
  }
  if (stored?.type === 'check' && stored.status === outcome.status) {
    return stored.detail === outcome.detail
      ? undefined
      : { gate: { ...stored, detail: outcome.detail } };
  }
  const gate: GateRecord = {
    entityRef,
    gateId: outcome.gateId,
    type: 'check',
    status: outcome.status,
    detail: outcome.detail,
    since: now,
  };
  return { gate, event: eventOf(gate, 'evaluated', now) };
}

/**
 * A gate after a sign-off; a repeated sign-off replaces the previous one, and a gate that kept
 * passing keeps the time it started passing.
 *
 * @public
 */
export function afterSignOff(
  current: GateRecord | undefined,
  entityRef: string,
  gateId: string,
  input: SignOffInput,
): Required<GateChange> {
  const stillPassing =
    current?.status === 'passed' &&
    (!current.expiresAt || current.expiresAt > input.signedAt);
  const gate: GateRecord = {
    entityRef,
    gateId,
    type: 'signoff',
    status: 'passed',
    detail: input.version ? `Signed off for ${input.version}` : 'Signed off',
    since: stillPassing ? current!.since : input.signedAt,
    ...input,
  };
  return {
    gate,
    event: eventOf(gate, 'signed-off', input.signedAt, {
      actor: input.signedBy,
      comment: input.comment,
      version: input.version,
    }),
  };
}

/**
 * A gate after its sign-off is withdrawn, or undefined when it is not signed off (there is nothing
 * to revoke). The revocation's comment stays on the gate, saying why it no longer passes.
 *
 * @public
 */
export function afterRevocation(
  current: GateRecord | undefined,
  actor: string,
  comment: string,
  now: string,
): Required<GateChange> | undefined {
  if (current?.type !== 'signoff' || current.status !== 'passed')
    return undefined;
  const gate: GateRecord = {
    entityRef: current.entityRef,
    gateId: current.gateId,
    type: 'signoff',
    status: 'pending',
    detail: `Revoked by ${actor}`,
    since: now,
    comment,
  };
  return {
    gate,
    event: eventOf(gate, 'revoked', now, {
      actor,
      comment,
      version: current.version,
    }),
  };
}

/** A signed-off gate after its validity ran out, dated when it did. @public */
export function afterExpiry(
  current: GateRecord & { expiresAt: string },
): Required<GateChange> {
  const gate: GateRecord = {
    ...current,
    status: 'expired',
    detail: `Sign-off by ${current.signedBy} expired on ${current.expiresAt}`,
    since: current.expiresAt,
  };
  return {
    gate,
    event: eventOf(gate, 'expired', current.expiresAt, {
      version: current.version,
    }),
  };
}
