import { Fragment } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  EntityReadiness,
  gatePasses,
  GraphNode,
  ReadinessBlocker,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { lockstepApiRef } from '../api';
import { ReadinessStatusChip } from '../components/StatusChip';
import { useStatusLabels } from '../components/statusLabels';
import { useLiveAsync } from '../hooks/useLiveAsync';
import { useReadinessChanges } from '../hooks/useReadinessChanges';
import { durationSince } from '../lib/format';
import { surfacesOf } from '../lib/palette';
import { lockstepTranslationRef } from '../translation';
import { shortRef, useGraphWords } from './graphWords';

const useStyles = makeStyles(
  theme => ({
    list: { margin: 0, paddingLeft: theme.spacing(2.5) },
    item: { marginBottom: theme.spacing(1) },
    waiting: { color: surfacesOf(theme).waiting, fontWeight: 500 },
    secondary: { color: theme.palette.text.secondary },
  }),
  { name: 'LockstepNodeReadiness' },
);

function FailingGates({ readiness }: { readiness: EntityReadiness }) {
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const labels = useStatusLabels();
  const failing = readiness.gates.filter(gate => !gatePasses(gate.status));
  if (failing.length === 0) {
    return (
      <Typography variant="body2" className={classes.secondary}>
        {t('graph.detail.noFailingGates')}
      </Typography>
    );
  }
  return (
    <ul className={classes.list}>
      {failing.map(gate => (
        <Typography
          key={gate.id}
          component="li"
          variant="body2"
          className={classes.item}
        >
          {t('graph.detail.gate', {
            gate: gate.title,
            status: labels.gate(gate.status),
          })}
          {!gate.required && ` (${t('graph.detail.optional')})`}
          {' · '}
          {t('graph.detail.team')}{' '}
          <EntityRefLink entityRef={gate.team} defaultKind="group" />
          {gate.since && (
            <span className={classes.waiting}>
              {' · '}
              {t('graph.detail.waiting', {
                duration: durationSince(gate.since),
              })}
            </span>
          )}
        </Typography>
      ))}
    </ul>
  );
}

function BlockingPath(props: {
  blocker: ReadinessBlocker;
  nodes: ReadonlyMap<string, GraphNode>;
}) {
  const { blocker, nodes } = props;
  const { t } = useTranslationRef(lockstepTranslationRef);
  const words = useGraphWords();
  const classes = useStyles();
  const name = (ref: string) =>
    nodes.has(ref)
      ? words.nameOf(ref, nodes)
      : (ref === blocker.entityRef && blocker.title) || shortRef(ref);
  return (
    <Typography component="li" variant="body2" className={classes.item}>
      <Box display="flex" alignItems="center" gridGap={6} flexWrap="wrap">
        <ReadinessStatusChip status={blocker.status} />
        <span>
          {blocker.path.map((ref, i) => (
            <Fragment key={ref}>
              {i > 0 && ' → '}
              {i === blocker.path.length - 1 ? (
                <strong>{name(ref)}</strong>
              ) : (
                name(ref)
              )}
            </Fragment>
          ))}
        </span>
      </Box>
      {blocker.gates && blocker.gates.length > 0 && (
        <div>
          {t('graph.detail.blockerGates', {
            gates: blocker.gates
              .map(gate =>
                t('graph.detail.blockerGate', {
                  gate: gate.title,
                  team: gate.teamTitle ?? shortRef(gate.team),
                }),
              )
              .join('; '),
          })}
        </div>
      )}
    </Typography>
  );
}

/**
 * A node's readiness in words: its status and the reason, the gates of its own that fail with the
 * teams that own them, and the upstream chains that block it. Reloads quietly on readiness signals.
 */
export function NodeReadiness(props: {
  entityRef: string;
  nodes: ReadonlyMap<string, GraphNode>;
}) {
  const { entityRef, nodes } = props;
  const api = useApi(lockstepApiRef);
  const changes = useReadinessChanges();
  const classes = useStyles();
  const { t } = useTranslationRef(lockstepTranslationRef);
  const readiness = useLiveAsync(
    () => api.getReadiness(entityRef),
    [api, entityRef],
    changes,
  );
  if (readiness.error) {
    return (
      <Typography variant="body2" color="error">
        {t('graph.detail.unavailable', { message: readiness.error.message })}
      </Typography>
    );
  }
  if (!readiness.value) {
    return (
      <Typography variant="body2" className={classes.secondary}>
        {t('graph.detail.loading')}
      </Typography>
    );
  }
  const value = readiness.value;
  return (
    <>
      <Box display="flex" alignItems="center" gridGap={8} mb={1}>
        <ReadinessStatusChip status={value.status} />
      </Box>
      <Typography variant="body2" paragraph>
        {value.reason}
      </Typography>
      <Typography variant="subtitle2" component="h3">
        {t('graph.detail.failingGates')}
      </Typography>
      <FailingGates readiness={value} />
      <Typography variant="subtitle2" component="h3">
        {t('graph.detail.blockingPath')}
      </Typography>
      {value.blockedBy.length > 0 && (
        <ul className={classes.list}>
          {value.blockedBy.map(blocker => (
            <BlockingPath
              key={blocker.entityRef}
              blocker={blocker}
              nodes={nodes}
            />
          ))}
        </ul>
      )}
      {value.hiddenBlockers && (
        <Typography variant="body2">
          {t('graph.detail.hiddenBlockers')}
        </Typography>
      )}
      {value.blockedBy.length === 0 && !value.hiddenBlockers && (
        <Typography variant="body2" className={classes.secondary}>
          {t('graph.detail.notBlocked')}
        </Typography>
      )}
    </>
  );
}
