import {
  gatePasses,
  ReadinessGate,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PrincipalLink } from '../../components/Principal';
import { GateAction } from '../GateActionDialog';
import { GateRow } from './GateRow';
import { useTeamLabel } from './useTeamLabel';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

const useStyles = makeStyles(
  theme => ({
    team: {
      marginTop: theme.spacing(2),
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
    },
    teamHeader: {
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'space-between',
      padding: theme.spacing(1, 1.5),
      backgroundColor: theme.palette.background.default,
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
  }),
  { name: 'LockstepTeamGates' },
);

/** The gates one team owns, how many pass, and whether the viewer is a member. */
export function TeamGates(props: {
  team: string;
  gates: ReadinessGate[];
  isMember: boolean;
  onAction(gate: ReadinessGate, action: GateAction): void;
}) {
  const { team, gates, isMember } = props;
  const classes = useStyles();
  const teamLabel = useTeamLabel(team);
  const { t } = useTranslationRef(lockstepTranslationRef);
  const passing = gates.filter(gate => gatePasses(gate.status)).length;
  return (
    <Box
      className={classes.team}
      component="section"
      aria-label={t('readiness.team.gatesOf', { team: teamLabel })}
    >
      <Box className={classes.teamHeader}>
        <Typography variant="subtitle2" component="h3">
          <PrincipalLink principal={team} defaultKind="group" showIcon />
          {isMember && (
            <Typography
              component="span"
              variant="caption"
              color="textSecondary"
            >
              {' '}
              {t('readiness.team.member')}
            </Typography>
          )}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {t('readiness.team.passing', {
            passing: String(passing),
            total: String(gates.length),
          })}
        </Typography>
      </Box>
      {gates.map(gate => (
        <GateRow
          key={gate.id}
          gate={gate}
          isMember={isMember}
          teamLabel={teamLabel}
          onAction={props.onAction}
        />
      ))}
    </Box>
  );
}
