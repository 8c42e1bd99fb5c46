import { useEffect, useRef, useState } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';

/** How long after the first signal of a burst the reload happens: a burst is one reload. */
export const SIGNAL_DEBOUNCE_MS = 500;

/**
 * A counter that goes up at most once per `SIGNAL_DEBOUNCE_MS` while signals arrive on `channel`:
 * put it in the dependencies of a load to reload quietly. The first signal starts the wait and later
 * ones join it, so a steady stream cannot put the reload off forever. Without the signals plugin the
 * counter stays at 0.
 */
export function useSignalBursts(channel: string): number {
  const { lastSignal } = useSignal(channel);
  const [changes, setChanges] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    if (!lastSignal || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      setChanges(n => n + 1);
    }, SIGNAL_DEBOUNCE_MS);
  }, [lastSignal]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return changes;
}
