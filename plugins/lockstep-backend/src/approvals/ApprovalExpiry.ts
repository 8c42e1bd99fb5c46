import { ConflictError } from '@backstage/errors';
import { ApprovalStore, StoredRequest } from './ApprovalStore';
import { ApprovalNotifier } from './ApprovalNotifier';
import { ApprovalsConfig } from './config';

/**
 * Deadlines of requests: the scheduled sweep that expires them and reminds their approvers, and the
 * expiry of one request, which reads also apply so that nobody decides on an expired request.
 */
export class ApprovalExpiry {
  constructor(
    private readonly deps: {
      store: ApprovalStore;
      notifier: ApprovalNotifier;
      config: Pick<ApprovalsConfig, 'reminderBeforeMs'>;
    },
  ) {}

  /** Expires the requests past their expiry; the scheduled task. */
  async expireDue(): Promise<number> {
    const now = new Date().toISOString();
    let expired = 0;
    for (const id of await this.deps.store.due(now)) {
      if ((await this.expire(id)).expired) expired++;
    }
    return expired;
  }

  /** Expires one request (a no-op when it was decided meanwhile) and tells the requester. */
  async expire(
    id: string,
  ): Promise<{ request: StoredRequest; expired: boolean }> {
    try {
      const request = await this.deps.store.apply(
        id,
        'expire',
        new Date().toISOString(),
        { data: {} },
      );
      this.deps.notifier.changed(id);
      await this.deps.notifier.expired(request);
      return { request, expired: true };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // decided or expired meanwhile
      return { request: (await this.deps.store.get(id))!, expired: false };
    }
  }

  /** Reminds the approvers of the open stage shortly before a request expires; the scheduled task. */
  async remind(): Promise<number> {
    const now = Date.now();
    const due = await this.deps.store.claimReminders(
      new Date(now).toISOString(),
      new Date(now + this.deps.config.reminderBeforeMs).toISOString(),
    );
    for (const request of due)
      await this.deps.notifier.stageWaits(request, request.currentStage, true);
    return due.length;
  }
}
