import type {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

/**
 * Scheduled work: what it is called, when it runs, and where. `global` jobs run once per interval
 * across all replicas (the scheduler's lock); `local` ones on every replica, for state each keeps in
 * memory.
 */
export interface LockstepJob {
  readonly id: string;
  readonly scope: 'global' | 'local';
  readonly schedule: SchedulerServiceTaskScheduleDefinition;
  run(): Promise<void>;
}

/** Hands each job to the scheduler. */
export async function scheduleJobs(
  scheduler: SchedulerService,
  jobs: LockstepJob[],
): Promise<void> {
  for (const job of jobs) {
    await scheduler.scheduleTask({
      id: job.id,
      scope: job.scope,
      ...job.schedule,
      fn: () => job.run(),
    });
  }
}
