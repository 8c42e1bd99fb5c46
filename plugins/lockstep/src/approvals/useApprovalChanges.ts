import { useEffect, useState } from 'react';
import { APPROVALS_SIGNAL_CHANNEL } from '@lockstep/backstage-plugin-lockstep-common';
import { useSignalBursts } from '../hooks/useSignalBursts';

/**
 * A counter that goes up once per burst of signals that some request changed (the signal names
 * none, so that nobody learns of a request they may not read; every open page reloads what it shows,
 * so a burst is one reload). Put it in the dependencies of a load to reload live. Without the signals
 * plugin the counter stays at 0, and what was loaded stays until the next load.
 */
export function useApprovalChanges(): number {
  return useSignalBursts(APPROVALS_SIGNAL_CHANNEL);
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
