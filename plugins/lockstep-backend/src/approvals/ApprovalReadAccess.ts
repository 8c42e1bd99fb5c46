import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  refKey,
  readinessAsSeenBy,
  refsInReadinessRecord,
  ApprovalRequestView,
  eligibleFor,
  evaluateRequest,
  takes,
  lockstepApprovalReadPermission,
} from '@lockstep/backstage-plugin-lockstep-common';
import { CatalogDirectory } from '../access/CatalogDirectory';
import { CatalogReadAccess, CatalogReadScope } from '../access/catalogAccess';
import { ApprovalStore, StoredRequest } from './ApprovalStore';
import { ApprovalExpiry } from './ApprovalExpiry';
import { approvalPermissionRules } from './permissionRules';

/** The user entity ref of a user, otherwise the subject of a service principal. */
export const principalRef = (credentials: BackstageCredentials): string => {
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
export interface Viewer {
  actor: string;
  groups: string[];
  /** What the caller may read in the catalog: decided once per call. */
  scope: CatalogReadScope;
}

/**
 * Who may read which request, and what a request looks like to its reader: the permission
 * framework and the catalog both have to allow it, and a request that may not be read is as unknown
 * as one that does not exist, down to the work done to say so.
 */
export class ApprovalReadAccess {
  private readonly authorizeConditions = createConditionAuthorizer(
    Object.values(approvalPermissionRules),
  );

  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      access: CatalogReadAccess;
      directory: CatalogDirectory;
      store: ApprovalStore;
      expiry: ApprovalExpiry;
    },
  ) {}

  async viewerOf(credentials: BackstageCredentials): Promise<Viewer> {
    const actor = principalRef(credentials);
    const [groups, scope] = await Promise.all([
      this.deps.directory.groupsOf(actor),
      this.deps.access.scope(credentials),
    ]);
    return { actor, groups, scope };
  }

  canDecide(request: StoredRequest, viewer: Viewer): boolean {
    return this.eligibility(request, viewer).eligible;
  }

  /** The request, if it exists and the caller may read it and its entity; otherwise 404. */
  async readable(
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
      request = (await this.deps.expiry.expire(id)).request;
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

  /**
   * Whether the caller may read every request `filter` takes, so that they can be counted without
   * reading each: the permission framework allows all requests, and the catalog the entity asked
   * about (already found readable) or every entity.
   */
  async readsEvery(
    filter: { entityRef?: string },
    viewer: Viewer,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (!filter.entityRef && !viewer.scope.all) return false;
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: lockstepApprovalReadPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** Those of `requests` the caller may read, with one permission check for all of them. */
  async readableRequests(
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
          this.authorizeConditions(decision, r)),
    );
  }

  /** Views of requests, with one permission check for every entity their records name. */
  async views(
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

  async viewOne(request: StoredRequest, viewer: Viewer) {
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
}
