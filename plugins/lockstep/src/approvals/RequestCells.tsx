import { ApprovalRequestView } from '@lockstep/backstage-plugin-lockstep-common';
import Link from '@material-ui/core/Link';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatTimestamp, relativeTime } from '../lib/format';

const useStyles = makeStyles(
  { title: { fontWeight: 500, textAlign: 'left' } },
  { name: 'LockstepRequestTitle' },
);

/** When a request was made, relative, with the date in a tooltip. */
export function CreatedText({ request }: { request: ApprovalRequestView }) {
  return (
    <Tooltip title={formatTimestamp(request.createdAt)}>
      <Typography variant="body2" component="span">
        {relativeTime(request.createdAt)}
      </Typography>
    </Tooltip>
  );
}

/** A request's title, which opens it, over its version. */
export function RequestTitle(props: {
  request: ApprovalRequestView;
  onOpen(): void;
}) {
  const classes = useStyles();
  return (
    <>
      <Link
        component="button"
        variant="body2"
        className={classes.title}
        onClick={e => {
          e.stopPropagation();
          props.onOpen();
        }}
      >
        {props.request.title}
      </Link>
      <Typography variant="body2" color="textSecondary">
        {props.request.version}
      </Typography>
    </>
  );
}
