import type { LoggerService } from '@backstage/backend-plugin-api';
import type { LockstepJob } from '../../jobs/LockstepJob';
import { ApprovalService } from '../ApprovalService';

/** Expires requests past their expiry and reminds approvers shortly before; once per interval across replicas. */
export class ApprovalDeadlinesJob implements LockstepJob {
  readonly id = 'lockstep-approvals-expire';
  readonly scope = 'global';
  readonly schedule = {
    frequency: { seconds: 30 },
    timeout: { minutes: 1 },
  };

  constructor(
    private readonly approvals: ApprovalService,
    private readonly logger: LoggerService,
  ) {}

  async run() {
    const expired = await this.approvals.expireDue();
    const reminded = await this.approvals.remind();
    if (expired || reminded) {
      this.logger.info(
        `Approvals: ${expired} expired, ${reminded} reminders sent`,
      );
    }
  }
}
