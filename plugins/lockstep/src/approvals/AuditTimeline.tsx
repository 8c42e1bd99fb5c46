import { ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import {
  TranslationFunction,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
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
import {
  READINESS_STATUS_KEYS,
  useStatusLabels,
} from '../components/statusLabels';
import { lockstepTranslationRef } from '../translation';
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

const str = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : undefined;

const isReadinessStatus = (status: unknown): status is ReadinessStatus =>
  typeof status === 'string' && status in READINESS_STATUS_KEYS;

type T = TranslationFunction<typeof lockstepTranslationRef.T>;

/** What an actor did: "Approved by <name>", or the verb alone when nobody is named. */
const VERBS = {
  requested: ['approvals.audit.requested', 'approvals.audit.requestedBy'],
  approved: ['approvals.audit.approved', 'approvals.audit.approvedBy'],
  rejected: ['approvals.audit.rejected', 'approvals.audit.rejectedBy'],
  cancelled: ['approvals.audit.cancelled', 'approvals.audit.cancelledBy'],
} as const;

/** One audit row in words. */
function describe(
  entry: AuditEntry,
  requestLink: (id: string) => string,
  t: T,
  readinessLabel: (status: unknown) => string,
): ReactNode {
  const { data } = entry;
  const stage = typeof data.stage === 'number' ? data.stage + 1 : undefined;
  const comment = str(data.comment);
  const quoted = comment ? ` — “${comment}”` : '';
  const inStage = stage
    ? ` ${t('approvals.audit.inStage', { stage: String(stage) })}`
    : '';
  const by = (verb: keyof typeof VERBS): ReactNode =>
    entry.actor
      ? t(VERBS[verb][1], {
          actor: (
            <PrincipalName principal={entry.actor} defaultKind="service" />
          ),
        })
      : t(VERBS[verb][0]);
  switch (entry.action) {
    case 'created':
      return (
        <>
          {t('approvals.audit.created', {
            who: <>{by('requested')}</>,
            version: str(data.version) ?? '',
            environment: str(data.environment) ?? '',
          })}
          {data.policy
            ? ` ${t('approvals.audit.underPolicy', {
                policy: str(data.policy) ?? '',
              })}`
            : ''}
          {data.readiness
            ? ` ${t('approvals.audit.readinessAtCreation', {
                status: readinessLabel(data.readiness),
              })}`
            : ''}
        </>
      );
    case 'approved-by':
      return (
        <>
          {by('approved')}
          {inStage}
          {quoted}
        </>
      );
    case 'rejected-by':
      return (
        <>
          {by('rejected')}
          {inStage}
          {quoted}
        </>
      );
    case 'stage-passed':
      return data.name
        ? t('approvals.audit.namedStagePassed', {
            stage: String(stage ?? '?'),
            name: str(data.name) ?? '',
          })
        : t('approvals.audit.stagePassed', { stage: String(stage ?? '?') });
    case 'approved':
      return t('approvals.audit.requestApproved');
    case 'rejected':
      return t('approvals.audit.requestRejected');
    case 'cancelled':
      return (
        <>
          {by('cancelled')}
          {quoted}
        </>
      );
    case 'expired':
      return t('approvals.audit.expired');
    case 'superseded':
      return (
        <>
          {t('approvals.audit.replacedBy', {
            request: str(data.by) ? (
              <Link to={requestLink(str(data.by)!)}>
                {t('approvals.audit.newerRequest')}
              </Link>
            ) : (
              <>{t('approvals.audit.newerRequest')}</>
            ),
          })}
          {str(data.version)
            ? ` ${t('approvals.audit.forVersion', {
                version: str(data.version)!,
              })}`
            : ''}
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
  const { t } = useTranslationRef(lockstepTranslationRef);
  if (verification.valid) {
    return (
      <Tooltip title={t('approvals.audit.verifiedTooltip')}>
        <Chip
          size="small"
          icon={
            <VerifiedUserIcon style={{ color: FILLS.success.contrastText }} />
          }
          label={t('approvals.audit.verified')}
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
        label={t('approvals.audit.broken', { seq: String(verification.seq) })}
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
  const { t } = useTranslationRef(lockstepTranslationRef);
  const labels = useStatusLabels();
  /** "Not ready" for `not-ready`; an unknown status as it is. */
  const readinessLabel = (status: unknown) =>
    isReadinessStatus(status) ? labels.readiness(status) : String(status);
  const { entries, verification } = props.audit;
  const brokenAt = verification.valid ? undefined : verification.seq;
  return (
    <Box>
      {!verification.valid && (
        <Typography variant="body2" color="error" gutterBottom>
          {t('approvals.audit.brokenExplanation', {
            seq: String(verification.seq),
            problem: verification.problem,
          })}
        </Typography>
      )}
      <ol className={classes.list} aria-label={t('approvals.audit.ariaLabel')}>
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
                {describe(entry, props.requestLink, t, readinessLabel)}
              </Typography>
              <Typography variant="caption" color="textSecondary">
                <Tooltip title={formatTimestamp(entry.at)}>
                  <span>{relativeTime(entry.at)}</span>
                </Tooltip>
                {' · '}
                <Tooltip
                  title={t('approvals.audit.hash', { hash: entry.hash })}
                >
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
