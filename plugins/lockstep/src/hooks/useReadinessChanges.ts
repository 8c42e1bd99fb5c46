import { useEffect, useRef, useState } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import { READINESS_SIGNAL_CHANNEL } from '@lockstep/backstage-plugin-lockstep-common';

/** How long after the first signal of a burst the reload happens: a burst is one reload. */
export const READINESS_DEBOUNCE_MS = 500;

/**
 * A counter that goes up at most once per `READINESS_DEBOUNCE_MS` while readiness signals arrive:
 * put it in the dependencies of a readiness load (see `useLiveAsync`) to reload quietly. The first
 * signal starts the wait and later ones join it, so a steady stream cannot put the reload off
 * forever. Without the signals plugin the counter stays at 0.
 */
export function useReadinessChanges(): number {
  const { lastSignal } = useSignal<{ at: string }>(READINESS_SIGNAL_CHANNEL);
  const [changes, setChanges] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    if (!lastSignal || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      setChanges(n => n + 1);
    }, READINESS_DEBOUNCE_MS);
  }, [lastSignal]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return changes;
}
