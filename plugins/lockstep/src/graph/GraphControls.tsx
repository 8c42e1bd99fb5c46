import { RefObject } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import ZoomInIcon from '@material-ui/icons/ZoomIn';
import ZoomOutIcon from '@material-ui/icons/ZoomOut';
import FitIcon from '@material-ui/icons/ZoomOutMap';
import { useSurfaces } from '../lib/palette';
import { lockstepTranslationRef } from '../translation';
import { exportPng, exportSvg } from './exportGraph';
import { GraphCanvasHandle } from './GraphCanvas';
import { GraphLayout } from './layout';

/** Zoom in, out and to fit, and export as SVG or PNG: the buttons over the canvas's top right. */
export function GraphControls(props: {
  canvas: RefObject<GraphCanvasHandle>;
  layout?: GraphLayout;
  fileName: string;
}) {
  const { canvas, layout, fileName } = props;
  const { t } = useTranslationRef(lockstepTranslationRef);
  const surfaces = useSurfaces();
  const exportAs = (format: typeof exportSvg) => () =>
    layout &&
    format(
      canvas.current!.svgElement()!,
      layout,
      fileName,
      surfaces.exportBackground,
    );
  return (
    <Box
      position="absolute"
      top={8}
      right={8}
      display="flex"
      bgcolor="background.paper"
      borderRadius={4}
      boxShadow={1}
    >
      <Tooltip title={t('graph.controls.zoomIn')}>
        <IconButton size="small" onClick={() => canvas.current?.zoomBy(1.4)}>
          <ZoomInIcon />
        </IconButton>
      </Tooltip>
      <Tooltip title={t('graph.controls.zoomOut')}>
        <IconButton
          size="small"
          onClick={() => canvas.current?.zoomBy(1 / 1.4)}
        >
          <ZoomOutIcon />
        </IconButton>
      </Tooltip>
      <Tooltip title={t('graph.controls.fit')}>
        <IconButton size="small" onClick={() => canvas.current?.fit()}>
          <FitIcon />
        </IconButton>
      </Tooltip>
      <Button size="small" onClick={exportAs(exportSvg)}>
        {t('graph.controls.exportSvg')}
      </Button>
      <Button size="small" onClick={exportAs(exportPng)}>
        {t('graph.controls.exportPng')}
      </Button>
    </Box>
  );
}
