import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { GraphNode } from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApiRef } from '../api';
import { ColorBy, colorNodes } from './coloring';

/** Node colours and legend; for `readiness`, the statuses of the nodes come in one request. */
export function useNodeColoring(nodes: GraphNode[] | undefined, by: ColorBy) {
  const api = useApi(lockstepApiRef);
  const refs = useMemo(
    () =>
      by === 'readiness'
        ? (nodes ?? []).filter(n => !n.missing).map(n => n.entityRef)
        : [],
    [nodes, by],
  );
  const statuses = useAsync(
    async () => (refs.length ? api.getReadinessStatuses(refs) : undefined),
    [api, refs],
  );
  return useMemo(
    () =>
      colorNodes(nodes ?? [], by, {
        statuses: statuses.value,
        loading: statuses.loading,
        error: !!statuses.error,
      }),
    [nodes, by, statuses.value, statuses.loading, statuses.error],
  );
}
