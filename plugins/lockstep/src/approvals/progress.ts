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
 * needs 1 more from group:default/platform-sre", or how it ended ("Rejected in stage 1 of 2").
 * Groups stay refs so a component can show their names; the words are the component's.
 */
export type ProgressSummary =
  | {
      kind: 'waiting';
      stage: number;
      stageCount: number;
      stageName: string;
      needs: MissingApprovals[];
    }
  | {
      kind: 'done';
      state: ApprovalState;
      stageCount: number;
      /** Where it stopped (1-based): the stage of the rejection, or of the expiry. */
      stage?: number;
      environment: string;
    };

export function summarizeProgress(
  request: ApprovalRequestView,
): ProgressSummary {
  const stages = request.progress.stages;
  const stageCount = stages.length;
  const current = Math.min(request.progress.currentStage, stageCount - 1);
  if (!isTerminal(request.state)) {
    const stage = stages[current];
    return {
      kind: 'waiting',
      stage: current + 1,
      stageCount,
      stageName: stage?.name ?? '',
      needs: (stage?.rules ?? [])
        .filter(rule => rule.missing > 0)
        .map(rule => ({ group: rule.group, missing: rule.missing })),
    };
  }
  const rejection = request.decisions.find(d => d.decision === 'reject');
  let stage: number | undefined;
  if (request.state === 'rejected' && rejection) stage = rejection.stage + 1;
  if (request.state === 'expired') stage = current + 1;
  return {
    kind: 'done',
    state: request.state,
    stageCount,
    stage,
    environment: request.environment,
  };
}

/** Oldest first: the longest wait on top. */
export const oldestFirst = <T extends { createdAt: string }>(
  items: ReadonlyArray<T>,
): T[] => [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
