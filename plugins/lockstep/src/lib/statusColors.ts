import {
  ReadinessGate,
  ReadinessGateStatus,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';

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
  'not-ready': { label: 'Not ready', color: '#d32f2f', contrastText: '#fff' },
  blocked: { label: 'Blocked', color: '#e65100', contrastText: '#fff' },
  'at-risk': { label: 'At risk', color: '#f9a825', contrastText: '#212121' },
  ready: { label: 'Ready', color: '#2e7d32', contrastText: '#fff' },
  unknown: { label: 'No profile', color: '#9e9e9e', contrastText: '#212121' },
};

/** One gate's state, in the same colours: red fails, blue waits for a person, amber expires soon. */
export const GATE_STATUS_LOOK: Record<ReadinessGateStatus, StatusLook> = {
  error: { label: 'Error', color: '#880e4f', contrastText: '#fff' },
  failed: { label: 'Failing', color: '#d32f2f', contrastText: '#fff' },
  expired: { label: 'Expired', color: '#c62828', contrastText: '#fff' },
  pending: {
    label: 'Awaiting sign-off',
    color: '#1565c0',
    contrastText: '#fff',
  },
  expiring: {
    label: 'Expiring soon',
    color: '#f9a825',
    contrastText: '#212121',
  },
  passed: { label: 'Passed', color: '#2e7d32', contrastText: '#fff' },
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
