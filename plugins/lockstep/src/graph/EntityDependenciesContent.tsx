import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DEFAULT_GRAPH_RELATIONS,
  GraphDirection,
  GraphRelation,
  GRAPH_RELATION_REGISTRY,
  GRAPH_RELATIONS,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import Alert from '@material-ui/lab/Alert';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { lockstepApiRef } from '../api';
import { ColorBy } from './coloring';
import { GraphCanvas, GraphCanvasHandle } from './GraphCanvas';
import { GraphControls } from './GraphControls';
import { GraphLegend } from './GraphLegend';
import { GraphTable } from './GraphTable';
import { layoutGraph } from './layout';
import { useGraphLayout } from './useGraphLayout';
import { useNodeColoring } from './useNodeColoring';
import { useOpenEntity } from './useOpenEntity';
import { preloadLayoutWorker } from './workerLayout';
import { Toolbar } from '../components/Toolbar';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { LockstepMessageKey, lockstepTranslationRef } from '../translation';

/** The relations' names; a relation the registry gains later shows the registry's label. */
type RelationKey = Extract<LockstepMessageKey, `graph.relations.${string}`>;
const RELATION_KEYS: Partial<Record<GraphRelation, RelationKey>> = {
  dependsOn: 'graph.relations.dependsOn',
  consumesApi: 'graph.relations.consumesApi',
  providesApi: 'graph.relations.providesApi',
  partOf: 'graph.relations.partOf',
};
const KINDS = ['Component', 'API', 'Resource', 'System'];

/**
 * The Dependencies tab: what this entity depends on (upstream), what depends on it (downstream, the
 * blast radius), with depth, direction, relation and kind filters, search, path highlighting, a table
 * view and export.
 */
