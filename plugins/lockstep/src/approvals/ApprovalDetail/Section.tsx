import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Contained } from '../../components/Contained';

const useStyles = makeStyles(
  theme => ({
    section: { marginTop: theme.spacing(3) },
    sectionTitle: { marginBottom: theme.spacing(1) },
  }),
  { name: 'LockstepSection' },
);

/** A titled part of the request; one that fails to render says so and leaves the others. */
export function Section(props: {
  title: string;
  /** The section in a sentence, for when it fails: "the audit trail". */
  what: string;
  action?: ReactNode;
  children: ReactNode;
  resetKey?: unknown;
}) {
  const classes = useStyles();
  return (
    <Box
      className={classes.section}
      component="section"
      aria-label={props.title}
    >
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        className={classes.sectionTitle}
      >
        <Typography variant="h6" component="h3">
          {props.title}
        </Typography>
        {props.action}
      </Box>
      <Contained what={props.what} resetKey={props.resetKey}>
        {props.children}
      </Contained>
    </Box>
  );
}
