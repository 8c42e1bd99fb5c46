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
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import ZoomInIcon from '@material-ui/icons/ZoomIn';
import ZoomOutIcon from '@material-ui/icons/ZoomOut';
import FitIcon from '@material-ui/icons/ZoomOutMap';
import Autocomplete from '@material-ui/lab/Autocomplete';
import Alert from '@material-ui/lab/Alert';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { lockstepApiRef } from '../api';
import { ColorBy } from './coloring';
import { exportPng, exportSvg } from './exportGraph';
import { useSurfaces } from '../lib/palette';
import { GraphCanvas, GraphCanvasHandle } from './GraphCanvas';
import { GraphTable } from './GraphTable';
import { layoutGraph } from './layout';
import { useGraphLayout } from './useGraphLayout';
import { useNodeColoring } from './useNodeColoring';
import { useOpenEntity } from './useOpenEntity';
import { preloadLayoutWorker } from './workerLayout';
import { Toolbar } from '../components/Toolbar';

const RELATIONS = GRAPH_RELATIONS.map(value => ({
  value,
  label: GRAPH_RELATION_REGISTRY[value].label,
}));
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
  const surfaces = useSurfaces();
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
          aria-label="Direction"
        >
          <ToggleButton
            value="upstream"
            aria-label="Upstream: what this depends on"
          >
            Upstream
          </ToggleButton>
          <ToggleButton value="both">Both</ToggleButton>
          <ToggleButton
            value="downstream"
            aria-label="Downstream: what depends on this"
          >
            Downstream
          </ToggleButton>
        </ToggleButtonGroup>
        <TextField
          select
          size="small"
          variant="outlined"
          label="Depth"
          value={depth}
          onChange={e => setDepth(Number(e.target.value))}
          style={{ minWidth: 110 }}
        >
          {[1, 2, 3, 4, 6].map(d => (
            <MenuItem key={d} value={d}>
              {d} {d === 1 ? 'hop' : 'hops'}
            </MenuItem>
          ))}
          <MenuItem value={0}>Unlimited</MenuItem>
        </TextField>
        <Box>
          {RELATIONS.map(r => (
            <FormControlLabel
              key={r.value}
              control={
                <Checkbox
                  size="small"
                  checked={relations.includes(r.value)}
                  onChange={() => setRelations(toggle(relations, r.value))}
                />
              }
              label={<Typography variant="body2">{r.label}</Typography>}
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
              label="Show kinds"
              placeholder={kinds.length ? '' : 'All'}
            />
          )}
          style={{ minWidth: 200 }}
        />
        <TextField
          select
          size="small"
          variant="outlined"
          label="Colour by"
          value={colorBy}
          onChange={e => setColorBy(e.target.value as ColorBy)}
          style={{ minWidth: 120 }}
        >
          <MenuItem value="readiness">Readiness</MenuItem>
          <MenuItem value="owner">Owner</MenuItem>
          <MenuItem value="system">System</MenuItem>
          <MenuItem value="kind">Kind</MenuItem>
        </TextField>
        <Autocomplete
          size="small"
          options={graph.value?.nodes ?? []}
          getOptionLabel={node => node.title ?? node.name}
          renderOption={node => `${node.title ?? node.name} (${node.kind})`}
          onChange={(_e, node) => {
            setSelected(node?.entityRef);
            if (node) {
              setView('graph');
              canvas.current?.centerOn(node.entityRef);
            }
          }}
          renderInput={params => (
            <TextField {...params} variant="outlined" label="Find in graph" />
          )}
          style={{ minWidth: 220 }}
        />
        <ToggleButtonGroup
          size="small"
          exclusive
          value={view}
          onChange={(_e, value) => value && setView(value)}
          aria-label="View"
        >
          <ToggleButton value="graph">Graph</ToggleButton>
          <ToggleButton value="table">Table</ToggleButton>
        </ToggleButtonGroup>
      </Toolbar>

      {graph.error && <ResponseErrorPanel error={graph.error} />}
      {layoutError && <ResponseErrorPanel error={layoutError} />}
      {graph.value?.truncated && (
        <Alert severity="warning">
          Showing the first {graph.value.nodes.length} entities, nearest first.
          Nodes marked +N have more neighbours than shown: lower the depth,
          narrow the relations or kinds, or open a node to explore from there.
        </Alert>
      )}
      {graph.value && graph.value.cycles.length > 0 && (
        <Alert severity="info">
          {graph.value.cycles.length === 1
            ? 'One dependency cycle'
            : `${graph.value.cycles.length} dependency cycles`}{' '}
          (↻, red edges):{' '}
          {graph.value.cycles
            .map(c =>
              c.map(r => r.replace(/^[^:]+:(default\/)?/, '')).join(' ↔ '),
            )
            .join('; ')}
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
          <Box
            position="absolute"
            top={8}
            right={8}
            display="flex"
            bgcolor="background.paper"
            borderRadius={4}
            boxShadow={1}
          >
            <Tooltip title="Zoom in">
              <IconButton
                size="small"
                onClick={() => canvas.current?.zoomBy(1.4)}
              >
                <ZoomInIcon />
              </IconButton>
            </Tooltip>
            <Tooltip title="Zoom out">
              <IconButton
                size="small"
                onClick={() => canvas.current?.zoomBy(1 / 1.4)}
              >
                <ZoomOutIcon />
              </IconButton>
            </Tooltip>
            <Tooltip title="Fit to screen">
              <IconButton size="small" onClick={() => canvas.current?.fit()}>
                <FitIcon />
              </IconButton>
            </Tooltip>
            <Button
              size="small"
              onClick={() =>
                layout &&
                exportSvg(
                  canvas.current!.svgElement()!,
                  layout,
                  fileName,
                  surfaces.exportBackground,
                )
              }
            >
              SVG
            </Button>
            <Button
              size="small"
              onClick={() =>
                layout &&
                exportPng(
                  canvas.current!.svgElement()!,
                  layout,
                  fileName,
                  surfaces.exportBackground,
                )
              }
            >
              PNG
            </Button>
          </Box>
          {graph.value && (
            <Box
              position="absolute"
              bottom={8}
              left={8}
              p={1}
              bgcolor="background.paper"
              borderRadius={4}
              boxShadow={1}
              maxWidth="60%"
            >
              <Typography variant="caption" component="div">
                {graph.value.nodes.length} entities, {graph.value.edges.length}{' '}
                dependencies · arrows point from dependent to dependency ·
                dashed: indirect or missing · hover a node to light its paths to{' '}
                {entity.metadata.title ?? entity.metadata.name}
              </Typography>
              <Box display="flex" flexWrap="wrap" gridGap={8} mt={0.5}>
                {coloring.legend.slice(0, 12).map(({ key, color }) => (
                  <Typography
                    key={key}
                    variant="caption"
                    style={{ display: 'flex', alignItems: 'center', gap: 4 }}
                  >
                    <span
                      style={{
                        width: 10,
                        height: 10,
                        background: color,
                        borderRadius: 2,
                        display: 'inline-block',
                      }}
                    />
                    {key}
                  </Typography>
                ))}
              </Box>
            </Box>
          )}
        </Paper>
      )}
    </Box>
  );
}
