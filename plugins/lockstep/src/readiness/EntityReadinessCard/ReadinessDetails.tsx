import {
  EntityReadiness,
  gatePasses,
  ReadinessGate,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { ReadinessStatusChip } from '../../components/StatusChip';
import { formatTimestamp, relativeTime } from '../../lib/format';
import { GateAction } from '../GateActionDialog';
import { Blockers } from './Blockers';
import { TeamGates } from './TeamGates';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../../translation';

const useStyles = makeStyles(
  theme => ({
    section: { marginTop: theme.spacing(2) },
  }),
  { name: 'LockstepReadinessDetails' },
);

/**
 * The status and why, the profile and when the checks ran, what blocks the entity upstream, and
 * its gates by owning team, teams with something to do first.
 */
export function ReadinessDetails(props: {
  readiness: EntityReadiness;
  isMember(teamRef: string): boolean;
  onAction(gate: ReadinessGate, action: GateAction): void;
}) {
  const { readiness } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const teams: Array<{ team: string; gates: ReadinessGate[] }> = [];
  for (const gate of readiness.gates) {
    const group = teams.find(entry => entry.team === gate.team);
    if (group) group.gates.push(gate);
    else teams.push({ team: gate.team, gates: [gate] });
  }
  // Teams with something to do first: a required gate not passing, then an optional one.
  const attention = (gates: ReadinessGate[]) => {
    if (gates.some(g => g.required && !gatePasses(g.status))) return 0;
    return gates.some(g => !gatePasses(g.status)) ? 1 : 2;
  };
  teams.sort((a, b) => attention(a.gates) - attention(b.gates));

  return (
    <>
      <Box display="flex" alignItems="center" gridGap={12} flexWrap="wrap">
        <ReadinessStatusChip status={readiness.status} size="medium" />
        <Typography variant="body1" data-testid="readiness-reason">
          {readiness.reason}
        </Typography>
      </Box>
      <Box mt={1}>
        <Typography variant="body2" color="textSecondary">
          {readiness.profile
            ? t(
                readiness.profile.selectedBy === 'annotation'
                  ? 'readiness.card.profileByAnnotation'
                  : 'readiness.card.profile',
                { profile: <strong>{readiness.profile.title}</strong> },
              )
            : t('readiness.card.noProfile')}
          {readiness.evaluatedAt && (
            <>
              {' · '}
              <Tooltip title={formatTimestamp(readiness.evaluatedAt)}>
                <span>
                  {t('readiness.card.evaluated', {
                    when: relativeTime(readiness.evaluatedAt),
                  })}
                </span>
              </Tooltip>
            </>
          )}
        </Typography>
      </Box>
      {readiness.profile?.note && (
        <Alert severity="info" className={classes.section}>
          {readiness.profile.note}
        </Alert>
      )}

      {(readiness.blockedBy.length > 0 || readiness.hiddenBlockers) && (
        <Blockers
          blockedBy={readiness.blockedBy}
          hidden={readiness.hiddenBlockers ?? false}
        />
      )}

      {teams.map(({ team, gates }) => (
        <TeamGates
          key={team}
          team={team}
          gates={gates}
          isMember={props.isMember(team)}
          onAction={props.onAction}
        />
      ))}
    </>
  );
}
