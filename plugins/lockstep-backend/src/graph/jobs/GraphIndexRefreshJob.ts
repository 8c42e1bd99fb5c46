import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { LockstepJob } from '../../jobs/LockstepJob';
import { GraphIndex } from '../GraphIndex';

/** Rebuilds the in-memory graph index from the catalog; every replica keeps its own, so it runs on each. */
export class GraphIndexRefreshJob implements LockstepJob {
  readonly id = 'lockstep-graph-index-refresh';
  readonly scope = 'local';
  readonly schedule: SchedulerServiceTaskScheduleDefinition;

  constructor(
    private readonly index: GraphIndex,
    configured?: SchedulerServiceTaskScheduleDefinition,
  ) {
    this.schedule = {
      ...(configured ?? {
        frequency: { seconds: 30 },
        timeout: { minutes: 2 },
      }),
      initialDelay: { seconds: 0 },
    };
  }

  async run() {
    await this.index.refresh();
  }
}
