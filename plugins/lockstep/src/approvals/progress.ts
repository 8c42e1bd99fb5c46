import {
  APPROVAL_STATE_MACHINE,
  ApprovalRequestView,
  ApprovalState,
  ApprovalTone,
  isTerminal,
} from '@lockstep/backstage-plugin-lockstep-common';
import { Fill, FILLS } from '../lib/palette';

/** Each tone's fill, from the palette the readiness statuses use too. */
export const APPROVAL_TONE_COLORS: Record<ApprovalTone, Fill> = {
  open: FILLS.info,
  success: FILLS.success,
  danger: FILLS.danger,
  neutral: FILLS.neutral,
  warning: FILLS.earth,
  faded: FILLS.faded,
};

/** How a request's state looks: its label from the state machine, its colours from its tone. */
export const approvalStateLook = (state: ApprovalState) => {
  const { label, tone } = APPROVAL_STATE_MACHINE[state];
  return { label, tone, ...APPROVAL_TONE_COLORS[tone] };
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

/** The sentence for a request that is over, per final state; a state without one shows its label. */
const FINAL_SUMMARIES: Partial<
  Record<
    ApprovalState,
    (
      request: ApprovalRequestView,
      stageCount: number,
      rejection?: ApprovalRequestView['decisions'][number],
    ) => string
  >
> = {
  approved: (_request, stageCount) =>
    `${stageCount} of ${stageCount} ${
      stageCount === 1 ? 'stage' : 'stages'
    } passed`,
  rejected: (_request, stageCount, rejection) =>
    rejection
      ? `Rejected in stage ${rejection.stage + 1} of ${stageCount}`
      : 'Rejected',
  cancelled: () => 'Cancelled by the requester',
  expired: (request, stageCount) =>
    `Expired in stage ${
      Math.min(request.progress.currentStage, stageCount - 1) + 1
    } of ${stageCount}`,
  superseded: request =>
    `Replaced by a newer request for ${request.environment}`,
};

export function summarizeProgress(
  request: ApprovalRequestView,
): ProgressSummary {
  const stages = request.progress.stages;
  const stageCount = stages.length;
  const rejection = request.decisions.find(d => d.decision === 'reject');
  if (!isTerminal(request.state)) {
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
  const summary = FINAL_SUMMARIES[request.state];
  return {
    kind: 'done',
    text: summary
      ? summary(request, stageCount, rejection)
      : APPROVAL_STATE_MACHINE[request.state].label,
  };
}

/** Oldest first: the longest wait on top. */
export const oldestFirst = <T extends { createdAt: string }>(
  items: ReadonlyArray<T>,
): T[] => [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
