import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import {
  refKey,
  recordReadiness,
  ApprovalRequest,
  ApprovalRequestView,
  CreateApprovalRequest,
  DecideApprovalRequest,
  DecisionRefusal,
  decideOn,
  isRefusal,
  isTerminal,
  INITIAL_APPROVAL_STATE,
  takes,
  lockstepApprovalCancelPermission,
  lockstepApprovalCreatePermission,
  lockstepApprovalDecidePermission,
  lockstepApprovalSupersedePermission,
  maySupersede,
  requestContentDigest,
  requestRefusal,
  selectApprovalPolicy,
  snapshotPolicy,
  unsatisfiableRules,
  permissionRefusal,
} from '@lockstep/backstage-plugin-lockstep-common';
import { randomUUID } from 'node:crypto';
import type { RecordAudit } from '../http/audit';
import { CatalogDirectory } from '../access/CatalogDirectory';
import { ReadinessService } from '../readiness/ReadinessService';
import { ApprovalStore, sha256 } from './ApprovalStore';
import { ApprovalNotifier } from './ApprovalNotifier';
import { ApprovalReadAccess, principalRef } from './ApprovalReadAccess';
import { ApprovalsConfig } from './config';

/** A text field that must say something: trimmed, and a 400 naming the field when blank. */
function requiredText(field: string, value: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new InputError(`${field}: must not be blank`);
  return text;
}

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
 * What callers do to requests: create, decide and cancel. Each is read as the caller sees it first,
 * then the permission framework and the frozen policy are asked, and the store applies the rules that
 * depend on the request's state again inside its transaction; every change is audited and notified.
 */
export class ApprovalCommands {
  constructor(
    private readonly deps: {
      auth: AuthService;
      permissions: PermissionsService;
      directory: CatalogDirectory;
      readiness: ReadinessService;
      store: ApprovalStore;
      config: Pick<ApprovalsConfig, 'policies' | 'supersedeGroups'>;
      reads: ApprovalReadAccess;
      notifier: ApprovalNotifier;
    },
  ) {}

  async create(
    body: CreateApprovalRequest,
    credentials: BackstageCredentials,
    recordAudit: RecordAudit,
  ): Promise<ApprovalRequestView> {
    const { reads, notifier } = this.deps;
    const requester = principalRef(credentials);
    const viewer = await reads.viewerOf(credentials);
    await this.require(
      { permission: lockstepApprovalCreatePermission },
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
      throw new InputError(requestRefusal(entityRef, environment, policy, []));
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
    const refusal = requestRefusal(
      entityRef,
      environment,
      policy,
      problems.map(p => p.message),
    );
    if (refusal) throw new InputError(refusal);
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
    for (const id of superseded) notifier.changed(id);
    notifier.changed(request.id);
    await notifier.stageWaits(request, 0);
    return reads.viewOne((await this.deps.store.get(request.id))!, viewer);
  }

  async decide(
    id: string,
    body: DecideApprovalRequest,
    credentials: BackstageCredentials,
    recordAudit: RecordAudit,
  ): Promise<ApprovalRequestView> {
    const { reads, notifier } = this.deps;
    const viewer = await reads.viewerOf(credentials);
    const request = await reads.readable(id, viewer, credentials);
    await this.require(
      { permission: lockstepApprovalDecidePermission, resourceRef: id },
      credentials,
      'decide on this request',
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
    notifier.changed(id);
    if (isTerminal(updated.state)) {
      await notifier.decided(
        updated,
        viewer.actor,
        body.decision,
        body.comment,
      );
    } else if (updated.currentStage > before) {
      await notifier.stageWaits(updated, updated.currentStage);
    }
    return reads.viewOne(updated, viewer);
  }

  async cancel(
    id: string,
    comment: string | undefined,
    credentials: BackstageCredentials,
    recordAudit: RecordAudit,
  ) {
    const { reads, notifier } = this.deps;
    const viewer = await reads.viewerOf(credentials);
    const request = await reads.readable(id, viewer, credentials);
    await this.require(
      { permission: lockstepApprovalCancelPermission, resourceRef: id },
      credentials,
      'cancel this request',
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
    notifier.changed(id);
    return reads.viewOne(updated, viewer);
  }

  /** A 403 naming `what` unless the permission framework allows `request`. */
  private async require(
    request: AuthorizePermissionRequest,
    credentials: BackstageCredentials,
    what: string,
  ) {
    const [decision] = await this.deps.permissions.authorize([request], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(permissionRefusal(what));
    }
  }
}
