import { ReactNode, useId } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  GraphDirection,
  GraphNode,
} from '@lockstep/backstage-plugin-lockstep-common';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { Toolbar } from '../components/Toolbar';
import { lockstepTranslationRef } from '../translation';
import { GraphOptions } from './GraphOptions';
import { useGraphWords } from './graphWords';
import { GraphView } from './useGraphView';

const DEPTHS = [1, 2, 3, 4, 6];

/**
 * The Dependencies tab's controls in one compact row: direction, depth, search and view, then the
 * less-used options and the export behind a button each (`children`, after the options).
 */
export function GraphToolbar(props: {
  view: GraphView;
  update(changes: Partial<GraphView>): void;
  nodes: GraphNode[];
  onFind(node: GraphNode | null): void;
  /** Before everything: the skip link to the graph. */
  skipLink?: ReactNode;
  children?: ReactNode;
}) {
  const { view, update, nodes, onFind } = props;
  const { t } = useTranslationRef(lockstepTranslationRef);
  const words = useGraphWords();
  const id = useId();
  return (
    <Toolbar dense>
      {props.skipLink}
      <ToggleButtonGroup
        size="small"
        exclusive
        value={view.direction}
        onChange={(_e, direction: GraphDirection | null) =>
          direction && update({ direction })
        }
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
        id={`${id}-depth`}
        select
        size="small"
        variant="outlined"
        label={t('graph.toolbar.depth')}
        value={view.depth}
        onChange={e => update({ depth: Number(e.target.value) })}
        style={{ minWidth: 110 }}
      >
        {DEPTHS.map(d => (
          <MenuItem key={d} value={d}>
            {t('graph.toolbar.hops', { count: d })}
          </MenuItem>
        ))}
        <MenuItem value={0}>{t('graph.toolbar.unlimited')}</MenuItem>
      </TextField>
      <Autocomplete
        size="small"
        options={nodes}
        getOptionLabel={node => words.displayName(node)}
        renderOption={node =>
          t('graph.canvas.nodeLabel', {
            title: words.displayName(node),
            kind: node.kind,
          })
        }
        onChange={(_e, node) => onFind(node)}
        renderInput={params => (
          <TextField
            {...params}
            variant="outlined"
            label={t('graph.toolbar.find')}
          />
        )}
        style={{ minWidth: 200, flex: '0 1 260px' }}
      />
      <ToggleButtonGroup
        size="small"
        exclusive
        value={view.view}
        onChange={(_e, value: GraphView['view'] | null) =>
          value && update({ view: value })
        }
        aria-label={t('graph.toolbar.view')}
      >
        <ToggleButton value="graph">
          {t('graph.toolbar.viewGraph')}
        </ToggleButton>
        <ToggleButton value="table">
          {t('graph.toolbar.viewTable')}
        </ToggleButton>
      </ToggleButtonGroup>
      <GraphOptions view={view} update={update} />
      {props.children}
    </Toolbar>
  );
}
