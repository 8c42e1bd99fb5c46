import { useSearchParams } from 'react-router-dom';
import {
  DEFAULT_GRAPH_RELATIONS,
  GraphDirection,
  GraphRelation,
} from '@lockstep/backstage-plugin-lockstep-common';
import { ColorBy } from './coloring';

/** What the Dependencies tab shows, as its URL says. */
export interface GraphView {
  direction: GraphDirection;
  depth: number;
  relations: GraphRelation[];
  kinds: string[];
  colorBy: ColorBy;
  view: 'graph' | 'table';
}

export const DEFAULT_DEPTH = 2;

/**
 * The view of the Dependencies tab, kept in the URL so that a link shows someone else the same
 * graph, and a setter that changes some of it (replacing the history entry).
 */
export function useGraphView(): [
  GraphView,
  (changes: Partial<GraphView>) => void,
] {
  const [searchParams, setSearchParams] = useSearchParams();
  const view: GraphView = {
    direction: (searchParams.get('direction') ?? 'both') as GraphDirection,
    depth: Number(searchParams.get('depth') ?? DEFAULT_DEPTH),
    relations: (searchParams.get('relations')?.split(',').filter(Boolean) ??
      DEFAULT_GRAPH_RELATIONS) as GraphRelation[],
    kinds: searchParams.get('kinds')?.split(',').filter(Boolean) ?? [],
    colorBy: (searchParams.get('colorBy') ?? 'readiness') as ColorBy,
    view: searchParams.get('view') === 'table' ? 'table' : 'graph',
  };
  const update = (changes: Partial<GraphView>) =>
    setSearchParams(
      current => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          next.set(key, Array.isArray(value) ? value.join(',') : String(value));
        }
        return next;
      },
      { replace: true },
    );
  return [view, update];
}
