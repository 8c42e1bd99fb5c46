import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ApprovalListQuery,
  ApprovalRequest,
  ApprovalRequestView,
  AuditEntry,
  AuditChainVerdict,
  CreateApprovalRequest,
  DecideApprovalRequest,
  eligibleFor,
  evaluateRequest,
  isTerminal,
  lockstepApprovalCancelPermission,
  lockstepApprovalCreatePermission,
  lockstepApprovalDecidePermission,
  lockstepApprovalReadPermission,
  selectApprovalPolicy,
  snapshotPolicy,
  unsatisfiableRules,
  verifyAuditChain,
} from '@lockstep/backstage-plugin-lockstep-common';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Request } from 'express';
import { CatalogReadAccess } from '../catalogAccess';
import { ReadinessService } from '../readiness/ReadinessService';
import {
  ApprovalStore,
  AuditFields,
  sha256,
  StoredRequest,
} from './ApprovalStore';
import { ApprovalsConfig } from './config';
import { approvalPermissionRules } from './permissionRules';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
const principalRef = (credentials: BackstageCredentials): string => {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user'
    ? principal.userEntityRef!
    : principal.subject ?? principal.type;
};

/**
 * Release and change requests: created under the policy that applies, decided by approver groups,
 * with every transition audited, notified and signalled. The backend guards every action: the
 * permission framework first (adopters can tighten it), then the policy frozen on the request.
 */
export class ApprovalService {
  private readonly changes = new EventEmitter();
  private readonly authorizeConditions = createConditionAuthorizer(
    Object.values(approvalPermissionRules),
  );

  constructor(
    private readonly deps: {
      auth: AuthService;
      catalog: CatalogService;
      permissions: PermissionsService;
      access: CatalogReadAccess;
      readiness: ReadinessService;
      store: ApprovalStore;
      config: ApprovalsConfig;
      notifications?: NotificationService;
      signals?: SignalsService;
      auditor: AuditorService;
      logger: LoggerService;
    },
  ) {
    this.changes.setMaxListeners(0);
  }

  async create(
    body: CreateApprovalRequest,
    credentials: BackstageCredentials,
    req?: Request,
  ): Promise<ApprovalRequestView> {
    const requester = principalRef(credentials);
    await this.require(
      lockstepApprovalCreatePermission,
      credentials,
      'create approval requests',
    );
    let ref;
    try {
      ref = stringifyEntityRef(parseEntityRef(body.entityRef));
    } catch (error) {
      throw new InputError(`entityRef: ${(error as Error).message}`);
    }
    if (!(await this.deps.access.canRead(ref, credentials))) {
      throw new NotFoundError(`No entity '${body.entityRef}' in the catalog`);
    }
    const entity = await this.serviceRead(ref);
    if (!entity)
      throw new NotFoundError(`No entity '${body.entityRef}' in the catalog`);
    const entityRef = stringifyEntityRef(entity);

    const policy = selectApprovalPolicy(
      entity,
      body.environment,
      this.deps.config.policies,
    );
    if (!policy) {
      throw new InputError(
        `No approval policy applies to ${entityRef} in environment '${body.environment}'; ask your platform team to add one under lockstep.approvals.policies`,
      );
    }
    const owner = entity.relations?.find(r => r.type === 'ownedBy')?.targetRef;
    const snapshot = snapshotPolicy(policy, entity, owner);
    const members = await this.membersOf(
      snapshot.stages.flatMap(s => s.rules.map(r => r.group)),
    );
    const problems = unsatisfiableRules(
      snapshot,
      group => members.get(lower(group)) ?? [],
      requester,
    );
    if (problems.length > 0) {
      throw new InputError(
        `Policy '${policy.id}' cannot be satisfied for this request: ${problems
          .map(p => p.message)
          .join('; ')}`,
      );
    }

    const readiness = await this.deps.readiness
      .getReadiness(entityRef, await this.deps.auth.getOwnServiceCredentials())
      .catch(() => undefined);
    const now = new Date();
    const request: ApprovalRequest = {
      id: randomUUID(),
      entityRef,
      title: body.title.trim(),
      ...(body.description?.trim() && { description: body.description.trim() }),
      environment: body.environment.trim(),
      version: body.version.trim(),
      requester,
      state: 'pending',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      ...(snapshot.expiresAfterMs && {
        expiresAt: new Date(
          now.getTime() + snapshot.expiresAfterMs,
        ).toISOString(),
      }),
      policy: snapshot,
      ...(readiness && {
        readinessAtCreation: {
          status: readiness.status,
          reason: readiness.reason,
        },
      }),
      decisions: [],
      currentStage: 0,
    };
    const superseded = await this.deps.store.create(request, {
      action: 'created',
      actor: requester,
      data: {
        entityRef,
        environment: request.environment,
        version: request.version,
        title: request.title,
        policy: snapshot.policyId,
        ...(request.readinessAtCreation && {
          readiness: request.readinessAtCreation.status,
        }),
      },
    });
    await this.record('approval-request-created', req, {
      requestId: request.id,
      entityRef,
      superseded,
    });
    for (const id of superseded) this.changed(id);
    this.changed(request.id);
    await this.notifyStage(request, 0);
    return this.view((await this.deps.store.get(request.id))!, credentials);
  }

