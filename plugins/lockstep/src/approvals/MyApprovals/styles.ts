import { makeStyles } from '@material-ui/core/styles';

/** The classes of My approvals and its parts, under one name for theme overrides. */
export const useStyles = makeStyles(
  theme => ({
    waited: { fontWeight: 500 },
    title: { fontWeight: 500, textAlign: 'left' },
    actions: {
      display: 'flex',
      gap: theme.spacing(1),
      justifyContent: 'flex-end',
      '& button': { whiteSpace: 'nowrap' },
    },
    // under a card on a phone: two buttons sharing the card's width
    blockActions: { width: '100%', '& button': { flex: 1 } },
    tabs: { marginBottom: theme.spacing(2) },
    list: { outline: 'none' },
  }),
  { name: 'LockstepMyApprovals' },
);
