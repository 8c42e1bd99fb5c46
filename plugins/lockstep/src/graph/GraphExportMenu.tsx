import { RefObject, useId, useRef, useState } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import SaveAltIcon from '@material-ui/icons/SaveAlt';
import { formatDate } from '../lib/format';
import { useSurfaces } from '../lib/palette';
import { lockstepTranslationRef } from '../translation';
import { ExportCaption, exportPng, exportSvg } from './exportGraph';
import { GraphCanvasHandle } from './GraphCanvas';
import { GraphLayout } from './layout';
import { GraphView } from './useGraphView';

const DIRECTION_KEYS = {
  upstream: 'graph.toolbar.upstream',
  both: 'graph.toolbar.both',
  downstream: 'graph.toolbar.downstream',
} as const;

/** What an export says about itself: the root, direction, depth, size, date and legend. */
export function useExportCaption(props: {
  root: string;
  view: GraphView;
  entities: number;
  dependencies: number;
  legend: ExportCaption['legend'];
}): () => ExportCaption {
  const { t } = useTranslationRef(lockstepTranslationRef);
  const surfaces = useSurfaces();
  return () => ({
    title: t('graph.export.title', { root: props.root }),
    details: t('graph.export.details', {
      direction: t(DIRECTION_KEYS[props.view.direction]),
      depth: props.view.depth
        ? t('graph.toolbar.hops', { count: props.view.depth })
        : t('graph.toolbar.unlimited'),
      entities: t('graph.legend.entities', { count: props.entities }),
      dependencies: t('graph.legend.dependencies', {
        count: props.dependencies,
      }),
      date: formatDate(new Date().toISOString()),
    }),
    legend: props.legend,
    textColor: surfaces.nodeText,
    background: surfaces.exportBackground,
  });
}

/** Export the drawing as an SVG or PNG file, with its caption and legend. */
export function GraphExportMenu(props: {
  canvas: RefObject<GraphCanvasHandle>;
  layout?: GraphLayout;
  fileName: string;
  caption(): ExportCaption;
}) {
  const { canvas, layout, fileName, caption } = props;
  const { t } = useTranslationRef(lockstepTranslationRef);
  const anchor = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const id = useId();
  const exportAs = (format: typeof exportSvg) => () => {
    setOpen(false);
    const svg = canvas.current?.svgElement();
    if (layout && svg) format(svg, layout, fileName, caption());
  };
  return (
    <>
      <Button
        ref={anchor}
        size="small"
        variant="outlined"
        startIcon={<SaveAltIcon />}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-export` : undefined}
        disabled={!layout}
        onClick={() => setOpen(true)}
      >
        {t('graph.toolbar.export')}
      </Button>
      <Menu
        id={`${id}-export`}
        anchorEl={anchor.current}
        open={open}
        onClose={() => setOpen(false)}
      >
        <MenuItem onClick={exportAs(exportSvg)}>
          {t('graph.toolbar.exportSvg')}
        </MenuItem>
        <MenuItem onClick={exportAs(exportPng)}>
          {t('graph.toolbar.exportPng')}
        </MenuItem>
      </Menu>
    </>
  );
}
