import type {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { LockstepJob } from '../../jobs/LockstepJob';
import { ReadinessService } from '../ReadinessService';

/** Runs every entity's checks once per interval across all replicas; every replica reads the results. */
export class ReadinessEvaluationJob implements LockstepJob {
  readonly id = 'lockstep-readiness-evaluate';
  readonly scope = 'global';
  readonly schedule: SchedulerServiceTaskScheduleDefinition;

  constructor(
    private readonly readiness: ReadinessService,
    private readonly logger: LoggerService,
    configured?: SchedulerServiceTaskScheduleDefinition,
  ) {
    this.schedule = configured ?? {
      frequency: { minutes: 2 },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 20 },
    };
  }

  async run() {
    const started = Date.now();
    const { entities, events, phases } = await this.readiness.evaluateAll();
    this.logger.info(
      `Readiness: evaluated ${entities} entities in ${
        Date.now() - started
      } ms, ${events} changes (${Object.entries(phases)
        .map(([phase, ms]) => `${phase} ${ms} ms`)
        .join(', ')})`,
    );
  }
}

/** Marks sign-offs whose validity ran out as expired. */
export class SignOffExpiryJob implements LockstepJob {
  readonly id = 'lockstep-readiness-expire';
  readonly scope = 'global';
  readonly schedule = {
    frequency: { minutes: 1 },
    timeout: { minutes: 1 },
  };

  constructor(
    private readonly readiness: ReadinessService,
    private readonly logger: LoggerService,
  ) {}

  async run() {
    const expired = await this.readiness.expireSignOffs();
    if (expired) this.logger.info(`Readiness: ${expired} sign-offs expired`);
  }
}
