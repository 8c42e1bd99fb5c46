import { Fragment, useEffect, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  useEntity,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import {
  EntityReadiness,
  gatePasses,
  ReadinessBlocker,
  ReadinessGate,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import HistoryIcon from '@material-ui/icons/History';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import { lockstepApiRef } from '../api';
import { PrincipalLink } from '../components/Principal';
import { useLiveAsync } from '../hooks/useLiveAsync';
import { useReadinessChanges } from '../hooks/useReadinessChanges';
import { describeError } from '../lib/errors';
import {
  durationSince,
  formatDate,
  formatTimestamp,
  relativeTime,
} from '../lib/format';
import { GateAction, GateActionDialog } from './GateActionDialog';
import { ReadinessHistoryDialog } from './ReadinessHistoryDialog';
import { GateStatusChip, ReadinessStatusChip } from '../components/StatusChip';
import { useTeamMembership } from './useTeamMembership';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
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
  gate: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1, 1.5),
    '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
  },
  gateState: { flex: '0 0 150px', paddingTop: 2 },
  gateBody: { flex: 1, minWidth: 0 },
  gateActions: { display: 'flex', gap: theme.spacing(1), flexShrink: 0 },
  wait: { color: theme.palette.warning.dark, fontWeight: 500 },
  path: { color: theme.palette.text.secondary, marginLeft: theme.spacing(1) },
}));

/** A team's name as the catalog presents it (title or display name), for sentences. */
function useTeamLabel(teamRef: string) {
  const { primaryTitle } = useEntityPresentation(teamRef, {
    defaultKind: 'group',
  });
  return `team ${primaryTitle}`;
}

/**
 * Overview card: the entity's readiness status and why, its gates by owning team (with sign-off and
 * revocation for members of that team), what blocks it upstream, a refresh and the history. It
 * reloads quietly when the backend signals a readiness change.
 */
export function EntityReadinessCard(props: { title?: string }) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(lockstepApiRef);
  const alertApi = useApi(alertApiRef);
  const membership = useTeamMembership();

  const changes = useReadinessChanges();
  const loaded = useLiveAsync(
    () => api.getReadiness(entityRef),
    [api, entityRef],
    changes,
  );
  // A sign-off, revocation or refresh answers with the new readiness; it replaces what was loaded
  // until the next load.
  const [latest, setLatest] = useState<EntityReadiness>();
  useEffect(() => setLatest(undefined), [entityRef, loaded.value]);
  const readiness = latest ?? loaded.value;

  const [refreshing, refresh] = useAsyncFn(async () => {
    const next = await api.refreshReadiness(entityRef);
    setLatest(next);
    return next;
  }, [api, entityRef]);

  const [dialog, setDialog] = useState<
    { gate: ReadinessGate; action: GateAction } | undefined
  >();
  const [showHistory, setShowHistory] = useState(false);

  const actions = readiness && (
    <Box display="flex" alignItems="center">
      <Tooltip title="Re-run the checks now">
        <span>
          <IconButton
            aria-label="Refresh readiness"
            onClick={refresh}
            disabled={refreshing.loading}
            size="small"
          >
            <RefreshIcon />
          </IconButton>
        </span>
      </Tooltip>
      <Button
        size="small"
        startIcon={<HistoryIcon />}
        onClick={() => setShowHistory(true)}
      >
        History
      </Button>
    </Box>
  );

  return (
    <InfoCard
      title={props.title ?? 'Readiness'}
      titleTypographyProps={{ component: 'h2' }}
      action={actions}
    >
      {loaded.loading && !readiness && <Progress />}
      {loaded.error && !readiness && (
        <ResponseErrorPanel error={loaded.error} />
      )}
      {refreshing.loading && <Progress />}
      {refreshing.error && (
        <Alert severity="error" style={{ marginBottom: 8 }}>
          Could not re-run the checks: {describeError(refreshing.error).message}
        </Alert>
      )}
      {readiness && (
        <ReadinessDetails
          readiness={readiness}
          isMember={membership.loading ? () => false : membership.isMember}
          onAction={(gate, action) => setDialog({ gate, action })}
        />
      )}
      {dialog && readiness && (
        <TeamGateActionDialog
          entityRef={entityRef}
          gate={dialog.gate}
          action={dialog.action}
          onClose={() => setDialog(undefined)}
          onDone={next => {
            setLatest(next);
            setDialog(undefined);
            alertApi.post({
              message:
                dialog.action === 'revoke'
                  ? `Revoked the sign-off of ${dialog.gate.title}`
                  : `Signed off ${dialog.gate.title}`,
              severity: 'success',
              display: 'transient',
            });
          }}
        />
      )}
      {showHistory && readiness && (
        <ReadinessHistoryDialog
          entityRef={entityRef}
          gates={readiness.gates}
          onClose={() => setShowHistory(false)}
        />
      )}
    </InfoCard>
  );
}

function TeamGateActionDialog(
  props: Omit<Parameters<typeof GateActionDialog>[0], 'teamLabel'>,
) {
  const teamLabel = useTeamLabel(props.gate.team);
  return <GateActionDialog {...props} teamLabel={teamLabel} />;
}

