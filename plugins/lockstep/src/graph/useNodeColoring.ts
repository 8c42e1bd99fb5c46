import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { GraphNode } from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApiRef } from '../api';
import { useLiveAsync } from '../hooks/useLiveAsync';
import { useReadinessChanges } from '../hooks/useReadinessChanges';
import { ColorBy, colorNodes, ColoringWords } from './coloring';
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

/**
 * Node colours and legend; for `readiness`, the statuses of the nodes come in one request, again
 * (quietly, the old colours kept meanwhile) whenever the backend signals a readiness change.
 */
export function useNodeColoring(nodes: GraphNode[] | undefined, by: ColorBy) {
  const api = useApi(lockstepApiRef);
  const changes = useReadinessChanges();
  const words = useColoringWords();
  const refs = useMemo(
    () =>
      by === 'readiness'
        ? (nodes ?? []).filter(n => !n.missing).map(n => n.entityRef)
        : [],
    [nodes, by],
  );
  const statuses = useLiveAsync(
    async () => (refs.length ? api.getReadinessStatuses(refs) : undefined),
    [api, refs],
    refs.length ? changes : 0,
  );
  const loading = statuses.loading && !statuses.value;
  const failed = !!statuses.error;
  return useMemo(
    () =>
      colorNodes(
        nodes ?? [],
        by,
        { statuses: statuses.value, loading, error: failed },
        words,
      ),
    [nodes, by, statuses.value, loading, failed, words],
  );
}
