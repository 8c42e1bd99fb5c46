import { Fragment } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ReadinessBlocker } from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PrincipalLink } from '../../components/Principal';
import { ReadinessStatusChip } from '../../components/StatusChip';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

const useStyles = makeStyles(
  theme => ({
    path: {
      color: theme.palette.text.secondary,
      marginLeft: theme.spacing(1),
    },
  }),
  { name: 'LockstepBlockerRow' },
);

/** One upstream blocker: its status, name or link, owner, and the path to it when indirect. */
export function BlockerRow({ blocker }: { blocker: ReadinessBlocker }) {
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const name = blocker.title ?? parseEntityRef(blocker.entityRef).name;
  return (
    <Box mb={1}>
      <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
        <ReadinessStatusChip status={blocker.status} />
        {blocker.missing ? (
          <Typography variant="body2" color="error">
            {t('common.notInCatalog', { name })}
          </Typography>
        ) : (
          <EntityRefLink entityRef={blocker.entityRef} />
        )}
        {blocker.owner && (
          <>
            <Typography variant="body2" color="textSecondary">
              {t('readiness.blockers.ownedBy')}
            </Typography>
            <PrincipalLink
              principal={blocker.owner}
              defaultKind="group"
              showIcon
            />
          </>
        )}
        {!blocker.owner && !blocker.missing && (
          <Typography variant="body2" color="textSecondary">
            {t('readiness.blockers.noOwner')}
          </Typography>
        )}
      </Box>
      {blocker.path.length > 2 && (
        <Typography variant="caption" component="div" className={classes.path}>
          {t('readiness.blockers.path')}{' '}
          {blocker.path.map((ref, i) => (
            <Fragment key={ref}>
              {i > 0 && ' → '}
              {i === 0 || i === blocker.path.length - 1 ? (
                parseEntityRef(ref).name
              ) : (
                <EntityRefLink entityRef={ref} hideIcon disableTooltip>
                  {parseEntityRef(ref).name}
                </EntityRefLink>
              )}
            </Fragment>
          ))}
        </Typography>
      )}
    </Box>
  );
}
