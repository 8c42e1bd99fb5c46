import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  useEntity,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import type {
  EntityPolicies,
  EnvironmentPolicy,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { FILLS } from '../lib/palette';
import { CandidateList } from './CandidateList';
import { DryRunDetails } from './DryRunDetails';
import { useEntityPolicies } from './useEntityPolicies';
import { usePoliciesLink } from './usePoliciesLink';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

const useStyles = makeStyles(
  theme => ({
    root: { overflowWrap: 'anywhere' },
    section: {
      '& + &': {
        marginTop: theme.spacing(2),
        paddingTop: theme.spacing(2),
        borderTop: `1px solid ${theme.palette.divider}`,
      },
    },
    environment: {
      marginTop: theme.spacing(1.5),
      padding: theme.spacing(1, 1.5),
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
    },
    environmentHeader: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      justifyContent: 'space-between',
      gap: theme.spacing(1),
      marginBottom: theme.spacing(0.5),
    },
    chip: { height: 20, fontSize: '0.75rem', maxWidth: '100%' },
    label: {
      color: theme.palette.text.secondary,
      textTransform: 'uppercase',
      letterSpacing: '0.04em',
      fontWeight: 500,
    },
  }),
  { name: 'LockstepEntityPoliciesCard' },
);

function ProfileSection(props: { policies: EntityPolicies }) {
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const { profile, profileCandidates } = props.policies;
  return (
    <Box
      className={classes.section}
      component="section"
      aria-label={t('policies.card.readiness')}
    >
      <Typography variant="caption" component="h3" className={classes.label}>
        {t('policies.card.readiness')}
      </Typography>
      {profile ? (
        <Typography variant="body1" data-testid="applied-profile">
          <strong>
            {t('policies.card.profile', {
              title: profile.title,
              id: profile.id,
            })}
          </strong>
          {profile.selectedBy === 'annotation' && (
            <Typography component="span" variant="body2" color="textSecondary">
              {' · '}
              {t('policies.card.byAnnotation')}
            </Typography>
          )}
        </Typography>
      ) : (
        <Typography variant="body1" data-testid="applied-profile">
          {t('policies.card.noProfile')}
        </Typography>
      )}
      {profile?.note && (
        <Typography variant="body2" color="textSecondary">
          {profile.note}
        </Typography>
      )}
      <CandidateList candidates={profileCandidates} />
    </Box>
  );
}

function EnvironmentBox(props: { run: EnvironmentPolicy }) {
  const { run } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const fill = run.requestable ? FILLS.success : FILLS.neutral;
  return (
    <Box
      className={classes.environment}
      component="section"
      aria-label={t('policies.card.environment', {
        environment: run.environment,
      })}
      data-testid={`environment-${run.environment}`}
    >
      <Box className={classes.environmentHeader}>
        <Typography variant="subtitle2" component="h4">
          {run.environment}
        </Typography>
        <Chip
          size="small"
          className={classes.chip}
          label={
            run.requestable
              ? t('policies.dryRun.requestable')
              : t('policies.dryRun.notRequestable')
          }
          style={{ backgroundColor: fill.color, color: fill.contrastText }}
        />
      </Box>
      <DryRunDetails run={run} />
    </Box>
  );
}

/**
 * Overview card "Rules that apply": the readiness profile of the entity and why, and for every
 * environment a policy names the policy that would decide a request by the viewer and why, who
 * would approve in which order, and what the entity's annotation added. Links to the Policies page.
 */
export function EntityPoliciesCard(props: { title?: string }) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { primaryTitle } = useEntityPresentation(entity);
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const policiesLink = usePoliciesLink();
  const loaded = useEntityPolicies(entityRef);
  const policies = loaded.value;

  return (
    <InfoCard
      title={props.title ?? t('policies.card.title')}
      titleTypographyProps={{ component: 'h2' }}
      subheader={t('policies.card.subheader', { entity: primaryTitle })}
      deepLink={
        policiesLink
          ? { title: t('policies.card.deepLink'), link: policiesLink }
          : undefined
      }
      className={classes.root}
    >
      {loaded.loading && !policies && <Progress />}
      {loaded.error && !policies && (
        <ResponseErrorPanel
          error={loaded.error}
          title={t('policies.card.loadFailed')}
        />
      )}
      {policies && (
        <>
          <ProfileSection policies={policies} />
          <Box
            className={classes.section}
            component="section"
            aria-label={t('policies.card.approvals')}
          >
            <Typography
              variant="caption"
              component="h3"
              className={classes.label}
            >
              {t('policies.card.approvals')}
            </Typography>
            {policies.environments.length === 0 && (
              <Typography variant="body2" color="textSecondary">
                {t('policies.card.noEnvironments')}
              </Typography>
            )}
            {policies.environments.map(run => (
              <EnvironmentBox key={run.environment} run={run} />
            ))}
          </Box>
        </>
      )}
    </InfoCard>
  );
}
