import {
  GraphNode,
  READINESS_STATUSES,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import { READINESS_STATUS_LOOK } from '../lib/statusColors';
import { GROUP_COLORS } from '../lib/palette';

/** What node colours show. */
export type ColorBy = 'readiness' | 'owner' | 'system' | 'kind';

/** Readiness of the nodes for `readiness` colouring, while it loads or when it failed. */
export interface NodeStatuses {
  statuses?: Record<string, ReadinessStatus>;
  loading?: boolean;
  error?: boolean;
}

/** The words of the legend, in the viewer's language; English when not given. */
export interface ColoringWords {
  loadingReadiness: string;
  readinessUnavailable: string;
  /** A group for nodes without an owner or system. */
  none: string;
  status(status: ReadinessStatus): string;
}

const ENGLISH: ColoringWords = {
  loadingReadiness: 'Loading readiness…',
  readinessUnavailable: 'Readiness unavailable',
  none: 'none',
  status: status => READINESS_STATUS_LOOK[status].label,
};

const UNKNOWN = READINESS_STATUS_LOOK.unknown.color;

/**
 * A node's status in an answer of `getReadinessStatuses`: not in it, no profile applies; missing
 * from the catalog, not ready.
 */
export const statusOfNode = (
  statuses: Record<string, ReadinessStatus>,
  node: GraphNode,
): ReadinessStatus =>
  statuses[node.entityRef] ??
  statuses[node.entityRef.toLocaleLowerCase('en-US')] ??
  (node.missing ? 'not-ready' : 'unknown');

/** Nodes in the colour of their readiness status (the card and board palette), legend worst first. */
function colorByReadiness(
  nodes: GraphNode[],
  readiness: NodeStatuses,
  words: ColoringWords,
) {
  const { statuses } = readiness;
  if (!statuses) {
    return {
      colorOf: () => UNKNOWN,
      legend: [
        {
          key: readiness.error
            ? words.readinessUnavailable
            : words.loadingReadiness,
          color: UNKNOWN,
        },
      ],
    };
  }
  const statusOf = (node: GraphNode) => statusOfNode(statuses, node);
  const present = new Set(nodes.map(statusOf));
  return {
    colorOf: (node: GraphNode) => READINESS_STATUS_LOOK[statusOf(node)].color,
    legend: READINESS_STATUSES.filter(status => present.has(status)).map(
      status => ({
        key: words.status(status),
        color: READINESS_STATUS_LOOK[status].color,
      }),
    ),
  };
}

const PALETTE = GROUP_COLORS;

const label = (ref: string | undefined, none: string) =>
  ref ? ref.replace(/^[^:]+:(default\/)?/, '') : none;

/**
 * A colour per readiness status, or per owner, system or kind in order of first appearance, and the
 * legend that explains them.
 */
export function colorNodes(
  nodes: GraphNode[],
  by: ColorBy,
  readiness: NodeStatuses = {},
  words: ColoringWords = ENGLISH,
) {
  if (by === 'readiness') return colorByReadiness(nodes, readiness, words);
  const keyOf = (node: GraphNode) =>
    by === 'kind'
      ? node.kind
      : label(by === 'owner' ? node.owner : node.system, words.none);
  const colors = new Map<string, string>();
  for (const node of nodes) {
    const key = keyOf(node);
    if (!colors.has(key))
      colors.set(key, PALETTE[colors.size % PALETTE.length]);
  }
  return {
    colorOf: (node: GraphNode) => colors.get(keyOf(node))!,
    legend: [...colors].map(([key, color]) => ({ key, color })),
  };
}
