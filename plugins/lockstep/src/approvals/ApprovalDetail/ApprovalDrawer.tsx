import Drawer from '@material-ui/core/Drawer';
import { makeStyles } from '@material-ui/core/styles';
import { ApprovalDetail } from './ApprovalDetail';
import { useRequestParam } from './useRequestParam';

const useStyles = makeStyles(
  {
    paper: { width: 'min(720px, 100vw)' },
  },
  { name: 'LockstepApprovalDrawer' },
);

/**
 * The request named by `?request=<id>` in a side drawer, so that a link (a notification, a chat
 * message) opens it directly and the browser's back button closes it.
 */
export function ApprovalDrawer(props: { onChanged?(): void }) {
  const classes = useStyles();
  const [id, open] = useRequestParam();
  const close = () => open(undefined);
  return (
    <Drawer
      anchor="right"
      open={!!id}
      onClose={close}
      classes={{ paper: classes.paper }}
    >
      {id && (
        <ApprovalDetail id={id} onClose={close} onChanged={props.onChanged} />
      )}
    </Drawer>
  );
}