  async list(
    query: ApprovalListQuery,
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequestView[]> {
    const requests = await this.deps.store.list({
      entityRef: query.entityRef,
      states: query.pendingFor ? ['pending'] : query.state,
    });
    const readable = await this.readableRequests(requests, credentials);
    const views = await Promise.all(
      readable.map(r => this.view(r, credentials)),
    );
    const shown = query.pendingFor
      ? views.filter(v => v.viewer.canDecide)
      : views;
    // open first, then newest first; the inbox (pendingFor) oldest first: the longest wait on top
    return shown.sort((a, b) => {
      if (query.pendingFor) return a.createdAt.localeCompare(b.createdAt);
      const open =
        Number(b.state === 'pending') - Number(a.state === 'pending');
      return open || b.createdAt.localeCompare(a.createdAt);
    });
  }

  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequestView> {
    return this.view(await this.readable(id, credentials), credentials);
  }

  async decide(
    id: string,
    body: DecideApprovalRequest,
    credentials: BackstageCredentials,
    req?: Request,
  ): Promise<ApprovalRequestView> {
    const request = await this.readable(id, credentials);
    await this.require(
      lockstepApprovalDecidePermission,
      credentials,
      'decide on this request',
      id,
    );
    const actor = principalRef(credentials);
    const comment = body.comment?.trim() || undefined;
    if (
      body.decision === 'reject' &&
      request.policy.rejectReasonRequired &&
      !comment
    ) {
      throw new InputError('comment: this policy requires a reason to reject');
    }
    if (isTerminal(request.state)) {
      throw new ConflictError(
        `Request ${id} is ${request.state}; it takes no more decisions`,
      );
    }
    if (request.decisions.some(d => lower(d.actor) === lower(actor))) {
      throw new ConflictError(
        `You already decided on request ${id}; one decision per person`,
      );
    }
    const groups = await this.groupsOf(actor);
    const progress = evaluateRequest(
      request.policy,
      request.decisions,
      request.requester,
    );
    if (progress.state !== 'pending') {
      // decided by decisions that committed after the request row was read
      throw new ConflictError(
        `Request ${id} is ${progress.state}; it takes no more decisions`,
      );
    }
    const eligible = eligibleFor(
      request.policy,
      { ...progress, state: request.state },
      actor,
      groups,
      request.requester,
    );
    if (!eligible.eligible)
      throw new NotAllowedError(
        eligible.reason ?? 'You may not decide on this request',
      );
    if (body.decision === 'approve' && request.policy.requireReadiness) {
      const now = await this.deps.readiness.getReadiness(
        request.entityRef,
        await this.deps.auth.getOwnServiceCredentials(),
      );
      if (now.status !== 'ready' && now.status !== 'at-risk') {
        throw new ConflictError(
          `This policy approves only ready entities; ${request.entityRef} is ${now.status}: ${now.reason}`,
        );
      }
    }

    const at = new Date().toISOString();
    let outcome: { state: string; currentStage: number } = progress;
    const updated = await this.deps.store.decide(
      id,
      {
        actor,
        decision: body.decision,
        ...(comment && { comment }),
        stage: progress.currentStage,
        at,
        groups,
      },
      current => {
        const after = evaluateRequest(
          current.policy,
          current.decisions,
          current.requester,
        );
        const audit: AuditFields[] = [
          {
            action: body.decision === 'approve' ? 'approved-by' : 'rejected-by',
            actor,
            data: {
              stage: progress.currentStage,
              groups,
              ...(comment && { comment }),
            },
          },
        ];
        for (
          let stage = current.currentStage;
          stage < after.currentStage;
          stage++
        ) {
          audit.push({
            action: 'stage-passed',
            data: { stage, name: current.policy.stages[stage].name },
          });
        }
        if (after.state !== 'pending')
          audit.push({
            action: after.state,
            data: { decisions: current.decisions.length },
          });
        outcome = after;
        return { state: after.state, currentStage: after.currentStage, audit };
      },
    );
    await this.record('approval-request-decided', req, {
      requestId: id,
      decision: body.decision,
      state: outcome.state,
    });
    this.changed(id);
    if (outcome.state !== 'pending') {
      await this.notify(
        [updated.requester],
        updated,
        `${outcome.state === 'approved' ? 'Approved' : 'Rejected'}: ${
          updated.title
        }`,
        `${updated.entityRef} ${updated.version} to ${
          updated.environment
        } was ${outcome.state}${
          comment && outcome.state === 'rejected' ? `: ${comment}` : ''
        }`,
      );
    } else if (outcome.currentStage > progress.currentStage) {
      await this.notifyStage(updated, outcome.currentStage);
    }
    return this.view(updated, credentials);
  }

  async cancel(
    id: string,
    comment: string | undefined,
    credentials: BackstageCredentials,
    req?: Request,
  ) {
    const request = await this.readable(id, credentials);
    await this.require(
      lockstepApprovalCancelPermission,
      credentials,
      'cancel this request',
      id,
    );
    const actor = principalRef(credentials);
    if (lower(actor) !== lower(request.requester)) {
      throw new NotAllowedError('Only the requester can cancel a request');
    }
    if (isTerminal(request.state))
      throw new ConflictError(`Request ${id} is already ${request.state}`);
    const updated = await this.deps.store.finish(
      id,
      'cancelled',
      new Date().toISOString(),
      {
        action: 'cancelled',
        actor,
        data: comment ? { comment } : {},
      },
    );
    await this.record('approval-request-cancelled', req, { requestId: id });
    this.changed(id);
    return this.view(updated, credentials);
  }

  async audit(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<{ entries: AuditEntry[]; verification: AuditChainVerdict }> {
    const request = await this.readable(id, credentials);
    const entries = await this.deps.store.audit(id);
    return {
      entries,
      verification: verifyAuditChain(entries, sha256, request.auditHead),
    };
  }

  /** Long poll: answers as soon as the request is decided, or when `timeoutSeconds` pass. */
  async wait(
    id: string,
    timeoutSeconds: number,
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequestView> {
    let request = await this.readable(id, credentials);
    const deadline = Date.now() + timeoutSeconds * 1000;
    while (!isTerminal(request.state) && Date.now() < deadline) {
      // woken by a change on this replica, or after a second for changes made on another
      await new Promise<void>(resolve => {
        let timer: NodeJS.Timeout | undefined = undefined;
        const done = () => {
          clearTimeout(timer);
          this.changes.off(id, done);
          resolve();
        };
        timer = setTimeout(
          done,
          Math.min(1000, Math.max(0, deadline - Date.now())),
        );
        this.changes.on(id, done);
      });
      request = (await this.deps.store.get(id))!;
    }
    return this.view(request, credentials);
  }

  /** Expires pending requests past their expiry; the scheduled task. */
  async expireDue(): Promise<number> {
    const now = new Date().toISOString();
    let expired = 0;
    for (const id of await this.deps.store.due(now)) {
      const request = await this.expire(id);
      if (request.state === 'expired' && request.updatedAt >= now) expired++;
    }
    return expired;
  }

  /** Expires one request (a no-op when it was decided meanwhile) and tells the requester. */
  private async expire(id: string): Promise<StoredRequest> {
    try {
      const request = await this.deps.store.finish(
        id,
        'expired',
        new Date().toISOString(),
        { action: 'expired', data: {} },
      );
      this.changed(id);
      await this.notify(
        [request.requester],
        request,
        `Expired: ${request.title}`,
        `Nobody completed the approval of ${request.entityRef} ${request.version} to ${request.environment} in time`,
      );
      return request;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return (await this.deps.store.get(id))!; // decided or expired meanwhile
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
      await this.notifyStage(request, request.currentStage, true);
    return due.length;
  }

  // ------------------------------------------------------------------ helpers

  private async view(
    request: StoredRequest,
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequestView> {
    const { auditHead: _head, remindedAt: _reminded, ...shown } = request;
    const progress = evaluateRequest(
      request.policy,
      request.decisions,
      request.requester,
    );
    const actor = principalRef(credentials);
    const groups = await this.groupsOf(actor);
    const eligible = eligibleFor(
      request.policy,
      { ...progress, state: request.state },
      actor,
      groups,
      request.requester,
    );
    return {
      ...shown,
      progress,
      viewer: {
        canDecide: eligible.eligible,
        ...(eligible.reason && { reason: eligible.reason }),
        canCancel:
          request.state === 'pending' &&
          lower(actor) === lower(request.requester),
      },
    };
  }

  /** The request, if it exists and the caller may read it and its entity; otherwise 404. */
  private async readable(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<StoredRequest> {
    let request = await this.deps.store.get(id);
    const notFound = new NotFoundError(`No approval request ${id}`);
    if (!request) throw notFound;
    if (
      request.state === 'pending' &&
      request.expiresAt &&
      request.expiresAt <= new Date().toISOString()
    ) {
      // expired since the last sweep: record it now, so that nobody decides on an expired request
      request = await this.expire(id);
    }
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: lockstepApprovalReadPermission, resourceRef: id }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) throw notFound;
    if (!(await this.deps.access.canRead(request.entityRef, credentials)))
      throw notFound;
    return request;
  }

  private async readableRequests(
    requests: StoredRequest[],
    credentials: BackstageCredentials,
  ) {
    if (requests.length === 0) return [];
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: lockstepApprovalReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) return [];
    const entities = await this.deps.access.readable(
      requests.map(r => r.entityRef),
      credentials,
    );
    return requests.filter(
      r =>
        entities.has(lower(r.entityRef)) &&
        (decision.result === AuthorizeResult.ALLOW ||
          this.authorizeConditions(decision as PolicyDecision as any, r)),
    );
  }

  private async require(
    permission: Parameters<
      PermissionsService['authorize']
    >[0][number]['permission'],
    credentials: BackstageCredentials,
    what: string,
    resourceRef?: string,
  ) {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission, ...(resourceRef && { resourceRef }) } as any],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `The permission policy does not allow you to ${what}`,
      );
    }
  }

  /** The user's groups in the catalog, and the user ref itself (an owner may be a person). */
  private async groupsOf(userRef: string): Promise<string[]> {
    if (!lower(userRef).startsWith('user:')) return [];
    const user = await this.serviceRead(userRef);
    return [
      lower(userRef),
      ...(user?.relations ?? [])
        .filter(r => r.type === 'memberOf')
        .map(r => lower(r.targetRef)),
    ];
  }

  /** Members of each group (a user ref stands for that person), from the catalog. */
  private async membersOf(groups: string[]): Promise<Map<string, string[]>> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const members = new Map<string, string[]>();
    for (const group of new Set(groups.map(lower))) {
      if (group.startsWith('user:')) {
        members.set(group, (await this.serviceRead(group)) ? [group] : []);
        continue;
      }
      const { items } = await this.deps.catalog.getEntities(
        {
          filter: { kind: 'user', 'relations.memberof': group },
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      members.set(
        group,
        items.map(user => lower(stringifyEntityRef(user))),
      );
    }
    return members;
  }

  private async serviceRead(entityRef: string): Promise<Entity | undefined> {
    return this.deps.catalog.getEntityByRef(entityRef, {
      credentials: await this.deps.auth.getOwnServiceCredentials(),
    });
  }

  private changed(id: string) {
    this.changes.emit(id);
    this.deps.signals
      ?.publish({
        recipients: { type: 'broadcast' },
        channel: 'lockstep-approvals',
        message: { id },
      })
      .catch(error =>
        this.deps.logger.warn(`Could not signal approval change: ${error}`),
      );
  }

  private async notifyStage(
    request: ApprovalRequest,
    stage: number,
    reminder = false,
  ) {
    const groups = request.policy.stages[stage]?.rules.map(r => r.group) ?? [];
    const name = request.policy.stages[stage]?.name;
    await this.notify(
      groups,
      request,
      `${reminder ? 'Reminder: approval expires soon' : 'Approval needed'}: ${
        request.title
      }`,
      `${request.requester} asks to release ${request.entityRef} ${
        request.version
      } to ${request.environment}; stage "${name}" waits for your group${
        request.expiresAt
          ? ` (expires ${request.expiresAt.slice(0, 16).replace('T', ' ')} UTC)`
          : ''
      }`,
      reminder ? 'high' : 'normal',
    );
  }

  private async notify(
    recipients: string[],
    request: ApprovalRequest,
    title: string,
    description: string,
    severity: 'normal' | 'high' = 'normal',
  ) {
    if (!this.deps.notifications || recipients.length === 0) return;
    const { kind, namespace, name } = parseEntityRef(request.entityRef);
    try {
      await this.deps.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: recipients,
          excludeEntityRef: request.requester,
        },
        payload: {
          title,
          description,
          link: `/catalog/${namespace}/${lower(
            kind,
          )}/${name}/approvals?request=${request.id}`,
          severity,
          topic: 'lockstep-approvals',
        },
      });
    } catch (error) {
      // a notification that cannot be sent must not undo a recorded decision
      this.deps.logger.warn(
        `Could not notify about approval request ${request.id}: ${error}`,
      );
    }
  }

  private async record(
    eventId: string,
    req: Request | undefined,
    meta: Record<string, unknown>,
  ) {
    const event = await this.deps.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta: meta as any,
    });
    await event.success();
  }
}
