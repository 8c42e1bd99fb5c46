import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(
  theme => ({
    // out of sight until the keyboard reaches it, then over what follows it
    link: {
      position: 'absolute',
      width: 1,
      height: 1,
      overflow: 'hidden',
      clip: 'rect(0 0 0 0)',
      whiteSpace: 'nowrap',
      '&:focus': {
        clip: 'auto',
        width: 'auto',
        height: 'auto',
        zIndex: theme.zIndex.tooltip,
        padding: theme.spacing(1, 2),
        background: theme.palette.background.paper,
        color: theme.palette.text.primary,
        boxShadow: theme.shadows[4],
        borderRadius: theme.shape.borderRadius,
        outline: `2px solid ${theme.palette.primary.main}`,
      },
    },
  }),
  { name: 'LockstepSkipLink' },
);

/** A link for keyboard users past a long run of focus stops; `onSkip` moves the focus. */
export function SkipLink(props: {
  target: string;
  onSkip(): void;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <a
      className={classes.link}
      href={`#${props.target}`}
      onClick={event => {
        event.preventDefault();
        props.onSkip();
      }}
    >
      {props.children}
    </a>
  );
}
