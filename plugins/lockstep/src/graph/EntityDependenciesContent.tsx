import { useEffect, useId, useMemo, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Alert from '@material-ui/lab/Alert';
import { makeStyles } from '@material-ui/core/styles';
import { lockstepApiRef } from '../api';
import { lockstepTranslationRef } from '../translation';
import { GraphCanvas, GraphCanvasHandle } from './GraphCanvas';
import { GraphControls } from './GraphControls';
import { GraphExportMenu, useExportCaption } from './GraphExportMenu';
import { GraphLegend } from './GraphLegend';
import { GraphTable } from './GraphTable';
import { GraphToolbar } from './GraphToolbar';
import { useGraphWords } from './graphWords';
import { layoutGraph } from './layout';
import { NodeDetailPanel } from './NodeDetailPanel';
import { SkipLink } from './SkipLink';
import { useFillViewport } from './useFillViewport';
import { useGraphLayout } from './useGraphLayout';
import { useGraphView } from './useGraphView';
import { useNodeColoring, useNodeStatuses } from './useNodeColoring';
import { preloadLayoutWorker } from './workerLayout';

const useStyles = makeStyles(
  {
    area: { display: 'flex', gap: 12, minHeight: 420 },
    canvas: {
      position: 'relative',
      flex: 1,
      minWidth: 0,
      overflow: 'hidden',
    },
    // where "skip the graph" leads: out of sight, but a place for the focus to land
    after: {
      position: 'absolute',
      width: 1,
      height: 1,
      overflow: 'hidden',
      clip: 'rect(0 0 0 0)',
    },
  },
  { name: 'LockstepEntityDependencies' },
);

/**
 * The Dependencies tab: what this entity depends on (upstream), what depends on it (downstream, the
 * blast radius), with depth, direction, relation and kind filters, search, path highlighting, a
 * panel saying of a node why it is (not) ready, a table view and export.
 */
export function EntityDependenciesContent() {
  const { entity } = useEntity();
  const root = stringifyEntityRef(entity);
  const rootTitle = entity.metadata.title ?? entity.metadata.name;
  const api = useApi(lockstepApiRef);
  const { t } = useTranslationRef(lockstepTranslationRef);
  const words = useGraphWords();
  const classes = useStyles();
  const canvas = useRef<GraphCanvasHandle>(null);
  const area = useRef<HTMLDivElement>(null);
  const after = useRef<HTMLSpanElement>(null);
  const id = useId();

  const [view, update] = useGraphView();
  const { direction, depth, relations, kinds, colorBy } = view;
  const [selected, setSelected] = useState<string>();
  const [detail, setDetail] = useState<string>();
  // Start the layout worker while the graph is being fetched, not after.
  useEffect(() => {
    preloadLayoutWorker();
  }, []);

  const graph = useAsync(async () => {
    const answer = await api.getGraph({
      entityRef: root,
      direction,
      depth,
      relations,
      kinds,
      maxNodes: 2500,
    });
    // The layout starts now, in its worker, while the page renders the answer (which shows a
    // layout error, if any, through useGraphLayout).
    layoutGraph(answer.nodes, answer.edges).catch(() => {});
    return answer;
  }, [api, root, direction, depth, relations.join(), kinds.join()]);
  const nodes = graph.value?.nodes;
  const { layout, error: layoutError } = useGraphLayout(
    nodes,
    graph.value?.edges,
  );
  const nodesByRef = useMemo(
    () => new Map((nodes ?? []).map(node => [node.entityRef, node])),
    [nodes],
  );
  const cycleNodes = useMemo(
    () => new Set(graph.value?.cycles.flat()),
    [graph.value],
  );
  // Readiness is in every node's name, the table and the panel, whatever the colours show.
  const readiness = useNodeStatuses(nodes, true);
  const coloring = useNodeColoring(nodes, colorBy, readiness);
  const statusOf = readiness.statusOf;
  const height = useFillViewport(area, 420);
  const caption = useExportCaption({
    root: rootTitle,
    view,
    entities: nodes?.length ?? 0,
    dependencies: graph.value?.edges.length ?? 0,
    legend: coloring.legend,
  });
  const detailNode = detail ? nodesByRef.get(detail) : undefined;
  const graphId = `${id}-graph`;
  const afterId = `${id}-after`;

  const closeDetail = () => {
    const ref = detail;
    setDetail(undefined);
    if (ref) canvas.current?.focusNode(ref);
  };

  return (
    <Box display="flex" flexDirection="column" gridGap={12}>
      <GraphToolbar
        view={view}
        update={update}
        nodes={nodes ?? []}
        onFind={node => {
          setSelected(node?.entityRef);
          if (node) {
            update({ view: 'graph' });
            canvas.current?.centerOn(node.entityRef);
          }
        }}
        skipLink={
          view.view === 'graph' && (
            <SkipLink
              target={graphId}
              onSkip={() => canvas.current?.focusNode()}
            >
              {t('graph.canvas.skipToGraph')}
            </SkipLink>
          )
        }
      >
        <GraphExportMenu
          canvas={canvas}
          layout={view.view === 'graph' ? layout : undefined}
          fileName={`${entity.metadata.name}-dependencies`}
          caption={caption}
        />
      </GraphToolbar>

      {graph.error && <ResponseErrorPanel error={graph.error} />}
      {layoutError && <ResponseErrorPanel error={layoutError} />}
      {graph.value?.truncated && (
        <Alert severity="warning">
          {t('graph.truncated', { count: graph.value.nodes.length })}
        </Alert>
      )}
      {graph.value && graph.value.cycles.length > 0 && (
        <Alert severity="info">
          {t('graph.cycles', {
            count: graph.value.cycles.length,
            cycles: graph.value.cycles
              .map(c => c.map(ref => words.nameOf(ref, nodesByRef)).join(' ↔ '))
              .join('; '),
          })}
        </Alert>
      )}

      {view.view === 'table' && graph.value && (
        <GraphTable
          nodes={graph.value.nodes}
          edges={graph.value.edges}
          cycleNodes={cycleNodes}
          statusOf={statusOf}
          noStatus={
            readiness.error
              ? t('graph.legend.readinessUnavailable')
              : t('graph.legend.loadingReadiness')
          }
        />
      )}
      {view.view === 'graph' && (
        <div ref={area} className={classes.area} style={{ height }}>
          <Paper variant="outlined" className={classes.canvas} id={graphId}>
            {(graph.loading || (graph.value && !layout)) && <Progress />}
            <GraphControls canvas={canvas} />
            {graph.value && (
              <GraphLegend
                entities={graph.value.nodes.length}
                dependencies={graph.value.edges.length}
                root={rootTitle}
                legend={coloring.legend}
              />
            )}
            {graph.value && layout && (
              <>
                <SkipLink
                  target={afterId}
                  onSkip={() => after.current?.focus()}
                >
                  {t('graph.canvas.skipGraph')}
                </SkipLink>
                <GraphCanvas
                  ref={canvas}
                  root={graph.value.root}
                  nodes={graph.value.nodes}
                  edges={graph.value.edges}
                  layout={layout}
                  cycleNodes={cycleNodes}
                  colorOf={coloring.colorOf}
                  statusOf={statusOf}
                  selected={selected}
                  onSelect={setSelected}
                  onOpen={node => {
                    setSelected(node.entityRef);
                    setDetail(node.entityRef);
                  }}
                />
              </>
            )}
          </Paper>
          {detailNode && (
            <NodeDetailPanel
              node={detailNode}
              nodes={nodesByRef}
              onClose={closeDetail}
              onCentre={() => canvas.current?.centerOn(detailNode.entityRef)}
            />
          )}
        </div>
      )}
      <span ref={after} id={afterId} tabIndex={-1} className={classes.after}>
        {t('graph.canvas.afterGraph')}
      </span>
    </Box>
  );
}
