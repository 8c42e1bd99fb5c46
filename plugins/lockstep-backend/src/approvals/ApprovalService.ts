import { refKey } from '@lockstep/backstage-plugin-lockstep-common';
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
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
  readinessAsSeenBy,
  recordReadiness,
  refsInReadinessRecord,
  APPROVALS_SIGNAL_CHANNEL,
  ApprovalList,
  ApprovalListQuery,
  ApprovalRequest,
  ApprovalRequestView,
  AuditEntry,
  AuditChainVerdict,
  CreateApprovalRequest,
  DecideApprovalRequest,
  DecisionRefusal,
  decideOn,
  eligibleFor,
  evaluateRequest,
  isRefusal,
  isTerminal,
  APPROVAL_STATE_MACHINE,
  INITIAL_APPROVAL_STATE,
  statesTaking,
  takes,
  lockstepApprovalCancelPermission,
  lockstepApprovalCreatePermission,
  lockstepApprovalDecidePermission,
  lockstepApprovalReadPermission,
  lockstepApprovalSupersedePermission,
  maySupersede,
  requestContentDigest,
  selectApprovalPolicy,
  snapshotPolicy,
  unsatisfiableRules,
  verifyRequestRecord,
} from '@lockstep/backstage-plugin-lockstep-common';
import { randomUUID } from 'node:crypto';
import type { RecordAudit } from '../http/audit';
import { CatalogDirectory } from '../access/CatalogDirectory';
import { CatalogReadAccess, CatalogReadScope } from '../access/catalogAccess';
import { RecipientAccess } from '../access/RecipientAccess';
import { ReadinessService } from '../readiness/ReadinessService';
import {
  ApprovalStore,
  ListPosition,
  sha256,
  StoredRequest,
} from './ApprovalStore';
import { ApprovalWaiter } from './ApprovalWaiter';
import { decodeCursor, encodeCursor, positionOf } from './listCursor';
import { ApprovalsConfig } from './config';
import { approvalPermissionRules } from './permissionRules';

/** Whether a principal is a catalog entity (a pipeline's service principal is not). */
const isEntityRef = (ref: string) => {
  try {
    parseEntityRef(ref);
    return /^(user|group):/i.test(ref);
  } catch {
    return false;
  }
};

/** A text field that must say something: trimmed, and a 400 naming the field when blank. */
function requiredText(field: string, value: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new InputError(`${field}: must not be blank`);
  return text;
}
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

/** Who is asking, with their groups read once per call. */
interface Viewer {
  actor: string;
  groups: string[];
  /** What the caller may read in the catalog: decided once per call. */
  scope: CatalogReadScope;
}

const DEFAULT_PAGE = 100;
/** The inbox reads the pending requests in batches of this many. */
const INBOX_BATCH = 500;

const refusalError = (refusal: DecisionRefusal) => {
  switch (refusal.refused) {
    case 'conflict':
      return new ConflictError(refusal.message);
    case 'forbidden':
      return new NotAllowedError(refusal.message);
    default:
      return new InputError(refusal.message);
  }
};

/**
 * Release and change requests: created under the policy that applies, decided by approver groups,
 * with every transition audited, notified and signalled. The backend guards every action: the
 * permission framework first (adopters can tighten it), then the policy frozen on the request, and
 * every rule that depends on the request's current state is applied again inside the transaction
 * that writes, with the request row locked, so that a decision is judged on what is stored.
 */
export class ApprovalService {
  private readonly waiter: ApprovalWaiter;
  private readonly authorizeConditions = createConditionAuthorizer(
    Object.values(approvalPermissionRules),
  );

  constructor(
    private readonly deps: {
      auth: AuthService;
      catalog: CatalogService;
      permissions: PermissionsService;
      access: CatalogReadAccess;
      directory: CatalogDirectory;
      recipients: RecipientAccess;
      readiness: ReadinessService;
      store: ApprovalStore;
      config: ApprovalsConfig;
      notifications?: NotificationService;
      signals?: SignalsService;
      logger: LoggerService;
    },
  ) {
    this.waiter = new ApprovalWaiter({
      states: ids => deps.store.states(ids),
      logger: deps.logger,
    });
  }

