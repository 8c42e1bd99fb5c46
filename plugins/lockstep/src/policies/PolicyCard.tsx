import type { PolicyOverview } from '@lockstep/backstage-plugin-lockstep-common';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { ApproverStages } from './ApproverStages';
import { PolicyFlags } from './PolicyFlags';
import { usePolicyCardStyles } from './ProfileCard';
import { SelectionSummary } from './SelectionSummary';
import { useFilterWords } from './words';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/**
 * One approval policy: the environments it covers, what it applies to, its stages of approvers in
 * order, its settings in words and the entities it selects now.
 */
export function PolicyCard(props: {
  policy: PolicyOverview;
  position: number;
}) {
  const { policy } = props;
  const classes = usePolicyCardStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const filterWords = useFilterWords();
  return (
    <InfoCard
      title={t('policies.page.numbered', {
        position: String(props.position),
        title: policy.title,
      })}
      titleTypographyProps={{ component: 'h3' }}
      subheader={t('policies.policy.id', { id: policy.id })}
      className={classes.card}
    >
      <Box data-testid={`policy-${policy.id}`}>
        <Typography variant="caption" component="h4" className={classes.label}>
          {t('policies.policy.environments')}
        </Typography>
        {policy.environments.length === 0 ? (
          <Typography variant="body2">
            {t('policies.policy.everyEnvironment')}
          </Typography>
        ) : (
          <Box display="flex" flexWrap="wrap" gridGap={4}>
            {policy.environments.map(environment => (
              <Chip
                key={environment}
                size="small"
                variant="outlined"
                label={environment}
                style={{ maxWidth: '100%' }}
              />
            ))}
          </Box>
        )}

        <Typography variant="caption" component="h4" className={classes.label}>
          {t('policies.policy.filter')}
        </Typography>
        <Typography variant="body2">{filterWords(policy.filter)}</Typography>
        <SelectionSummary selected={policy.selected} />

        <Typography variant="caption" component="h4" className={classes.label}>
          {t('policies.policy.stages')}
        </Typography>
        {policy.stages.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            {t('policies.policy.noStages')}
          </Typography>
        ) : (
          <>
            <Typography variant="body2" color="textSecondary" gutterBottom>
              {t('policies.policy.stagesHint')}
            </Typography>
            <ApproverStages stages={policy.stages} />
          </>
        )}

        <Typography variant="caption" component="h4" className={classes.label}>
          {t('policies.policy.rules')}
        </Typography>
        <PolicyFlags
          requesterCannotApprove={policy.requesterCannotApprove}
          rejectReasonRequired={policy.rejectReasonRequired}
          requireReadiness={policy.requireReadiness}
          expiresAfterMs={policy.expiresAfterMs}
        />
      </Box>
    </InfoCard>
  );
}
