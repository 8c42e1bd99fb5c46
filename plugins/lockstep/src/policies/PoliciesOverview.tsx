import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  APPROVERS_ANNOTATION,
  READINESS_PROFILE_ANNOTATION,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { lockstepApiRef } from '../api';
import { Contained } from '../components/Contained';
import { PolicyCard } from './PolicyCard';
import { ProfileCard } from './ProfileCard';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';
import { surfacesOf } from '../lib/palette';

const useStyles = makeStyles(
  theme => ({
    root: { overflowWrap: 'anywhere' },
    section: { marginTop: theme.spacing(4) },
    sectionHeader: { marginBottom: theme.spacing(2) },
    subtext: { color: surfacesOf(theme).pageSubtext },
    code: {
      fontFamily: 'monospace',
      fontSize: '0.9em',
      padding: theme.spacing(0, 0.5),
      borderRadius: theme.shape.borderRadius,
      backgroundColor: theme.palette.action.hover,
    },
  }),
  { name: 'LockstepPolicies' },
);

function Section(props: {
  id: string;
  title: string;
  count: number;
  hint: string;
  empty: string;
  children: ReactNode;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <Box
      component="section"
      className={classes.section}
      aria-labelledby={`lockstep-${props.id}-heading`}
    >
      <Box className={classes.sectionHeader}>
        <Typography
          variant="h5"
          component="h2"
          id={`lockstep-${props.id}-heading`}
        >
          {props.title}{' '}
          <Typography component="span" variant="h6" className={classes.subtext}>
            {t('policies.page.count', { total: String(props.count) })}
          </Typography>
        </Typography>
        <Typography variant="body2" className={classes.subtext}>
          {props.count > 0 ? props.hint : props.empty}
        </Typography>
      </Box>
      {props.count > 0 && (
        <Grid container spacing={2} alignItems="stretch">
          {props.children}
        </Grid>
      )}
    </Box>
  );
}

/**
 * Every readiness profile and approval policy in the order they are tried, with what each applies
 * to now, its gates or its approvers, and how the first match wins.
 */
export function PoliciesOverview() {
  const api = useApi(lockstepApiRef);
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const loaded = useAsync(() => api.getPolicies(), [api]);

  if (loaded.loading) return <Progress />;
  if (loaded.error || !loaded.value) {
    return (
      <ResponseErrorPanel
        error={loaded.error ?? new Error('No answer')}
        title={t('policies.page.loadFailed')}
      />
    );
  }
  const { profiles, policies } = loaded.value;
  const code = (text: string) => <code className={classes.code}>{text}</code>;

  return (
    <Box className={classes.root}>
      <Alert severity="info" role="note">
        <AlertTitle>{t('policies.page.introTitle')}</AlertTitle>
        <Typography variant="body2" paragraph>
          {t('policies.page.intro')}
        </Typography>
        <Typography variant="body2">
          {t('policies.page.annotations', {
            profileAnnotation: code(READINESS_PROFILE_ANNOTATION),
            approversAnnotation: code(APPROVERS_ANNOTATION),
          })}
        </Typography>
      </Alert>

      <Section
        id="profiles"
        title={t('policies.page.profiles')}
        count={profiles.length}
        hint={`${t('policies.page.profilesHint')} ${t(
          'policies.selection.hint',
        )}`}
        empty={t('policies.page.noProfiles')}
      >
        {profiles.map((profile, i) => (
          <Grid item xs={12} lg={6} key={profile.id}>
            <Contained what={profile.title} resetKey={profile}>
              <ProfileCard profile={profile} position={i + 1} />
            </Contained>
          </Grid>
        ))}
      </Section>

      <Section
        id="approval-policies"
        title={t('policies.page.policies')}
        count={policies.length}
        hint={`${t('policies.page.policiesHint')} ${t(
          'policies.selection.hint',
        )}`}
        empty={t('policies.page.noPolicies')}
      >
        {policies.map((policy, i) => (
          <Grid item xs={12} lg={6} key={policy.id}>
            <Contained what={policy.title} resetKey={policy}>
              <PolicyCard policy={policy} position={i + 1} />
            </Contained>
          </Grid>
        ))}
      </Section>
    </Box>
  );
}
