import { useMemo } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ApprovalState,
  ReadinessGateStatus,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import { LockstepMessageKey, lockstepTranslationRef } from '../translation';

/** The message of each readiness status. */
export const READINESS_STATUS_KEYS = {
  'not-ready': 'common.readinessStatus.notReady',
  blocked: 'common.readinessStatus.blocked',
  'at-risk': 'common.readinessStatus.atRisk',
  ready: 'common.readinessStatus.ready',
  unknown: 'common.readinessStatus.unknown',
} as const satisfies Record<ReadinessStatus, LockstepMessageKey>;

/** The message of each gate state. */
export const GATE_STATUS_KEYS = {
  error: 'common.gateStatus.error',
  failed: 'common.gateStatus.failed',
  expired: 'common.gateStatus.expired',
  pending: 'common.gateStatus.pending',
  expiring: 'common.gateStatus.expiring',
  passed: 'common.gateStatus.passed',
} as const satisfies Record<ReadinessGateStatus, LockstepMessageKey>;

/** The message of each approval request state. */
export const APPROVAL_STATE_KEYS = {
  pending: 'approvals.state.pending',
  approved: 'approvals.state.approved',
  rejected: 'approvals.state.rejected',
  cancelled: 'approvals.state.cancelled',
  expired: 'approvals.state.expired',
  superseded: 'approvals.state.superseded',
} as const satisfies Record<ApprovalState, LockstepMessageKey>;

/** The names of readiness statuses, gate states and request states in the viewer's language. */
export function useStatusLabels() {
  const { t } = useTranslationRef(lockstepTranslationRef);
  return useMemo(
    () => ({
      readiness: (status: ReadinessStatus): string =>
        t(READINESS_STATUS_KEYS[status]),
      gate: (status: ReadinessGateStatus): string =>
        t(GATE_STATUS_KEYS[status]),
      approval: (state: ApprovalState): string => t(APPROVAL_STATE_KEYS[state]),
    }),
    [t],
  );
}
