import { startTransition, useEffect, useState } from 'react';
import {
  GraphEdge,
  GraphNode,
} from '@lockstep/backstage-plugin-lockstep-common';
import { GraphLayout, layoutGraph } from './layout';

/** Lays a graph out off the main thread; the result lands as a low-priority React update. */
export function useGraphLayout(nodes?: GraphNode[], edges?: GraphEdge[]) {
  const [state, setState] = useState<{
    layout?: GraphLayout;
    error?: Error;
    nodes?: GraphNode[];
  }>({});
  useEffect(() => {
    if (!nodes || !edges) return undefined;
    let cancelled = false;
    layoutGraph(nodes, edges).then(
      layout =>
        !cancelled && startTransition(() => setState({ layout, nodes })),
      error => !cancelled && setState({ error }),
    );
    return () => {
      cancelled = true;
    };
  }, [nodes, edges]);
  // a layout of an older answer is not shown for a newer one
  return state.nodes === nodes ? state : { error: state.error };
}
