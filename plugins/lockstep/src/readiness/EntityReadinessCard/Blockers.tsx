import { useState } from 'react';
import { ReadinessBlocker } from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { BlockerRow } from './BlockerRow';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

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
  const { t } = useTranslationRef(lockstepTranslationRef);
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? blockedBy : blockedBy.slice(0, FOLDED_BLOCKERS);
  const count = blockedBy.length;
  let heading: string;
  if (!hidden) heading = t('readiness.blockers.blockedBy', { count });
  else if (count > 0)
    heading = t('readiness.blockers.blockedByAndHidden', { count });
  else heading = t('readiness.blockers.blockedByHidden');
  return (
    <Box className={classes.section}>
      <Typography variant="subtitle2" gutterBottom>
        {heading}
      </Typography>
      {hidden && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {t('readiness.blockers.hiddenNote')}
        </Typography>
      )}
      {shown.map(blocker => (
        <BlockerRow key={blocker.entityRef} blocker={blocker} />
      ))}
      {blockedBy.length > FOLDED_BLOCKERS && (
        <Button size="small" onClick={() => setExpanded(!expanded)}>
          {expanded
            ? t('readiness.blockers.showFewer')
            : t('readiness.blockers.showAll', { total: String(count) })}
        </Button>
      )}
    </Box>
  );
}
