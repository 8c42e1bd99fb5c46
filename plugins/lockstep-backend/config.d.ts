import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Lockstep plugin suite. */
  lockstep?: {
    graph?: {
      /**
       * How often each backend replica re-reads the catalog topology into memory. Graph answers are
       * at most this old (plus the read itself); each answer's `indexedAt` says how old it is.
       * Default: every 30 seconds.
       */
      refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** The largest `maxNodes` a graph request may ask for. Default 5000. */
      maxNodesLimit?: number;
    };
  };
}
