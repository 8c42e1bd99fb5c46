import { GraphNode } from '@lockstep/backstage-plugin-lockstep-common';

/** What node colours show. Readiness joins these when the readiness capability lands. */
export type ColorBy = 'owner' | 'system' | 'kind';

const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#7f7f7f',
  '#d62728',
];

const label = (ref: string | undefined) =>
  ref ? ref.replace(/^[^:]+:(default\/)?/, '') : 'none';

/** A colour per owner, system or kind, in order of first appearance, and the legend that explains them. */
export function colorNodes(nodes: GraphNode[], by: ColorBy) {
  const keyOf = (node: GraphNode) =>
    by === 'kind'
      ? node.kind
      : label(by === 'owner' ? node.owner : node.system);
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
