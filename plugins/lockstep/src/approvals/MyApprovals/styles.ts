import { makeStyles } from '@material-ui/core/styles';
import { surfacesOf } from '../../lib/palette';

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
    // on the page's own background, where the theme's secondary text is below AA
    intro: { color: surfacesOf(theme).pageSubtext },
  }),
  { name: 'LockstepMyApprovals' },
);
