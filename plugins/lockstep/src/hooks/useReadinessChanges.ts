import { READINESS_SIGNAL_CHANNEL } from '@lockstep/backstage-plugin-lockstep-common';
import { useSignalBursts } from './useSignalBursts';

/**
 * A counter that goes up at most once per burst of readiness signals: put it in the dependencies of
 * a readiness load (see `useLiveAsync`) to reload quietly.
 */
export function useReadinessChanges(): number {
  return useSignalBursts(READINESS_SIGNAL_CHANNEL);
}
