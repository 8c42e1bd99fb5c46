import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Badge from '@material-ui/core/Badge';
import ThumbsUpDownIcon from '@material-ui/icons/ThumbsUpDown';
import { lockstepApiRef } from '../api';
import { useApprovalChanges, useTicker } from './useApprovalChanges';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

/** How often the count reloads when no signal arrives (signals not installed, a missed message). */
const REFRESH_MS = 60_000;

/**
 * How many requests wait for the signed-in user's decision: loaded at once, again whenever the
 * backend signals a change and every minute. The backend counts them (`total`, over all pages), so
 * one item is asked for. Undefined until the first answer; a failed reload keeps the last count
 * rather than blanking the badge.
 */
export function usePendingApprovalCount(): number | undefined {
  const api = useApi(lockstepApiRef);
  const changes = useApprovalChanges();
  const ticks = useTicker(REFRESH_MS);
  const [count, setCount] = useState<number>();
  useEffect(() => {
    let current = true;
    api.listApprovalRequests({ pendingFor: 'me', limit: 1 }).then(
      page => {
        if (current) setCount(page.total ?? page.items.length);
      },
      () => {
        // keep the last count: the nav is no place for an error
      },
    );
    return () => {
      current = false;
    };
  }, [api, changes, ticks]);
  return count;
}

/**
 * The My approvals nav icon: a badge with the number of requests waiting for the signed-in user
 * (none shown at zero).
 */
export function PendingApprovalsIcon() {
  const count = usePendingApprovalCount();
  const { t } = useTranslationRef(lockstepTranslationRef);
  return (
    <Badge
      badgeContent={count}
      color="secondary"
      max={99}
      overlap="rectangular"
      title={
        count
          ? t('approvals.inbox.badge', { number: String(count) })
          : undefined
      }
      data-testid="pending-approvals-badge"
    >
      <ThumbsUpDownIcon fontSize="inherit" />
    </Badge>
  );
}
