import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { lockstepApiRef } from '../api';
import { colorNodes } from './coloring';
import { GraphCanvas } from './GraphCanvas';
import { useGraphLayout } from './useGraphLayout';
import { useOpenEntity } from './useOpenEntity';
import { useColoringWords, useNodeStatuses } from './useNodeColoring';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/** Overview card: the entity's direct dependencies and dependents, with a link to the full tab. */
export function EntityDependencyGraphCard(props: {
  title?: string;
  tabPath?: string;
}) {
  const { entity } = useEntity();
  const root = stringifyEntityRef(entity);
  const api = useApi(lockstepApiRef);
  const open = useOpenEntity();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const graph = useAsync(
    () => api.getGraph({ entityRef: root, direction: 'both', depth: 1 }),
    [api, root],
  );
  const { layout } = useGraphLayout(graph.value?.nodes, graph.value?.edges);
  const words = useColoringWords();
  const coloring = useMemo(
    () => colorNodes(graph.value?.nodes ?? [], 'owner', {}, words),
    [graph.value, words],
  );
  // readiness in every node's accessible name and tooltip, though the colours show owners
  const readiness = useNodeStatuses(graph.value?.nodes, true);
  const statusOf = readiness.statusOf;
  const cycleNodes = useMemo(
    () => new Set(graph.value?.cycles.flat()),
    [graph.value],
  );

  const upstream =
    graph.value?.edges.filter(e => e.source === root).length ?? 0;
  const downstream =
    graph.value?.edges.filter(e => e.target === root).length ?? 0;

  return (
    <InfoCard
      title={props.title ?? t('graph.card.title')}
      subheader={
        graph.value
          ? t('graph.card.subheader', {
              upstream: String(upstream),
              downstream: String(downstream),
            })
          : undefined
      }
      deepLink={{
        title: t('graph.card.deepLink'),
        link: props.tabPath ?? 'dependencies',
      }}
      noPadding
    >
      <Box height={320} position="relative">
        {graph.error && <ResponseErrorPanel error={graph.error} />}
        {!graph.error && !layout && <Progress />}
        {graph.value && layout && graph.value.nodes.length === 1 && (
          <Box p={2}>
            <Typography variant="body2">{t('graph.card.empty')}</Typography>
          </Box>
        )}
        {graph.value && layout && graph.value.nodes.length > 1 && (
          <GraphCanvas
            root={graph.value.root}
            nodes={graph.value.nodes}
            edges={graph.value.edges}
            layout={layout}
            cycleNodes={cycleNodes}
            colorOf={coloring.colorOf}
            statusOf={statusOf}
            onSelect={() => {}}
            onOpen={open}
          />
        )}
      </Box>
    </InfoCard>
  );
}
