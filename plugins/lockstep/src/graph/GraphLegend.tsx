import { useId, useState } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { lockstepTranslationRef } from '../translation';

const useStyles = makeStyles(
  theme => ({
    // overlaid on the canvas's bottom left corner, so that it is in view wherever the page scrolls
    root: {
      position: 'absolute',
      bottom: theme.spacing(1),
      left: theme.spacing(1),
      maxWidth: '60%',
      maxHeight: '45%',
      overflow: 'auto',
      padding: theme.spacing(0.5, 1, 1),
      background: theme.palette.background.paper,
      borderRadius: theme.shape.borderRadius,
      boxShadow: theme.shadows[1],
    },
    toggle: { padding: theme.spacing(0, 0.5), minWidth: 0 },
    entries: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(1),
      padding: 0,
      margin: theme.spacing(0.5, 0, 0),
      listStyle: 'none',
    },
    entry: { display: 'flex', alignItems: 'center', gap: 4 },
    swatch: {
      width: 10,
      height: 10,
      borderRadius: 2,
      display: 'inline-block',
      flexShrink: 0,
    },
  }),
  { name: 'LockstepGraphLegend' },
);

/**
 * Over the canvas's bottom left: how many entities and dependencies, how to read the drawing, and
 * what the node colours mean (the first dozen); it folds away to its title.
 */
export function GraphLegend(props: {
  entities: number;
  dependencies: number;
  /** The root entity's name. */
  root: string;
  legend: Array<{ key: string; color: string }>;
}) {
  const { t } = useTranslationRef(lockstepTranslationRef);
  const classes = useStyles();
  const [open, setOpen] = useState(true);
  const id = useId();
  return (
    <Box
      className={classes.root}
      component="section"
      aria-label={t('graph.legend.title')}
    >
      <Button
        size="small"
        className={classes.toggle}
        aria-expanded={open}
        aria-controls={id}
        endIcon={open ? <ExpandMoreIcon /> : <ExpandLessIcon />}
        onClick={() => setOpen(!open)}
      >
        {t('graph.legend.title')}
      </Button>
      <div id={id} hidden={!open}>
        <Typography variant="caption" component="div">
          {t('graph.legend.summary', {
            entities: t('graph.legend.entities', { count: props.entities }),
            dependencies: t('graph.legend.dependencies', {
              count: props.dependencies,
            }),
            root: props.root,
          })}
        </Typography>
        <ul className={classes.entries}>
          {props.legend.slice(0, 12).map(({ key, color }) => (
            <Typography
              key={key}
              component="li"
              variant="caption"
              className={classes.entry}
            >
              <span className={classes.swatch} style={{ background: color }} />
              {key}
            </Typography>
          ))}
        </ul>
      </div>
    </Box>
  );
}
