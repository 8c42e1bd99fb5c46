import {
  ApproverStage,
  OWNER_APPROVER,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PrincipalLink } from '../components/Principal';
import { PeopleLinks } from './PeopleLinks';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

const useStyles = makeStyles(
  theme => ({
    stages: { margin: 0, padding: 0, listStyle: 'none' },
    stage: {
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
      '& + &': { marginTop: theme.spacing(1) },
    },
    stageHeader: {
      padding: theme.spacing(0.5, 1.5),
      backgroundColor: theme.palette.background.default,
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
    rule: {
      padding: theme.spacing(0.75, 1.5),
      '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
    },
    group: { fontWeight: 500 },
  }),
  { name: 'LockstepApproverStages' },
);

/** A rule's group: a link to the team (or person), or the owner placeholder of a policy in words. */
export function ApproverGroup(props: { group: string; title?: string }) {
  const { t } = useTranslationRef(lockstepTranslationRef);
  if (props.group.toLocaleLowerCase('en-US') === OWNER_APPROVER) {
    return <>{t('policies.stage.owner')}</>;
  }
  return (
    <PrincipalLink
      principal={props.group}
      defaultKind="group"
      title={props.title}
      underline="always"
    />
  );
}

/**
 * Who approves, stage by stage in order: each rule's group, how many of it must approve and the
 * people who can (as the caller may see them).
 */
export function ApproverStages(props: { stages: ApproverStage[] }) {
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <ol className={classes.stages}>
      {props.stages.map((stage, index) => (
        <li
          key={`${index}-${stage.name}`}
          className={classes.stage}
          aria-label={t('policies.stage.region', {
            stage: String(index + 1),
            name: stage.name,
          })}
        >
          <Box className={classes.stageHeader}>
            <Typography variant="subtitle2" component="div">
              {t('policies.stage.heading', {
                stage: String(index + 1),
                name: stage.name,
              })}
            </Typography>
          </Box>
          {stage.rules.map((rule, r) => (
            <Box key={`${r}-${rule.group}`} className={classes.rule}>
              <Typography variant="body2" className={classes.group}>
                {t('policies.stage.from', {
                  approvals: t('policies.stage.approvals', {
                    count: rule.minApprovals,
                  }),
                  group: (
                    <ApproverGroup group={rule.group} title={rule.groupTitle} />
                  ),
                })}
              </Typography>
              {rule.group.toLocaleLowerCase('en-US') !== OWNER_APPROVER && (
                <Typography variant="body2" color="textSecondary">
                  {rule.members.length > 0 ? (
                    <>
                      {t('policies.stage.members')}{' '}
                      <PeopleLinks people={rule.members} />
                    </>
                  ) : (
                    t('policies.stage.noMembers')
                  )}
                </Typography>
              )}
            </Box>
          ))}
        </li>
      ))}
    </ol>
  );
}