function ReadinessDetails(props: {
  readiness: EntityReadiness;
  isMember(teamRef: string): boolean;
  onAction(gate: ReadinessGate, action: GateAction): void;
}) {
  const { readiness } = props;
  const classes = useStyles();
  const teams: Array<{ team: string; gates: ReadinessGate[] }> = [];
  for (const gate of readiness.gates) {
    const group = teams.find(t => t.team === gate.team);
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
          {readiness.profile ? (
            <>
              Profile: <strong>{readiness.profile.title}</strong>
              {readiness.profile.selectedBy === 'annotation'
                ? ' (chosen by annotation)'
                : ''}
            </>
          ) : (
            'No readiness profile applies to this entity.'
          )}
          {readiness.evaluatedAt && (
            <>
              {' · '}
              <Tooltip title={formatTimestamp(readiness.evaluatedAt)}>
                <span>
                  Checks evaluated {relativeTime(readiness.evaluatedAt)}
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

const FOLDED_BLOCKERS = 3;

/**
 * The upstream entities that keep this one from being ready, nearest first; long lists fold. What
 * the viewer may not read is said to exist, never named or counted.
 */
function Blockers({
  blockedBy,
  hidden,
}: {
  blockedBy: ReadinessBlocker[];
  hidden: boolean;
}) {
  const classes = useStyles();
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? blockedBy : blockedBy.slice(0, FOLDED_BLOCKERS);
  const counted =
    blockedBy.length > 0
      ? `${blockedBy.length} upstream ${
          blockedBy.length === 1 ? 'entity' : 'entities'
        }`
      : '';
  return (
    <Box className={classes.section}>
      <Typography variant="subtitle2" gutterBottom>
        {!hidden && `Blocked by ${counted}`}
        {hidden &&
          (counted
            ? `Blocked by ${counted}, and by a dependency you cannot see`
            : 'Blocked by a dependency you cannot see')}
      </Typography>
      {hidden && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          You may not read it, so Lockstep does not name it.
        </Typography>
      )}
      {shown.map(blocker => (
        <BlockerRow key={blocker.entityRef} blocker={blocker} />
      ))}
      {blockedBy.length > FOLDED_BLOCKERS && (
        <Button size="small" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show all ${blockedBy.length} blockers`}
        </Button>
      )}
    </Box>
  );
}

function BlockerRow({ blocker }: { blocker: ReadinessBlocker }) {
  const classes = useStyles();
  const name = blocker.title ?? parseEntityRef(blocker.entityRef).name;
  return (
    <Box mb={1}>
      <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
        <ReadinessStatusChip status={blocker.status} />
        {blocker.missing ? (
          <Typography variant="body2" color="error">
            {name} (not in the catalog)
          </Typography>
        ) : (
          <EntityRefLink entityRef={blocker.entityRef} />
        )}
        {blocker.owner && (
          <>
            <Typography variant="body2" color="textSecondary">
              owned by
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
            no owner
          </Typography>
        )}
      </Box>
      {blocker.path.length > 2 && (
        <Typography variant="caption" component="div" className={classes.path}>
          path:{' '}
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

function TeamGates(props: {
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

function GateRow(props: {
  gate: ReadinessGate;
  isMember: boolean;
  teamLabel: string;
  onAction(gate: ReadinessGate, action: GateAction): void;
}) {
  const { gate, isMember, teamLabel } = props;
  const classes = useStyles();
  const passes = gatePasses(gate.status);
  const isSignoff = gate.type === 'signoff';
  const signed = isSignoff && !!gate.signedBy && passes;
  return (
    <Box className={classes.gate} data-testid={`gate-${gate.id}`}>
      <Box className={classes.gateState}>
        <GateStatusChip status={gate.status} />
      </Box>
      <Box className={classes.gateBody}>
        <Box display="flex" alignItems="center" gridGap={6} flexWrap="wrap">
          <Typography variant="body2" style={{ fontWeight: 500 }}>
            {gate.title}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {isSignoff ? 'sign-off' : 'automatic check'}
          </Typography>
          {!gate.required && (
            <Chip size="small" variant="outlined" label="optional" />
          )}
        </Box>
        {gate.detail && (
          <Typography variant="body2" color="textSecondary">
            {gate.detail}
          </Typography>
        )}
        {isSignoff && gate.signedBy && (
          <Typography variant="body2" color="textSecondary">
            Signed by{' '}
            <PrincipalLink principal={gate.signedBy} defaultKind="service" />
            {gate.signedAt && (
              <Tooltip title={formatTimestamp(gate.signedAt)}>
                <span> {relativeTime(gate.signedAt)}</span>
              </Tooltip>
            )}
            {gate.version && ` · version ${gate.version}`}
            {gate.expiresAt &&
              ` · ${
                Date.parse(gate.expiresAt) > Date.now() ? 'expires' : 'expired'
              } ${relativeTime(gate.expiresAt)} (${formatDate(
                gate.expiresAt,
              )})`}
          </Typography>
        )}
        {isSignoff && gate.comment && (
          <Typography variant="body2" color="textSecondary">
            “{gate.comment}”
          </Typography>
        )}
        {!passes && gate.since && (
          <Typography variant="body2" className={classes.wait}>
            <Tooltip title={`Since ${formatTimestamp(gate.since)}`}>
              <span>waiting {durationSince(gate.since)}</span>
            </Tooltip>
          </Typography>
        )}
        {isSignoff && !passes && !isMember && (
          <Typography variant="caption" color="textSecondary">
            Needs a sign-off from a member of {teamLabel}.
          </Typography>
        )}
      </Box>
      {isSignoff && isMember && (
        <Box className={classes.gateActions}>
          {gate.status !== 'passed' && (
            <Button
              size="small"
              variant="outlined"
              color="primary"
              onClick={() => props.onAction(gate, 'signoff')}
              aria-label={`Sign off ${gate.title}`}
            >
              Sign off
            </Button>
          )}
          {signed && (
            <Button
              size="small"
              onClick={() => props.onAction(gate, 'revoke')}
              aria-label={`Revoke ${gate.title}`}
            >
              Revoke
            </Button>
          )}
        </Box>
      )}
    </Box>
  );
}
