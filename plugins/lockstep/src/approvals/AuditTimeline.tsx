import { ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import {
  ApprovalAudit,
  AuditEntry,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import LinkOffIcon from '@material-ui/icons/LinkOff';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { PrincipalName } from '../components/Principal';
import { formatTimestamp, relativeTime } from '../lib/format';
import { READINESS_STATUS_LOOK } from '../lib/statusColors';
import { FILLS, surfacesOf } from '../lib/palette';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  entry: {
    display: 'flex',
    gap: theme.spacing(1.5),
    padding: theme.spacing(0.75, 0),
    borderLeft: `2px solid ${theme.palette.divider}`,
    paddingLeft: theme.spacing(1.5),
    marginLeft: theme.spacing(1),
  },
  broken: {
    borderLeftColor: theme.palette.error.main,
    backgroundColor: surfacesOf(theme).dangerPanel,
  },
  seq: {
    flex: '0 0 28px',
    color: theme.palette.text.secondary,
    fontVariantNumeric: 'tabular-nums',
  },
  body: { flex: 1, minWidth: 0 },
  hash: { fontFamily: 'monospace', fontSize: 11 },
}));

/** "Not ready" for `not-ready`; an unknown status as it is. */
const readinessLabel = (status: unknown) =>
  READINESS_STATUS_LOOK[status as ReadinessStatus]?.label ?? String(status);

const str = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : undefined;

/** One audit row in words. */
function describe(entry: AuditEntry, requestLink: (id: string) => string) {
  const { data } = entry;
  const stage = typeof data.stage === 'number' ? data.stage + 1 : undefined;
  const comment = str(data.comment);
  const quoted = comment ? ` — “${comment}”` : '';
  const by = (verb: string): ReactNode =>
    entry.actor ? (
      <>
        {verb} by{' '}
        <PrincipalName principal={entry.actor} defaultKind="service" />
      </>
    ) : (
      verb
    );
  switch (entry.action) {
    case 'created':
      return (
        <>
          {by('Requested')}: {str(data.version)} → {str(data.environment)}
          {data.policy ? ` under policy ${str(data.policy)}` : ''}
          {data.readiness
            ? ` (readiness: ${readinessLabel(data.readiness)})`
            : ''}
        </>
      );
    case 'approved-by':
      return (
        <>
          {by('Approved')}
          {stage ? ` in stage ${stage}` : ''}
          {quoted}
        </>
      );
    case 'rejected-by':
      return (
        <>
          {by('Rejected')}
          {stage ? ` in stage ${stage}` : ''}
          {quoted}
        </>
      );
    case 'stage-passed':
      return `Stage ${stage ?? '?'}${
        data.name ? ` (${str(data.name)})` : ''
      } passed`;
    case 'approved':
      return 'Request approved: every stage passed';
    case 'rejected':
      return 'Request rejected';
    case 'cancelled':
      return (
        <>
          {by('Cancelled')}
          {quoted}
        </>
      );
    case 'expired':
      return 'Expired: nobody completed the approval in time';
    case 'superseded':
      return (
        <>
          Replaced by a{' '}
          {str(data.by) ? (
            <Link to={requestLink(str(data.by)!)}>newer request</Link>
          ) : (
            'newer request'
          )}
          {str(data.version) ? ` for version ${str(data.version)}` : ''}
        </>
      );
    default:
      return entry.action;
  }
}

/** Whether the hash chain holds: "chain verified", or where it breaks and why. */
export function AuditVerification(props: {
  verification: ApprovalAudit['verification'];
}) {
  const { verification } = props;
  if (verification.valid) {
    return (
      <Tooltip title="Every entry's hash covers the one before it; nothing was changed or removed">
        <Chip
          size="small"
          icon={
            <VerifiedUserIcon style={{ color: FILLS.success.contrastText }} />
          }
          label="Chain verified"
          style={{
            backgroundColor: FILLS.success.color,
            color: FILLS.success.contrastText,
          }}
        />
      </Tooltip>
    );
  }
  return (
    <Tooltip title={verification.problem}>
      <Chip
        size="small"
        icon={<LinkOffIcon style={{ color: FILLS.danger.contrastText }} />}
        label={`Chain broken at #${verification.seq}`}
        style={{
          backgroundColor: FILLS.danger.color,
          color: FILLS.danger.contrastText,
        }}
      />
    </Tooltip>
  );
}

/** The request's audit trail, oldest first, each entry with its position in the hash chain. */
export function AuditTimeline(props: {
  audit: ApprovalAudit;
  requestLink(id: string): string;
}) {
  const classes = useStyles();
  const { entries, verification } = props.audit;
  const brokenAt = verification.valid ? undefined : verification.seq;
  return (
    <Box>
      {!verification.valid && (
        <Typography variant="body2" color="error" gutterBottom>
          The audit trail does not verify at entry #{verification.seq}:{' '}
          {verification.problem}. Entries from there on may have been altered.
        </Typography>
      )}
      <ol className={classes.list} aria-label="Audit trail">
        {entries.map(entry => (
          <li
            key={entry.seq}
            className={`${classes.entry} ${
              brokenAt !== undefined && entry.seq >= brokenAt
                ? classes.broken
                : ''
            }`}
          >
            <Typography variant="body2" className={classes.seq}>
              #{entry.seq}
            </Typography>
            <Box className={classes.body}>
              <Typography variant="body2">
                {describe(entry, props.requestLink)}
              </Typography>
              <Typography variant="caption" color="textSecondary">
                <Tooltip title={formatTimestamp(entry.at)}>
                  <span>{relativeTime(entry.at)}</span>
                </Tooltip>
                {' · '}
                <Tooltip title={`sha256 ${entry.hash}`}>
                  <span className={classes.hash}>
                    {entry.hash.slice(0, 12)}
                  </span>
                </Tooltip>
              </Typography>
            </Box>
          </li>
        ))}
      </ol>
    </Box>
  );
}
