import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import { surfacesOf } from '../lib/palette';

const useStyles = makeStyles(
  theme => {
    const surfaces = surfacesOf(theme);
    return {
      // Material's toggle buttons draw unselected text at 38 % of the icon colour, well below 4.5:1:
      // the palette's control colours instead, in both themes.
      root: {
        '& .MuiToggleButton-root': { color: surfaces.control },
        '& .MuiToggleButton-root.Mui-selected': {
          color: surfaces.controlSelected,
          backgroundColor: surfaces.controlSelectedBackground,
        },
      },
    };
  },
  { name: 'LockstepToolbar' },
);

/**
 * A row of filters and switches above a view, wrapping on narrow screens; `dense` for one compact
 * row on a wide one.
 */
export function Toolbar(props: {
  children: ReactNode;
  dense?: boolean;
  'aria-label'?: string;
}) {
  const classes = useStyles();
  return (
    <Paper
      variant="outlined"
      className={classes.root}
      role={props['aria-label'] ? 'group' : undefined}
      aria-label={props['aria-label']}
    >
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        gridGap={props.dense ? 8 : 16}
        p={props.dense ? 1 : 1.5}
      >
        {props.children}
      </Box>
    </Paper>
  );
}
