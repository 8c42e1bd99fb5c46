import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  GraphNode,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApiRef } from '../api';
import { useLiveAsync } from '../hooks/useLiveAsync';
import { useReadinessChanges } from '../hooks/useReadinessChanges';
import {
  ColorBy,
  colorNodes,
  ColoringWords,
  NodeStatuses,
  statusOfNode,
} from './coloring';
import { useStatusLabels } from '../components/statusLabels';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/** The legend's words from the translation ref. */
export function useColoringWords(): ColoringWords {
  const { t } = useTranslationRef(lockstepTranslationRef);
  const labels = useStatusLabels();
  return useMemo(
    () => ({
      loadingReadiness: t('graph.legend.loadingReadiness'),
      readinessUnavailable: t('graph.legend.readinessUnavailable'),
      none: t('graph.legend.none'),
      status: labels.readiness,
    }),
    [t, labels],
  );
}

/** The statuses of the nodes, and each node's, once they are in. */
export interface NodeStatusesState extends NodeStatuses {
  statusOf?(node: GraphNode): ReadinessStatus;
}

/**
 * The readiness statuses of the nodes (those in the catalog) in one request, when `enabled`; again,
 * quietly, the old statuses kept meanwhile, whenever the backend signals a readiness change.
 */
export function useNodeStatuses(
  nodes: GraphNode[] | undefined,
  enabled: boolean,
): NodeStatusesState {
  const api = useApi(lockstepApiRef);
  const changes = useReadinessChanges();
  const refs = useMemo(
    () =>
      enabled
        ? (nodes ?? []).filter(n => !n.missing).map(n => n.entityRef)
        : [],
    [nodes, enabled],
  );
  const statuses = useLiveAsync(
    async () => (refs.length ? api.getReadinessStatuses(refs) : undefined),
    [api, refs],
    refs.length ? changes : 0,
  );
  const loading = statuses.loading && !statuses.value;
  const error = !!statuses.error;
  return useMemo(() => {
    const value = statuses.value;
    return {
      statuses: value,
      loading,
      error,
      statusOf: value
        ? (node: GraphNode) => statusOfNode(value, node)
        : undefined,
    };
  }, [statuses.value, loading, error]);
}

/**
 * Node colours and legend; for `readiness`, the statuses given (`known`), or else those of the nodes
 * fetched here (see `useNodeStatuses`).
 */
export function useNodeColoring(
  nodes: GraphNode[] | undefined,
  by: ColorBy,
  known?: NodeStatuses,
) {
  const words = useColoringWords();
  const fetched = useNodeStatuses(nodes, by === 'readiness' && !known);
  const readiness = known ?? fetched;
  return useMemo(
    () => colorNodes(nodes ?? [], by, readiness, words),
    [nodes, by, readiness, words],
  );
}