  async create(
    body: CreateApprovalRequest,
    credentials: BackstageCredentials,
    recordAudit: RecordAudit,
  ): Promise<ApprovalRequestView> {
    const requester = principalRef(credentials);
    const viewer = await this.viewerOf(credentials);
    await this.require(
      lockstepApprovalCreatePermission,
      credentials,
      'create approval requests',
    );
    const title = requiredText('title', body.title);
    const environment = requiredText('environment', body.environment);
    const version = requiredText('version', body.version);
    const description = body.description?.trim() || undefined;
    let ref;
    try {
      ref = stringifyEntityRef(parseEntityRef(body.entityRef));
    } catch (error) {
      throw new InputError(`entityRef: ${(error as Error).message}`);
    }
    const notFound = new NotFoundError(`No entity '${ref}' in the catalog`);
    if ((await viewer.scope.readable([ref])).size === 0) throw notFound;
    const entity = await this.deps.directory.entity(ref);
    if (!entity) throw notFound;
    const entityRef = stringifyEntityRef(entity);

    const policy = selectApprovalPolicy(
      entity,
      environment,
      this.deps.config.policies,
    );
    if (!policy) {
      throw new InputError(
        `No approval policy applies to ${entityRef} in environment '${environment}'; ask your platform team to add one under lockstep.approvals.policies`,
      );
    }
    const owner = entity.relations?.find(r => r.type === 'ownedBy')?.targetRef;
    const snapshot = snapshotPolicy(policy, entity, owner);
    const members = await this.deps.directory.membersOf(
      snapshot.stages.flatMap(s => s.rules.map(r => r.group)),
    );
    const problems = unsatisfiableRules(
      snapshot,
      group => members.get(refKey(group)) ?? [],
      requester,
    );
    if (problems.length > 0) {
      throw new InputError(
        `Policy '${policy.id}' cannot be satisfied for this request: ${problems
          .map(p => p.message)
          .join('; ')}`,
      );
    }
    // Who may replace an open request, decided now and applied inside the transaction to the open
    // request it finds there (which may be another than any read here).
    const actorGroups = viewer.groups;
    const supersedeDecision = await this.deps.permissions.authorize(
      [{ permission: lockstepApprovalSupersedePermission }],
      { credentials },
    );
    const supersedeAllowedByPolicy =
      supersedeDecision[0].result === AuthorizeResult.ALLOW;

    const readiness = await this.deps.readiness
      .getReadiness(entityRef, await this.deps.auth.getOwnServiceCredentials())
      .catch(() => undefined);
    const now = new Date();
    const request: ApprovalRequest = {
      id: randomUUID(),
      entityRef,
      title,
      ...(description && { description }),
      environment,
      version,
      requester,
      state: INITIAL_APPROVAL_STATE,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      ...(snapshot.expiresAfterMs && {
        expiresAt: new Date(
          now.getTime() + snapshot.expiresAfterMs,
        ).toISOString(),
      }),
      policy: snapshot,
      ...(readiness && { readinessAtCreation: recordReadiness(readiness) }),
      decisions: [],
      currentStage: 0,
    };
    const superseded = await this.deps.store.create(
      request,
      {
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
          contentDigest: requestContentDigest(request, sha256),
        },
      },
      open => {
        if (!supersedeAllowedByPolicy) {
          throw new NotAllowedError(
            `Request ${open.id} for ${open.environment} is open, and the permission policy does not allow you to replace it`,
          );
        }
        const verdict = maySupersede(open, {
          actor: requester,
          actorGroups,
          owner,
          adminGroups: this.deps.config.supersedeGroups,
        });
        if (!verdict.allowed) throw new NotAllowedError(verdict.reason);
      },
    );
    await recordAudit('approval-request-created', {
      requestId: request.id,
      entityRef,
      superseded,
    });
    for (const id of superseded) this.changed(id);
    this.changed(request.id);
    await this.notifyStage(request, 0);
    return this.viewOne((await this.deps.store.get(request.id))!, viewer);
  }

  /**
   * One page of requests the caller may read: open first, then newest first. The inbox
   * (`pendingFor`) holds every pending request the caller may decide now, oldest first, with their
   * total: it reads all pending requests (one per entity and environment at most), since whether
   * someone may decide is known only per request.
   */
  async list(
    query: ApprovalListQuery,
    credentials: BackstageCredentials,
  ): Promise<ApprovalList> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const viewer = await this.viewerOf(credentials);
    if (query.entityRef) {
      let ref;
      try {
        ref = stringifyEntityRef(parseEntityRef(query.entityRef));
      } catch (error) {
        throw new InputError(`entityRef: ${(error as Error).message}`);
      }
      // an entity the caller may not read lists as an unknown one does, after the same work
      if ((await viewer.scope.readable([ref])).size === 0) {
        return { items: [], ...(query.pendingFor && { total: 0 }) };
      }
    }
    if (query.pendingFor) {
      const waiting: StoredRequest[] = [];
      let position: ListPosition | undefined;
      for (;;) {
        const batch = await this.deps.store.list({
          entityRef: query.entityRef,
          states: statesTaking('approve'),
          order: 'oldest-first',
          after: position,
          limit: INBOX_BATCH,
        });
        const readable = await this.readableRequests(
          batch,
          viewer,
          credentials,
        );
        waiting.push(...readable.filter(r => this.canDecide(r, viewer)));
        if (batch.length < INBOX_BATCH) break;
        position = positionOf(batch[batch.length - 1]);
      }
      const start = after
        ? waiting.findIndex(
            r =>
              r.createdAt > after.createdAt ||
              (r.createdAt === after.createdAt && r.id > after.id),
          )
        : 0;
      const page = start < 0 ? [] : waiting.slice(start, start + limit);
      const more = start >= 0 && start + limit < waiting.length;
      return {
        items: await this.views(page, viewer),
        ...(more && { nextCursor: encodeCursor(positionOf(page.at(-1)!)) }),
        total: waiting.length,
      };
    }

    // Pages of the store until a page of readable requests is full; the cursor is the last one shown.
    const items: StoredRequest[] = [];
    let position = after;
    let exhausted = false;
    while (items.length < limit && !exhausted) {
      const want = limit - items.length;
      const batch = await this.deps.store.list({
        entityRef: query.entityRef,
        states: query.state,
        order: 'open-first',
        after: position,
        limit: want + 1,
      });
      exhausted = batch.length <= want;
      const considered = batch.slice(0, want);
      items.push(
        ...(await this.readableRequests(considered, viewer, credentials)),
      );
      if (considered.length > 0)
        position = positionOf(considered[considered.length - 1]);
    }
    return {
      items: await this.views(items, viewer),
      ...(!exhausted && position && { nextCursor: encodeCursor(position) }),
    };
  }

  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequestView> {
    const viewer = await this.viewerOf(credentials);
    const request = await this.readable(id, viewer, credentials);
    return this.viewOne(request, viewer);
  }

  async decide(
    id: string,
    body: DecideApprovalRequest,
    credentials: BackstageCredentials,
    recordAudit: RecordAudit,
  ): Promise<ApprovalRequestView> {
    const viewer = await this.viewerOf(credentials);
    const request = await this.readable(id, viewer, credentials);
    await this.require(
      lockstepApprovalDecidePermission,
      credentials,
      'decide on this request',
      id,
    );
    const input = {
      actor: viewer.actor,
      groups: viewer.groups,
      decision: body.decision,
      comment: body.comment,
      stage: body.stage,
    };
    // Checked first on what was read, so that nobody ineligible waits for a readiness evaluation;
    // what decides is the check inside the transaction below.
    const early = decideOn(request, { ...input, at: new Date().toISOString() });
    if (isRefusal(early)) throw refusalError(early);
    if (body.decision === 'approve' && request.policy.requireReadiness) {
      // as the caller sees it: the refusal names only what the caller may read
      const now = await this.deps.readiness.getReadiness(
        request.entityRef,
        credentials,
      );
      if (now.status !== 'ready' && now.status !== 'at-risk') {
        throw new ConflictError(
          `This policy approves only ready entities; ${request.entityRef} is ${now.status}: ${now.reason}`,
        );
      }
    }

    const before = request.currentStage;
    const updated = await this.deps.store.decide(id, current => {
      const outcome = decideOn(current, {
        ...input,
        at: new Date().toISOString(),
      });
      if (isRefusal(outcome)) throw refusalError(outcome);
      return outcome;
    });
    await recordAudit('approval-request-decided', {
      requestId: id,
      decision: body.decision,
      state: updated.state,
    });
    this.changed(id);
    if (isTerminal(updated.state)) {
      const comment = body.comment?.trim();
      await this.notify(
        [updated.requester],
        updated,
        `${APPROVAL_STATE_MACHINE[updated.state].label}: ${updated.title}`,
        `${updated.entityRef} ${updated.version} to ${
          updated.environment
        } was ${updated.state} by ${viewer.actor}${
          comment && body.decision === 'reject' ? `: ${comment}` : ''
        }`,
        { toRequester: true, neutralTitle: 'One of your requests was decided' },
      );
    } else if (updated.currentStage > before) {
      await this.notifyStage(updated, updated.currentStage);
    }
    return this.viewOne(updated, viewer);
  }

  async cancel(
    id: string,
    comment: string | undefined,
    credentials: BackstageCredentials,
    recordAudit: RecordAudit,
  ) {
    const viewer = await this.viewerOf(credentials);
    const request = await this.readable(id, viewer, credentials);
    await this.require(
      lockstepApprovalCancelPermission,
      credentials,
      'cancel this request',
      id,
    );
    const actor = principalRef(credentials);
    if (refKey(actor) !== refKey(request.requester)) {
      throw new NotAllowedError('Only the requester can cancel a request');
    }
    if (!takes(request.state, 'cancel'))
      throw new ConflictError(`Request ${id} is already ${request.state}`);
    const updated = await this.deps.store.apply(
      id,
      'cancel',
      new Date().toISOString(),
      { actor, data: comment ? { comment } : {} },
    );
    await recordAudit('approval-request-cancelled', { requestId: id });
    this.changed(id);
    return this.viewOne(updated, viewer);
  }

  async audit(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<{ entries: AuditEntry[]; verification: AuditChainVerdict }> {
    const request = await this.readable(
      id,
      await this.viewerOf(credentials),
      credentials,
    );
    const entries = await this.deps.store.audit(id);
    return {
      entries,
      verification: verifyRequestRecord(
        request,
        entries,
        sha256,
        request.auditHead,
      ),
    };
  }

  /**
   * Long poll: answers as soon as the request is decided, or when `timeoutSeconds` pass. Undefined
   * when `signal` aborts (the client went away), so nothing is built for nobody.
   */
  async wait(
    id: string,
    timeoutSeconds: number,
    credentials: BackstageCredentials,
    signal?: AbortSignal,
  ): Promise<ApprovalRequestView | undefined> {
    const viewer = await this.viewerOf(credentials);
    let request = await this.readable(id, viewer, credentials);
    if (!isTerminal(request.state)) {
      const outcome = await this.waiter.wait(id, timeoutSeconds * 1000, signal);
      if (outcome === 'aborted') return undefined;
      request = (await this.deps.store.get(id)) ?? request;
    }
    return this.viewOne(request, viewer);
  }

  /** Open long polls on this replica. */
  get waiting() {
    return this.waiter.size;
  }

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
  private async expire(
    id: string,
  ): Promise<{ request: StoredRequest; expired: boolean }> {
    try {
      const request = await this.deps.store.apply(
        id,
        'expire',
        new Date().toISOString(),
        { data: {} },
      );
      this.changed(id);
      await this.notify(
        [request.requester],
        request,
        `Expired: ${request.title}`,
        `Nobody completed the approval of ${request.entityRef} ${request.version} to ${request.environment} in time`,
        { toRequester: true, neutralTitle: 'One of your requests expired' },
      );
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
      await this.notifyStage(request, request.currentStage, true);
    return due.length;
  }

  // ------------------------------------------------------------------ helpers

  private async viewerOf(credentials: BackstageCredentials): Promise<Viewer> {
    const actor = principalRef(credentials);
    const [groups, scope] = await Promise.all([
      this.deps.directory.groupsOf(actor),
      this.deps.access.scope(credentials),
    ]);
    return { actor, groups, scope };
  }

  private canDecide(request: StoredRequest, viewer: Viewer): boolean {
    return this.eligibility(request, viewer).eligible;
  }

  private eligibility(request: StoredRequest, viewer: Viewer) {
    const progress = evaluateRequest(
      request.policy,
      request.decisions,
      request.requester,
    );
    return {
      progress,
      ...eligibleFor(
        request.policy,
        { ...progress, state: request.state },
        viewer.actor,
        viewer.groups,
        request.requester,
      ),
    };
  }

  /** Views of requests, with one permission check for every entity their records name. */
  private async views(
    requests: StoredRequest[],
    viewer: Viewer,
  ): Promise<ApprovalRequestView[]> {
    await viewer.scope.readable(
      requests.flatMap(r =>
        r.readinessAtCreation
          ? refsInReadinessRecord(r.readinessAtCreation)
          : [],
      ),
    );
    return requests.map(r => this.view(r, viewer));
  }

  private async viewOne(request: StoredRequest, viewer: Viewer) {
    return (await this.views([request], viewer))[0];
  }

  /** After `views` has checked what the request's record names. */
  private view(request: StoredRequest, viewer: Viewer): ApprovalRequestView {
    const {
      auditHead: _head,
      remindedAt: _reminded,
      readinessAtCreation,
      ...shown
    } = request;
    const { progress, eligible, reason } = this.eligibility(request, viewer);
    return {
      ...shown,
      ...(readinessAtCreation && {
        readinessAtCreation: readinessAsSeenBy(readinessAtCreation, {
          all: viewer.scope.all,
          canRead: ref => viewer.scope.knows(ref),
        }),
      }),
      progress,
      viewer: {
        canDecide: eligible,
        ...(reason && { reason }),
        canCancel:
          takes(request.state, 'cancel') &&
          refKey(viewer.actor) === refKey(request.requester),
      },
    };
  }

  /** The request, if it exists and the caller may read it and its entity; otherwise 404. */
  private async readable(
    id: string,
    viewer: Viewer,
    credentials: BackstageCredentials,
  ): Promise<StoredRequest> {
    let request = await this.deps.store.get(id);
    const notFound = new NotFoundError(`No approval request ${id}`);
    if (!request) {
      // the same checks as for a request the caller may not read, so that the time tells nothing
      await this.deps.permissions.authorize(
        [{ permission: lockstepApprovalReadPermission, resourceRef: id }],
        { credentials },
      );
      await viewer.scope.readable([`component:default/${id}`]);
      throw notFound;
    }
    if (
      takes(request.state, 'expire') &&
      request.expiresAt &&
      request.expiresAt <= new Date().toISOString()
    ) {
      // expired since the last sweep: record it now, so that nobody decides on an expired request
      request = (await this.expire(id)).request;
    }
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: lockstepApprovalReadPermission, resourceRef: id }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) throw notFound;
    if ((await viewer.scope.readable([request.entityRef])).size === 0)
      throw notFound;
    return request;
  }

  private async readableRequests(
    requests: StoredRequest[],
    viewer: Viewer,
    credentials: BackstageCredentials,
  ) {
    if (requests.length === 0) return [];
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: lockstepApprovalReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) return [];
    const entities = await viewer.scope.readable(
      requests.map(r => r.entityRef),
    );
    return requests.filter(
      r =>
        entities.has(refKey(r.entityRef)) &&
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

  private changed(id: string) {
    this.waiter.notify(id);
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
      {
        severity: reminder ? 'high' : 'normal',
        neutralTitle: reminder
          ? 'Reminder: an approval expires soon'
          : 'Approval needed',
      },
    );
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