export function EntityDependenciesContent() {
  const { entity } = useEntity();
  const root = stringifyEntityRef(entity);
  const api = useApi(lockstepApiRef);
  const { t } = useTranslationRef(lockstepTranslationRef);
  const open = useOpenEntity();
  const canvas = useRef<GraphCanvasHandle>(null);

  // The view lives in the URL, so that a link shows someone else the same graph.
  const [searchParams, setSearchParams] = useSearchParams();
  const direction = (searchParams.get('direction') ?? 'both') as GraphDirection;
  const depth = Number(searchParams.get('depth') ?? 2);
  const relations = (searchParams
    .get('relations')
    ?.split(',')
    .filter(Boolean) ?? DEFAULT_GRAPH_RELATIONS) as GraphRelation[];
  const kinds = searchParams.get('kinds')?.split(',').filter(Boolean) ?? [];
  const colorBy = (searchParams.get('colorBy') ?? 'readiness') as ColorBy;
  const view = searchParams.get('view') === 'table' ? 'table' : 'graph';
  const update = (changes: Record<string, string | number | string[]>) =>
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
  const setDirection = (value: GraphDirection) => update({ direction: value });
  const setDepth = (value: number) => update({ depth: value });
  const setRelations = (value: GraphRelation[]) => update({ relations: value });
  const setKinds = (value: string[]) => update({ kinds: value });
  const setColorBy = (value: ColorBy) => update({ colorBy: value });
  const setView = (value: 'graph' | 'table') => update({ view: value });
  const [selected, setSelected] = useState<string>();
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
  const { layout, error: layoutError } = useGraphLayout(
    graph.value?.nodes,
    graph.value?.edges,
  );
  const cycleNodes = useMemo(
    () => new Set(graph.value?.cycles.flat()),
    [graph.value],
  );
  const coloring = useNodeColoring(graph.value?.nodes, colorBy);

  const toggle = <T,>(list: T[], item: T) =>
    list.includes(item) ? list.filter(i => i !== item) : [...list, item];
  const fileName = `${entity.metadata.name}-dependencies`;

  return (
    <Box display="flex" flexDirection="column" gridGap={12}>
      <Toolbar>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={direction}
          onChange={(_e, value) => value && setDirection(value)}
          aria-label={t('graph.toolbar.direction')}
        >
          <ToggleButton
            value="upstream"
            aria-label={t('graph.toolbar.upstreamDescription')}
          >
            {t('graph.toolbar.upstream')}
          </ToggleButton>
          <ToggleButton value="both">{t('graph.toolbar.both')}</ToggleButton>
          <ToggleButton
            value="downstream"
            aria-label={t('graph.toolbar.downstreamDescription')}
          >
            {t('graph.toolbar.downstream')}
          </ToggleButton>
        </ToggleButtonGroup>
        <TextField
          select
          size="small"
          variant="outlined"
          label={t('graph.toolbar.depth')}
          value={depth}
          onChange={e => setDepth(Number(e.target.value))}
          style={{ minWidth: 110 }}
        >
          {[1, 2, 3, 4, 6].map(d => (
            <MenuItem key={d} value={d}>
              {t('graph.toolbar.hops', { count: d })}
            </MenuItem>
          ))}
          <MenuItem value={0}>{t('graph.toolbar.unlimited')}</MenuItem>
        </TextField>
        <Box>
          {GRAPH_RELATIONS.map(r => (
            <FormControlLabel
              key={r}
              control={
                <Checkbox
                  size="small"
                  checked={relations.includes(r)}
                  onChange={() => setRelations(toggle(relations, r))}
                />
              }
              label={
                <Typography variant="body2">
                  {RELATION_KEYS[r]
                    ? t(RELATION_KEYS[r]!)
                    : GRAPH_RELATION_REGISTRY[r].label}
                </Typography>
              }
            />
          ))}
        </Box>
        <Autocomplete
          multiple
          size="small"
          options={KINDS}
          value={kinds}
          onChange={(_e, value) => setKinds(value)}
          renderInput={params => (
            <TextField
              {...params}
              variant="outlined"
              label={t('graph.toolbar.kinds')}
              placeholder={kinds.length ? '' : t('graph.toolbar.allKinds')}
            />
          )}
          style={{ minWidth: 200 }}
        />
        <TextField
          select
          size="small"
          variant="outlined"
          label={t('graph.toolbar.colorBy')}
          value={colorBy}
          onChange={e => setColorBy(e.target.value as ColorBy)}
          style={{ minWidth: 120 }}
        >
          <MenuItem value="readiness">
            {t('graph.toolbar.colorByReadiness')}
          </MenuItem>
          <MenuItem value="owner">{t('graph.toolbar.colorByOwner')}</MenuItem>
          <MenuItem value="system">{t('graph.toolbar.colorBySystem')}</MenuItem>
          <MenuItem value="kind">{t('graph.toolbar.colorByKind')}</MenuItem>
        </TextField>
        <Autocomplete
          size="small"
          options={graph.value?.nodes ?? []}
          getOptionLabel={node => node.title ?? node.name}
          renderOption={node =>
            t('graph.canvas.nodeLabel', {
              title: node.title ?? node.name,
              kind: node.kind,
            })
          }
          onChange={(_e, node) => {
            setSelected(node?.entityRef);
            if (node) {
              setView('graph');
              canvas.current?.centerOn(node.entityRef);
            }
          }}
          renderInput={params => (
            <TextField
              {...params}
              variant="outlined"
              label={t('graph.toolbar.find')}
            />
          )}
          style={{ minWidth: 220 }}
        />
        <ToggleButtonGroup
          size="small"
          exclusive
          value={view}
          onChange={(_e, value) => value && setView(value)}
          aria-label={t('graph.toolbar.view')}
        >
          <ToggleButton value="graph">
            {t('graph.toolbar.viewGraph')}
          </ToggleButton>
          <ToggleButton value="table">
            {t('graph.toolbar.viewTable')}
          </ToggleButton>
        </ToggleButtonGroup>
      </Toolbar>

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
              .map(c =>
                c.map(r => r.replace(/^[^:]+:(default\/)?/, '')).join(' ↔ '),
              )
              .join('; '),
          })}
        </Alert>
      )}

      {view === 'table' && graph.value && (
        <GraphTable
          nodes={graph.value.nodes}
          edges={graph.value.edges}
          cycleNodes={cycleNodes}
        />
      )}
      {view === 'graph' && (
        <Paper
          variant="outlined"
          style={{
            position: 'relative',
            height: '70vh',
            minHeight: 420,
            overflow: 'hidden',
          }}
        >
          {(graph.loading || (graph.value && !layout)) && <Progress />}
          {graph.value && layout && (
            <GraphCanvas
              ref={canvas}
              root={graph.value.root}
              nodes={graph.value.nodes}
              edges={graph.value.edges}
              layout={layout}
              cycleNodes={cycleNodes}
              colorOf={coloring.colorOf}
              selected={selected}
              onSelect={setSelected}
              onOpen={open}
            />
          )}
          <GraphControls canvas={canvas} layout={layout} fileName={fileName} />
          {graph.value && (
            <GraphLegend
              entities={graph.value.nodes.length}
              dependencies={graph.value.edges.length}
              root={entity.metadata.title ?? entity.metadata.name}
              legend={coloring.legend}
            />
          )}
        </Paper>
      )}
    </Box>
  );
}
