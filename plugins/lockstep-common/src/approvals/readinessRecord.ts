import { describeReadiness } from '../readiness/describe';
import {
  EntityReadiness,
  ReadinessBlocker,
  ReadinessGate,
  ReadinessStatus,
} from '../readiness/types';

/** A required gate as recorded on a request. @public */
export type RecordedGate = Pick<
  ReadinessGate,
  'id' | 'title' | 'team' | 'type' | 'required' | 'status' | 'expiresAt'
>;

/**
 * An entity's readiness when a request was made, as kept on the request: structured, so that each
 * reader is told only what they may read (`readinessAsSeenBy`). `reason` is the sentence for a
 * reader of everything; records made before blockers were kept have nothing else.
 *
 * @public
 */
export interface ReadinessAtCreation {
  status: ReadinessStatus;
  reason: string;
  /** Every blocker then, with its path: kept, never shown as such. */
  blockedBy?: ReadinessBlocker[];
  gates?: RecordedGate[];
}

/** The readiness at creation as one reader sees it. @public */
export interface ReadinessAtCreationView {
  status: ReadinessStatus;
  /** Worded for the reader: names only what they may read. */
  reason: string;
  blockedBy?: ReadinessBlocker[];
  /** Something the reader may not read blocked it too; never named or counted. */
  hiddenBlockers?: boolean;
}

/** What a request keeps of an entity's readiness (read as the plugin, which reads everything). @public */
export function recordReadiness(
  readiness: EntityReadiness,
): ReadinessAtCreation {
  return {
    status: readiness.status,
    reason: readiness.reason,
    blockedBy: readiness.blockedBy,
    gates: readiness.gates
      .filter(gate => gate.required)
      .map(gate => ({
        id: gate.id,
        title: gate.title,
        team: gate.team,
        type: gate.type,
        required: gate.required,
        status: gate.status,
        ...(gate.expiresAt && { expiresAt: gate.expiresAt }),
      })),
  };
}

/** Every entity a record names, for one batched permission check ahead of `readinessAsSeenBy`. @public */
export function refsInReadinessRecord(record: ReadinessAtCreation): string[] {
  return [
    ...(record.gates ?? []).map(gate => gate.team),
    ...(record.blockedBy ?? []).flatMap(blocker => [
      blocker.entityRef,
      ...blocker.path,
      ...(blocker.owner ? [blocker.owner] : []),
      ...(blocker.gates ?? []).map(gate => gate.team),
    ]),
  ];
}

/**
 * The record as a reader sees it: blockers they may read, reached through what they may read, the
 * titles of teams they may read, and the reason worded from that alone. A reader of everything sees
 * it as recorded. A record kept before blockers were recorded says only its status to anyone else
 * when it was blocked, since its sentence may name what they may not read.
 *
 * @param canRead - whether the reader may read an entity ref (missing entities carry no data)
 * @public
 */
export function readinessAsSeenBy(
  record: ReadinessAtCreation,
  reader: { all: boolean; canRead(entityRef: string): boolean },
): ReadinessAtCreationView {
  const { status, reason, blockedBy } = record;
  if (reader.all) {
    return { status, reason, ...(blockedBy && { blockedBy }) };
  }
  if (!blockedBy || !record.gates) {
    return {
      status,
      reason:
        status === 'blocked'
          ? 'Blocked by a dependency that was not ready'
          : reason,
    };
  }
  const seen = blockedBy.filter(
    blocker =>
      (blocker.missing || reader.canRead(blocker.entityRef)) &&
      blocker.path.slice(0, -1).every(ref => reader.canRead(ref)),
  );
  const titleIf = (ref: string, title?: string) =>
    title && reader.canRead(ref) ? title : undefined;
  const shown = seen.map(({ ownerTitle, gates, ...blocker }) => {
    const owner = blocker.owner && titleIf(blocker.owner, ownerTitle);
    return {
      ...blocker,
      ...(owner && { ownerTitle: owner }),
      ...(gates && {
        gates: gates.map(({ teamTitle, ...gate }) => {
          const team = titleIf(gate.team, teamTitle);
          return { ...gate, ...(team && { teamTitle: team }) };
        }),
      }),
    };
  });
  const hiddenBlockers = seen.length < blockedBy.length;
  const gates = record.gates.map(gate => ({ ...gate, detail: '' }));
  return {
    status,
    reason: describeReadiness({
      status,
      gates,
      blockedBy: shown,
      hiddenBlockers,
    }),
    blockedBy: shown,
    ...(hiddenBlockers && { hiddenBlockers }),
  };
}
