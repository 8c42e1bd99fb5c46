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
  const passing = gates.filter(gate => gatePasses(gate.status)).length;
  return (
    <Box
      className={classes.team}
      component="section"
      aria-label={`Gates of ${teamLabel}`}
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
              · you are a member
            </Typography>
          )}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {passing} of {gates.length} passing
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
