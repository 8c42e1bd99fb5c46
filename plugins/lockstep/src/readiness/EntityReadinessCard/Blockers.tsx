import { useState } from 'react';
import { ReadinessBlocker } from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { BlockerRow } from './BlockerRow';

const useStyles = makeStyles(
  theme => ({
    section: { marginTop: theme.spacing(2) },
  }),
  { name: 'LockstepBlockers' },
);

const FOLDED_BLOCKERS = 3;

/**
 * The upstream entities that keep this one from being ready, nearest first; long lists fold. What
 * the viewer may not read is said to exist, never named or counted.
 */
export function Blockers({
  blockedBy,
  hidden,
}: {
  blockedBy: ReadinessBlocker[];
  hidden: boolean;
}) {
  const classes = useStyles();
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? blockedBy : blockedBy.slice(0, FOLDED_BLOCKERS);
  const counted =
    blockedBy.length > 0
      ? `${blockedBy.length} upstream ${
          blockedBy.length === 1 ? 'entity' : 'entities'
        }`
      : '';
  return (
    <Box className={classes.section}>
      <Typography variant="subtitle2" gutterBottom>
        {!hidden && `Blocked by ${counted}`}
        {hidden &&
          (counted
            ? `Blocked by ${counted}, and by a dependency you cannot see`
            : 'Blocked by a dependency you cannot see')}
      </Typography>
      {hidden && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          You may not read it, so Lockstep does not name it.
        </Typography>
      )}
      {shown.map(blocker => (
        <BlockerRow key={blocker.entityRef} blocker={blocker} />
      ))}
      {blockedBy.length > FOLDED_BLOCKERS && (
        <Button size="small" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show all ${blockedBy.length} blockers`}
        </Button>
      )}
    </Box>
  );
}
