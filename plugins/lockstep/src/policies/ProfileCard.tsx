import type { ProfileOverview } from '@lockstep/backstage-plugin-lockstep-common';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PrincipalLink } from '../components/Principal';
import { formatDuration } from '../lib/format';
import { SelectionSummary } from './SelectionSummary';
import { useFilterWords, useListWords } from './words';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

export const usePolicyCardStyles = makeStyles(
  theme => ({
    card: { height: '100%', overflowWrap: 'anywhere' },
    label: {
      display: 'block',
      marginTop: theme.spacing(1.5),
      color: theme.palette.text.secondary,
      textTransform: 'uppercase',
      letterSpacing: '0.04em',
      fontWeight: 500,
    },
    gates: { margin: 0, padding: 0, listStyle: 'none' },
    gate: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'baseline',
      gap: theme.spacing(0.25, 1.5),
      padding: theme.spacing(0.75, 0),
      '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
    },
    gateTitle: { fontWeight: 500, flex: '1 1 12rem' },
    // links in a sentence are told apart by more than their colour
    gateFacts: { flex: '1 1 16rem' },
  }),
  { name: 'LockstepPolicyCard' },
);

/** One readiness profile: what it applies to, its gates and the entities it selects now. */
export function ProfileCard(props: {
  profile: ProfileOverview;
  position: number;
}) {
  const { profile } = props;
  const classes = usePolicyCardStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const filterWords = useFilterWords();
  const list = useListWords();
  const gateKind = (gate: ProfileOverview['gates'][number]) => {
    if (gate.type === 'signoff') return t('policies.profile.signoff');
    return gate.check
      ? t('policies.profile.check', { check: gate.check })
      : t('policies.profile.automatic');
  };
  const subheader = [
    t('policies.profile.id', { id: profile.id }),
    ...(profile.extends.length > 0
      ? [t('policies.profile.extends', { profiles: list.or(profile.extends) })]
      : []),
  ].join(' · ');
  return (
    <InfoCard
      title={t('policies.page.numbered', {
        position: String(props.position),
        title: profile.title,
      })}
      titleTypographyProps={{ component: 'h3' }}
      subheader={subheader}
      className={classes.card}
    >
      <Box data-testid={`profile-${profile.id}`}>
        <Typography variant="caption" component="h4" className={classes.label}>
          {t('policies.profile.filter')}
        </Typography>
        <Typography variant="body2">{filterWords(profile.filter)}</Typography>
        <SelectionSummary selected={profile.selected} />

        <Typography variant="caption" component="h4" className={classes.label}>
          {t('policies.profile.gates')}
        </Typography>
        {profile.gates.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            {t('policies.profile.noGates')}
          </Typography>
        ) : (
          <ul
            className={classes.gates}
            aria-label={t('policies.profile.gateRegion', {
              profile: profile.title,
            })}
          >
            {profile.gates.map(gate => (
              <li
                key={gate.id}
                className={classes.gate}
                data-testid={`gate-${profile.id}-${gate.id}`}
              >
                <Typography variant="body2" className={classes.gateTitle}>
                  {gate.title}
                </Typography>
                <Typography variant="body2" className={classes.gateFacts}>
                  <PrincipalLink
                    principal={gate.team}
                    defaultKind="group"
                    title={gate.teamTitle}
                    underline="always"
                  />
                  {' · '}
                  {gateKind(gate)}
                  {' · '}
                  {gate.required
                    ? t('policies.profile.required')
                    : t('policies.profile.optional')}
                  {gate.validForMs !== undefined && (
                    <>
                      {' · '}
                      {t('policies.profile.validFor', {
                        duration: formatDuration(gate.validForMs),
                      })}
                    </>
                  )}
                </Typography>
              </li>
            ))}
          </ul>
        )}
      </Box>
    </InfoCard>
  );
}
