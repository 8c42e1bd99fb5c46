import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';

/** A row of filters and switches above a view, wrapping on narrow screens. */
export function Toolbar(props: { children: ReactNode }) {
  return (
    <Paper variant="outlined">
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        gridGap={16}
        p={1.5}
      >
        {props.children}
      </Box>
    </Paper>
  );
}
