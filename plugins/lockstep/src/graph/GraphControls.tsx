import { RefObject } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import ZoomInIcon from '@material-ui/icons/ZoomIn';
import ZoomOutIcon from '@material-ui/icons/ZoomOut';
import FitIcon from '@material-ui/icons/ZoomOutMap';
import { lockstepTranslationRef } from '../translation';
import { GraphCanvasHandle } from './GraphCanvas';

/**
 * Zoom in, out and to fit: the buttons over the canvas's top right. They come before the drawing
 * in the page, so that the keyboard reaches them without passing every node.
 */
export function GraphControls(props: { canvas: RefObject<GraphCanvasHandle> }) {
  const { canvas } = props;
  const { t } = useTranslationRef(lockstepTranslationRef);
  const buttons = [
    {
      label: t('graph.controls.zoomIn'),
      Icon: ZoomInIcon,
      act: () => canvas.current?.zoomBy(1.4),
    },
    {
      label: t('graph.controls.zoomOut'),
      Icon: ZoomOutIcon,
      act: () => canvas.current?.zoomBy(1 / 1.4),
    },
    {
      label: t('graph.controls.fit'),
      Icon: FitIcon,
      act: () => canvas.current?.fit(),
    },
  ];
  return (
    <Box
      position="absolute"
      top={8}
      right={8}
      zIndex={1}
      display="flex"
      bgcolor="background.paper"
      borderRadius={4}
      boxShadow={1}
      role="group"
      aria-label={t('graph.controls.label')}
    >
      {buttons.map(({ label, Icon, act }) => (
        <Tooltip key={label} title={label}>
          <IconButton size="small" aria-label={label} onClick={act}>
            <Icon />
          </IconButton>
        </Tooltip>
      ))}
    </Box>
  );
}
