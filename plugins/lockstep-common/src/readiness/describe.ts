import { parseEntityRef } from '@backstage/catalog-model';
import {
  gatePasses,
  ReadinessBlocker,
  ReadinessBlockingGate,
  ReadinessEvent,
  ReadinessGate,
  ReadinessStatus,
  ReadinessWait,
} from './types';

/** A short label for an entity ref: its name, or the title given. */
export const entityLabel = (entityRef: string, title?: string) =>
  title ?? parseEntityRef(entityRef).name;

const team = (ref: string, titleOf: (ref: string) => string | undefined) =>
  `team ${entityLabel(ref, titleOf(ref))}`;

/**
 * What a caller is told of a blocker they may not read: that it exists (the status would be a lie
 * otherwise), never which, whose, or how many.
 */
const HIDDEN_BLOCKER = 'a dependency you cannot see';

const more = (count: number, noun: string) =>
  count > 0 ? ` (+${count} more ${noun}${count > 1 ? 's' : ''})` : '';

/** What a team must do about a gate that does not pass, as the end of a sentence. */
function actionOn(
  gate: ReadinessBlockingGate,
  titleOf: (ref: string) => string | undefined,
): string {
  const who = team(gate.team, ref => gate.teamTitle ?? titleOf(ref));
  if (gate.type === 'signoff') {
    return gate.status === 'expired'
      ? `${who} must renew the expired sign-off of ${gate.title}`
      : `${who} must sign off ${gate.title}`;
  }
  return `${who} must fix the failing check ${gate.title}`;
}

/**
 * The status in one sentence a developer can act on, naming what blocks, the gate and the team that
 * must act: "Blocked by Ledger Service: team Security must sign off Security review".
 */
export function describeReadiness(
  readiness: {
    status: ReadinessStatus;
    gates: ReadonlyArray<ReadinessGate>;
    blockedBy: ReadonlyArray<ReadinessBlocker>;
    hiddenBlockers?: boolean;
  },
  titleOf: (entityRef: string) => string | undefined = () => undefined,
): string {
  const required = readiness.gates.filter(gate => gate.required);
  switch (readiness.status) {
    case 'unknown':
      return 'No readiness profile applies to this entity';
    case 'not-ready': {
      const failing = required.filter(gate => !gatePasses(gate.status));
      const [first] = failing;
      const verb =
        first.type === 'signoff'
          ? `${
              first.status === 'expired'
                ? 'Sign-off expired'
                : 'Waiting for sign-off'
            }`
          : 'Failing check';
      return `${verb}: ${first.title}, owned by ${team(
        first.team,
        titleOf,
      )}${more(failing.length - 1, 'gate')}`;
    }
    case 'blocked': {
      const [first] = readiness.blockedBy;
      if (!first) {
        return readiness.hiddenBlockers
          ? `Blocked by ${HIDDEN_BLOCKER}`
          : 'Blocked by a dependency that is not ready';
      }
      const what = entityLabel(first.entityRef, first.title);
      const others = `${more(readiness.blockedBy.length - 1, 'blocker')}${
        readiness.hiddenBlockers ? `, and by ${HIDDEN_BLOCKER}` : ''
      }`;
      const [gate, ...moreGates] = first.gates ?? [];
      if (gate && !first.missing) {
        return `Blocked by ${what}: ${actionOn(gate, titleOf)}${more(
          moreGates.length,
          'gate',
        )}${others}`;
      }
      let owner = 'which has no owner';
      if (first.missing) owner = 'which is not in the catalog';
      else if (first.owner) {
        owner = `owned by ${team(
          first.owner,
          ref => first.ownerTitle ?? titleOf(ref),
        )}`;
      }
      return `Blocked by ${what}, ${owner}${others}`;
    }
    case 'at-risk': {
      const expiring = required
        .filter(gate => gate.status === 'expiring' && gate.expiresAt)
        .sort((a, b) => a.expiresAt!.localeCompare(b.expiresAt!));
      const [first] = expiring;
      return `Ready, but the sign-off of ${first.title} (${team(
        first.team,
        titleOf,
      )}) expires on ${first.expiresAt!.slice(0, 10)}`;
    }
    default:
      return required.length === 1
        ? 'The required gate passes and nothing upstream blocks it'
        : `All ${required.length} required gates pass and nothing upstream blocks it`;
  }
}

/**
 * The waits of each gate from its history: a wait starts when a gate stops passing (or is first seen
 * not passing) and ends when it passes again. Open waits run to `now`.
 */
export function gateWaits(
  events: ReadonlyArray<Pick<ReadinessEvent, 'gateId' | 'status' | 'at'>>,
  now: Date = new Date(),
): ReadinessWait[] {
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at));
  const open = new Map<string, string>();
  const waits: ReadinessWait[] = [];
  for (const event of ordered) {
    const waitingSince = open.get(event.gateId);
    if (!gatePasses(event.status)) {
      if (waitingSince === undefined) open.set(event.gateId, event.at);
    } else if (waitingSince !== undefined) {
      open.delete(event.gateId);
      waits.push({
        gateId: event.gateId,
        from: waitingSince,
        until: event.at,
        durationMs: Date.parse(event.at) - Date.parse(waitingSince),
      });
    }
  }
  for (const [gateId, from] of open) {
    waits.push({ gateId, from, durationMs: now.getTime() - Date.parse(from) });
  }
  return waits.sort((a, b) => a.from.localeCompare(b.from));
}
