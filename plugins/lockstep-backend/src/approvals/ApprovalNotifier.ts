import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  refKey,
  APPROVALS_SIGNAL_CHANNEL,
  APPROVAL_STATE_MACHINE,
  ApprovalRequest,
  DecideApprovalRequest,
} from '@lockstep/backstage-plugin-lockstep-common';
import { CatalogDirectory } from '../access/CatalogDirectory';
import { RecipientAccess } from '../access/RecipientAccess';
import { ApprovalWaiter } from './ApprovalWaiter';

/** Whether a principal is a catalog entity (a pipeline's service principal is not). */
const isEntityRef = (ref: string) => {
  try {
    parseEntityRef(ref);
    return /^(user|group):/i.test(ref);
  } catch {
    return false;
  }
};

/**
 * Who hears of what happens to a request: its long polls and every open page (`changed`), the
 * approvers of a stage that waits on them, and the requester of the outcome. Holds the wording.
 */
export class ApprovalNotifier {
  constructor(
    private readonly deps: {
      waiter: ApprovalWaiter;
      directory: CatalogDirectory;
      recipients: RecipientAccess;
      notifications?: NotificationService;
      signals?: SignalsService;
      logger: LoggerService;
    },
  ) {}

  /** Request `id` changed: wakes its waiters on this replica and tells open pages to refresh. */
  changed(id: string) {
    this.deps.waiter.notify(id);
    this.deps.signals
      ?.publish({
        recipients: { type: 'broadcast' },
        channel: APPROVALS_SIGNAL_CHANNEL,
        // every signed-in page receives it: it names no request
        message: { at: new Date().toISOString() },
      })
      .catch(error =>
        this.deps.logger.warn(`Could not signal approval change: ${error}`),
      );
  }

  /** Tells the approver groups of `stage` that it waits for them, or (`reminder`) that it expires soon. */
  async stageWaits(request: ApprovalRequest, stage: number, reminder = false) {
    const groups = request.policy.stages[stage]?.rules.map(r => r.group) ?? [];
    const name = request.policy.stages[stage]?.name;
    const { entity, person } = await this.namesIn(request, request.requester);
    const expires = request.expiresAt
      ? ` (expires ${request.expiresAt.slice(0, 16).replace('T', ' ')} UTC)`
      : '';
    await this.notify(
      groups,
      request,
      `${reminder ? 'Reminder: approval expires soon' : 'Approval needed'}: ${
        request.title
      }`,
      `${person} asks to release ${entity} ${request.version} to ${request.environment}; stage "${name}" waits for your group${expires}`,
      {
        severity: reminder ? 'high' : 'normal',
        neutralTitle: reminder
          ? 'Reminder: an approval expires soon'
          : 'Approval needed',
      },
    );
  }

  /** Tells the requester that `decision` by `actor` ended their request; a rejection quotes its comment. */
  async decided(
    request: ApprovalRequest,
    actor: string,
    decision: DecideApprovalRequest['decision'],
    comment: string | undefined,
  ) {
    const said = comment?.trim();
    const { entity, person } = await this.namesIn(request, actor);
    const outcome = APPROVAL_STATE_MACHINE[request.state].label;
    await this.notify(
      [request.requester],
      request,
      `${outcome}: ${request.title}`,
      `${entity} ${request.version} to ${
        request.environment
      }: ${outcome.toLocaleLowerCase('en-US')} by ${person}${
        said && decision === 'reject' ? `: ${said}` : ''
      }`,
      { toRequester: true, neutralTitle: 'One of your requests was decided' },
    );
  }

  /** Tells the requester that nobody completed the approval in time. */
  async expired(request: ApprovalRequest) {
    const { entity } = await this.namesIn(request);
    await this.notify(
      [request.requester],
      request,
      `Expired: ${request.title}`,
      `Nobody completed the approval of ${entity} ${request.version} to ${request.environment} in time`,
      { toRequester: true, neutralTitle: 'One of your requests expired' },
    );
  }

  /**
   * The entity of a request and a person as people know them: their titles (display names), or
   * their refs where the catalog has none. Only those who may read the entity are told them.
   */
  private async namesIn(request: ApprovalRequest, personRef?: string) {
    const titleOf = async (ref: string) => {
      try {
        const found = await this.deps.directory.entity(ref);
        const profile = found?.spec?.profile as
          | { displayName?: string }
          | undefined;
        return found?.metadata.title ?? profile?.displayName ?? ref;
      } catch {
        return ref;
      }
    };
    // a pipeline's service principal is no entity: it is named by its subject
    const [entity, person] = await Promise.all([
      titleOf(request.entityRef),
      personRef && isEntityRef(personRef) ? titleOf(personRef) : personRef,
    ]);
    return { entity, person: person ?? '' };
  }

  /**
   * Sends a notification about a request to the people of `recipients` (groups are their members, as
   * for the quorum). Approvers are never told of their own request; the requester is told of its
   * outcome (`toRequester`). A requester that is not an entity (a pipeline's service principal) has
   * no inbox, and is left out. Only people who may read the entity are told what the request is
   * about; those whose access is not known are told only that something waits (`neutralTitle`), and
   * those who may not read it are told nothing.
   */
  private async notify(
    recipients: string[],
    request: ApprovalRequest,
    title: string,
    description: string,
    options: {
      severity?: 'normal' | 'high';
      toRequester?: boolean;
      neutralTitle: string;
    },
  ) {
    const notifications = this.deps.notifications;
    if (!notifications) return;
    try {
      const members = await this.deps.directory.membersOf(
        recipients.filter(isEntityRef),
      );
      const users = [...new Set([...members.values()].flat())].filter(
        user => options.toRequester || user !== refKey(request.requester),
      );
      if (users.length === 0) return;
      const { readers, unknown } = await this.deps.recipients.sort(
        users,
        request.entityRef,
      );
      const told = new Set([...readers, ...unknown]);
      const unread = users.filter(user => !told.has(user));
      if (unread.length > 0) {
        // they cannot open the request either: for approvers, a policy that waits on people who cannot act
        this.deps.logger.warn(
          `Not notified about approval request ${request.id}: ${unread.join(
            ', ',
          )} may not read ${request.entityRef}`,
        );
      }
      const { kind, namespace, name } = parseEntityRef(request.entityRef);
      const common = {
        severity: options.severity ?? 'normal',
        topic: 'lockstep-approvals',
      } as const;
      if (readers.length > 0) {
        await notifications.send({
          recipients: { type: 'entity', entityRef: readers },
          payload: {
            ...common,
            title,
            description,
            link: `/catalog/${namespace}/${kind.toLocaleLowerCase(
              'en-US',
            )}/${name}/approvals?request=${request.id}`,
          },
        });
      }
      if (unknown.length > 0) {
        await notifications.send({
          recipients: { type: 'entity', entityRef: unknown },
          payload: {
            ...common,
            title: options.neutralTitle,
            description:
              'Open Lockstep to see it: a request shows to those who may read what it is about.',
            link: '/lockstep/approvals',
          },
        });
      }
    } catch (error) {
      // a notification that cannot be sent must not undo a recorded decision
      this.deps.logger.warn(
        `Could not notify about approval request ${request.id}: ${error}`,
      );
    }
  }
}
