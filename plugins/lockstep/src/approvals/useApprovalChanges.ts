import { useEffect, useState } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import { APPROVALS_SIGNAL_CHANNEL } from '@lockstep/backstage-plugin-lockstep-common';

/**
 * A counter that goes up whenever the backend signals that some request changed (the signal names
 * none, so that nobody learns of a request they may not read). Put it in the dependencies of a load
 * to reload live. Without the signals plugin the counter stays at 0, and what was loaded stays until
 * the next load.
 */
export function useApprovalChanges(): number {
  const { lastSignal } = useSignal<{ at: string }>(APPROVALS_SIGNAL_CHANNEL);
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    if (lastSignal) setChanges(n => n + 1);
  }, [lastSignal]);
  return changes;
}

/** A counter that goes up every `ms`, for what should also refresh without signals. */
export function useTicker(ms: number): number {
  const [ticks, setTicks] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTicks(n => n + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return ticks;
}
