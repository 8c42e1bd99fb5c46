import {
  ReadinessGate,
  ReadinessGateStatus,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import { FILLS } from './palette';

/** How a status looks: one palette for the card, the board and the graph. */
export interface StatusLook {
  label: string;
  /** Fill colour (chips, matrix cells, graph node stripes). */
  color: string;
  /** Text colour on top of `color`. */
  contrastText: string;
}

/** Entity readiness, worst first. */
export const READINESS_STATUS_LOOK: Record<ReadinessStatus, StatusLook> = {
  'not-ready': { label: 'Not ready', ...FILLS.danger },
  blocked: { label: 'Blocked', ...FILLS.blocked },
  'at-risk': { label: 'At risk', ...FILLS.caution },
  ready: { label: 'Ready', ...FILLS.success },
  unknown: { label: 'No profile', ...FILLS.muted },
};

/** One gate's state, in the same colours: red fails, blue waits for a person, amber expires soon. */
export const GATE_STATUS_LOOK: Record<ReadinessGateStatus, StatusLook> = {
  error: { label: 'Error', ...FILLS.critical },
  failed: { label: 'Failing', ...FILLS.danger },
  expired: { label: 'Expired', ...FILLS.alarm },
  pending: {
    label: 'Awaiting sign-off',
    ...FILLS.info,
  },
  expiring: {
    label: 'Expiring soon',
    ...FILLS.caution,
  },
  passed: { label: 'Passed', ...FILLS.success },
};

/** Gate states worst first: what a board cell shows when a team owns several gates. */
export const GATE_STATUS_ORDER: ReadinessGateStatus[] = [
  'error',
  'failed',
  'expired',
  'pending',
  'expiring',
  'passed',
];

/** The worst state among gates (required ones count first: an optional failing gate never blocks). */
export function worstGateStatus(
  gates: ReadonlyArray<Pick<ReadinessGate, 'status' | 'required'>>,
): { status: ReadinessGateStatus; optionalOnly: boolean } | undefined {
  const required = gates.filter(gate => gate.required);
  const counted = required.length > 0 ? required : gates;
  if (counted.length === 0) return undefined;
  const status = counted
    .map(gate => gate.status)
    .sort(
      (a, b) => GATE_STATUS_ORDER.indexOf(a) - GATE_STATUS_ORDER.indexOf(b),
    )[0];
  return { status, optionalOnly: required.length === 0 };
}
