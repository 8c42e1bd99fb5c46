import {
  ApprovalRequestView,
  ApprovalState,
} from '@lockstep/backstage-plugin-lockstep-common';

/** How a request's state looks: the same fill-and-text pairs as the readiness palette. */
export const APPROVAL_STATE_LOOK: Record<
  ApprovalState,
  { label: string; color: string; contrastText: string }
> = {
  pending: { label: 'Pending', color: '#1565c0', contrastText: '#fff' },
  approved: { label: 'Approved', color: '#2e7d32', contrastText: '#fff' },
  rejected: { label: 'Rejected', color: '#d32f2f', contrastText: '#fff' },
  cancelled: { label: 'Cancelled', color: '#757575', contrastText: '#fff' },
  expired: { label: 'Expired', color: '#6d4c41', contrastText: '#fff' },
  superseded: {
    label: 'Superseded',
    color: '#bdbdbd',
    contrastText: '#212121',
  },
};

/** What an open stage still needs: one entry per rule short of its quorum. */
export interface MissingApprovals {
  group: string;
  missing: number;
}

/**
 * Where a request stands, as parts a sentence is made of: "stage 2 of 2 (Security and operations):
 * needs 1 more from group:default/platform-sre". Groups stay refs so a component can show their names.
 */
export type ProgressSummary =
  | {
      kind: 'waiting';
      stage: number;
      stageCount: number;
      stageName: string;
      needs: MissingApprovals[];
    }
  | { kind: 'done'; text: string };

export function summarizeProgress(
  request: ApprovalRequestView,
): ProgressSummary {
  const stages = request.progress.stages;
  const stageCount = stages.length;
  const rejection = request.decisions.find(d => d.decision === 'reject');
  switch (request.state) {
    case 'pending': {
      const index = Math.min(request.progress.currentStage, stageCount - 1);
      const stage = stages[index];
      return {
        kind: 'waiting',
        stage: index + 1,
        stageCount,
        stageName: stage?.name ?? '',
        needs: (stage?.rules ?? [])
          .filter(rule => rule.missing > 0)
          .map(rule => ({ group: rule.group, missing: rule.missing })),
      };
    }
    case 'approved':
      return {
        kind: 'done',
        text: `${stageCount} of ${stageCount} ${
          stageCount === 1 ? 'stage' : 'stages'
        } passed`,
      };
    case 'rejected':
      return {
        kind: 'done',
        text: rejection
          ? `Rejected in stage ${rejection.stage + 1} of ${stageCount}`
          : 'Rejected',
      };
    case 'cancelled':
      return { kind: 'done', text: 'Cancelled by the requester' };
    case 'expired':
      return {
        kind: 'done',
        text: `Expired in stage ${
          Math.min(request.progress.currentStage, stageCount - 1) + 1
        } of ${stageCount}`,
      };
    case 'superseded':
      return {
        kind: 'done',
        text: `Replaced by a newer request for ${request.environment}`,
      };
    default:
      return { kind: 'done', text: request.state };
  }
}

/** Oldest first: the longest wait on top. */
export const oldestFirst = <T extends { createdAt: string }>(
  items: ReadonlyArray<T>,
): T[] => [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
