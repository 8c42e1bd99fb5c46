import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ApprovalState,
  isTerminal,
} from '@lockstep/backstage-plugin-lockstep-common';

/** How a wait ended. */
export type WaitOutcome = 'ended' | 'timeout' | 'aborted';

interface Waiter {
  resolve(outcome: WaitOutcome): void;
}

/**
 * Long polls on approval requests, with one watcher per backend replica however many wait. A change
 * made on this replica (`notify`) is checked at once; while anyone waits, one query per interval asks
 * the database which of the watched requests have ended, so a decision made through another replica
 * wakes its waiters within `intervalMs`. A wait ends when its request ends, at its deadline, or when
 * its client goes away (the abort signal), and then holds nothing: no timer, no listener, no query.
 */
export class ApprovalWaiter {
  private readonly waiting = new Map<string, Set<Waiter>>();
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;

  constructor(
    private readonly deps: {
      states(ids: string[]): Promise<Map<string, ApprovalState>>;
      logger: LoggerService;
      intervalMs?: number;
    },
  ) {}

  /** Resolves when request `id` ends, after `timeoutMs`, or when `signal` aborts. */
  wait(
    id: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<WaitOutcome> {
    if (signal?.aborted) return Promise.resolve('aborted');
    return new Promise(resolve => {
      let waiters = this.waiting.get(id);
      if (!waiters) this.waiting.set(id, (waiters = new Set()));
      let timeout: NodeJS.Timeout | undefined = undefined;
      let onAbort: (() => void) | undefined = undefined;
      const waiter: Waiter = {
        resolve: outcome => {
          clearTimeout(timeout);
          if (onAbort) signal?.removeEventListener('abort', onAbort);
          const set = this.waiting.get(id);
          set?.delete(waiter);
          if (set?.size === 0) this.waiting.delete(id);
          if (this.waiting.size === 0) this.stopWatching();
          resolve(outcome);
        },
      };
      onAbort = () => waiter.resolve('aborted');
      timeout = setTimeout(() => waiter.resolve('timeout'), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      waiters.add(waiter);
      this.startWatching();
    });
  }

  /** A request changed on this replica: its waiters hear of it now rather than at the next poll. */
  notify(id: string) {
    if (this.waiting.has(id)) void this.check([id]);
  }

  /** How many waits are open, for tests and metrics. */
  get size() {
    let size = 0;
    for (const waiters of this.waiting.values()) size += waiters.size;
    return size;
  }

  private startWatching() {
    this.timer ??= setInterval(() => {
      // one check at a time: a slow database must not pile up queries
      this.checking ??= this.check([...this.waiting.keys()]).finally(() => {
        this.checking = undefined;
      });
    }, this.deps.intervalMs ?? 1000);
  }

  private stopWatching() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async check(ids: string[]) {
    if (ids.length === 0) return;
    try {
      const states = await this.deps.states(ids);
      for (const id of ids) {
        const state = states.get(id);
        if (state && !isTerminal(state)) continue;
        for (const waiter of [...(this.waiting.get(id) ?? [])])
          waiter.resolve('ended');
      }
    } catch (error) {
      // the next interval tries again; waiters still end at their deadline
      this.deps.logger.warn(`Could not check waited-on requests: ${error}`);
    }
  }
}
