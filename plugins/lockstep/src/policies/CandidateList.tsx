import { useState } from 'react';
import type { SelectionCandidate } from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { FILLS, FillName } from '../lib/palette';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

const useStyles = makeStyles(
  theme => ({
    list: { margin: theme.spacing(0.5, 0, 0), padding: 0, listStyle: 'none' },
    item: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'baseline',
      gap: theme.spacing(0.5, 1),
      padding: theme.spacing(0.25, 0),
    },
    chip: { height: 20, fontSize: '0.75rem' },
  }),
  { name: 'LockstepCandidateList' },
);

const OUTCOME: Record<
  SelectionCandidate['outcome'],
  {
    label:
      | 'policies.outcome.applies'
      | 'policies.outcome.shadowed'
      | 'policies.outcome.noMatch';
    fill: FillName;
  }
> = {
  applies: { label: 'policies.outcome.applies', fill: 'success' },
  shadowed: { label: 'policies.outcome.shadowed', fill: 'slate' },
  'no-match': { label: 'policies.outcome.noMatch', fill: 'idle' },
};

function Candidates(props: { candidates: SelectionCandidate[] }) {
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <ul className={classes.list}>
      {props.candidates.map(candidate => {
        const look = OUTCOME[candidate.outcome];
        return (
          <li
            key={candidate.id}
            className={classes.item}
            data-testid={`candidate-${candidate.id}`}
          >
            <Chip
              size="small"
              className={classes.chip}
              label={t(look.label)}
              style={{
                backgroundColor: FILLS[look.fill].color,
                color: FILLS[look.fill].contrastText,
              }}
            />
            <Typography variant="body2" component="span">
              <strong>{candidate.title}</strong>
            </Typography>
            <Typography variant="body2" component="span" color="textSecondary">
              {candidate.why}
            </Typography>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Why a profile or policy was chosen: the one that applies and why, the others behind a toggle.
 * When none applies, every one considered with why it does not.
 */
export function CandidateList(props: { candidates: SelectionCandidate[] }) {
  const { t } = useTranslationRef(lockstepTranslationRef);
  const [open, setOpen] = useState(false);
  const applies = props.candidates.filter(c => c.outcome === 'applies');
  const others = props.candidates.filter(c => c.outcome !== 'applies');
  if (applies.length === 0) {
    if (others.length === 0) return null;
    return (
      <Box mt={0.5}>
        <Typography variant="body2" color="textSecondary">
          {t('policies.candidates.whyNone', { count: others.length })}
        </Typography>
        <Candidates candidates={others} />
      </Box>
    );
  }
  return (
    <Box mt={0.5}>
      <Typography variant="body2" color="textSecondary">
        {applies.map(c => c.why).join(' ')}
      </Typography>
      {others.length > 0 && (
        <>
          <Link
            component="button"
            variant="body2"
            aria-expanded={open}
            onClick={() => setOpen(o => !o)}
          >
            {open
              ? t('policies.candidates.hide')
              : t('policies.candidates.show', { count: others.length })}
          </Link>
          {open && <Candidates candidates={others} />}
        </>
      )}
    </Box>
  );
}
