import { ResponseError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import { GraphQuery, GraphResponse } from '../graph/types';
import {
  ApprovalAudit,
  ApprovalList,
  ApprovalListQuery,
  ApprovalRequestView,
  CreateApprovalRequest,
  DecideApprovalRequest,
} from '../approvals/types';
import {
  EntityReadiness,
  ReadinessBoard,
  ReadinessBoardQuery,
  ReadinessHistory,
  ReadinessStatus,
  SignOffRequest,
} from '../readiness/types';
import { EntityPolicies, PoliciesOverview } from '../policies/types';

/**
 * What Lockstep's backend answers. The frontend, scripts and benchmarks all go through this one client.
 *
 * @public
 */
export interface LockstepApi {
  /** Whether the backend is up. */
  getHealth(): Promise<{ status: 'ok' }>;
  /** The dependency graph around an entity. */
  getGraph(query: GraphQuery): Promise<GraphResponse>;
  /** An entity's readiness: its gates, status and what blocks it. */
  getReadiness(entityRef: string): Promise<EntityReadiness>;
  /** Signs off a gate as the caller, who must be a member of the gate's team. */
  signOff(entityRef: string, request: SignOffRequest): Promise<EntityReadiness>;
  /** Withdraws the sign-off of a gate; the comment says why. */
  revokeSignOff(
    entityRef: string,
    gateId: string,
    comment: string,
  ): Promise<EntityReadiness>;
  /** Runs the entity's checks now instead of waiting for the schedule. */
  refreshReadiness(entityRef: string): Promise<EntityReadiness>;
  /** Every sign-off, revocation, expiry and check result change of an entity, and its waits. */
  getReadinessHistory(entityRef: string): Promise<ReadinessHistory>;
  /** The readiness board: entities with a profile, oldest wait first. */
  getReadinessBoard(query?: ReadinessBoardQuery): Promise<ReadinessBoard>;
  /** The status of each of the given entities (`unknown` when no profile applies). */
  getReadinessStatuses(
    entityRefs: string[],
  ): Promise<Record<string, ReadinessStatus>>;
  /** Asks for approval to release an entity to an environment. */
  createApprovalRequest(
    request: CreateApprovalRequest,
  ): Promise<ApprovalRequestView>;
  /** Requests on an entity, in some states, or waiting for the caller (`pendingFor: 'me'`). */
  /** One page; pass `nextCursor` back as `cursor` for the next. */
  listApprovalRequests(query?: ApprovalListQuery): Promise<ApprovalList>;
  getApprovalRequest(id: string): Promise<ApprovalRequestView>;
  decideApprovalRequest(
    id: string,
    decision: DecideApprovalRequest,
  ): Promise<ApprovalRequestView>;
  cancelApprovalRequest(
    id: string,
    comment?: string,
  ): Promise<ApprovalRequestView>;
  getApprovalAudit(id: string): Promise<ApprovalAudit>;
  /** Every readiness profile and approval policy, what each applies to now, and who approves. */
  getPolicies(): Promise<PoliciesOverview>;
  /**
   * Which profile and policies apply to an entity and why, with a dry run of a request by the
   * caller for every environment a policy names, and for `environment` too.
   */
  getEntityPolicies(
    entityRef: string,
    environment?: string,
  ): Promise<EntityPolicies>;
  /** Waits up to `timeoutSeconds` for the request to be decided (a long poll, for pipelines). */
  waitForApprovalRequest(
    id: string,
    timeoutSeconds?: number,
  ): Promise<ApprovalRequestView>;
}

/** @public */
export interface LockstepClientOptions {
  /** Resolves the base URL of a plugin, such as Backstage's DiscoveryApi. */
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** A fetch that adds the caller's Backstage token, such as Backstage's FetchApi; defaults to global fetch. */
  fetchApi?: { fetch: typeof fetch };
}

/**
 * HTTP client of the Lockstep backend.
 *
 * @public
 */
export class LockstepClient implements LockstepApi {
  private readonly discoveryApi: LockstepClientOptions['discoveryApi'];
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: LockstepClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  async getHealth(): Promise<{ status: 'ok' }> {
    return this.get('/health');
  }

  async getGraph(query: GraphQuery): Promise<GraphResponse> {
    const params = new URLSearchParams({ entityRef: query.entityRef });
    if (query.direction) params.set('direction', query.direction);
    if (query.depth !== undefined) params.set('depth', String(query.depth));
    if (query.relations?.length)
      params.set('relations', query.relations.join(','));
    if (query.kinds?.length) params.set('kinds', query.kinds.join(','));
    if (query.maxNodes !== undefined)
      params.set('maxNodes', String(query.maxNodes));
    return this.get(`/graph?${params}`);
  }

  async getReadiness(entityRef: string): Promise<EntityReadiness> {
    return this.get(readinessPath(entityRef));
  }

  async signOff(
    entityRef: string,
    request: SignOffRequest,
  ): Promise<EntityReadiness> {
    return this.send('POST', `${readinessPath(entityRef)}/signoffs`, request);
  }

  async revokeSignOff(
    entityRef: string,
    gateId: string,
    comment: string,
  ): Promise<EntityReadiness> {
    return this.send(
      'DELETE',
      `${readinessPath(entityRef)}/signoffs/${encodeURIComponent(gateId)}`,
      { comment },
    );
  }

  async refreshReadiness(entityRef: string): Promise<EntityReadiness> {
    return this.send('POST', `${readinessPath(entityRef)}/refresh`);
  }

  async getReadinessHistory(entityRef: string): Promise<ReadinessHistory> {
    return this.get(`${readinessPath(entityRef)}/history`);
  }

  async getReadinessBoard(
    query: ReadinessBoardQuery = {},
  ): Promise<ReadinessBoard> {
    const params = new URLSearchParams();
    if (query.owner) params.set('owner', query.owner);
    if (query.system) params.set('system', query.system);
    if (query.team) params.set('team', query.team);
    if (query.status?.length) params.set('status', query.status.join(','));
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.offset !== undefined) params.set('offset', String(query.offset));
    const search = params.toString();
    return this.get(`/readiness${search ? `?${search}` : ''}`);
  }

  async getReadinessStatuses(
    entityRefs: string[],
  ): Promise<Record<string, ReadinessStatus>> {
    const { statuses } = await this.send<{
      statuses: Record<string, ReadinessStatus>;
    }>('POST', '/readiness/statuses', { entityRefs });
    return statuses;
  }

  async createApprovalRequest(
    request: CreateApprovalRequest,
  ): Promise<ApprovalRequestView> {
    return this.send('POST', '/approvals', request);
  }

  async listApprovalRequests(
    query: ApprovalListQuery = {},
  ): Promise<ApprovalList> {
    const params = new URLSearchParams();
    if (query.entityRef) params.set('entityRef', query.entityRef);
    if (query.state?.length) params.set('state', query.state.join(','));
    if (query.pendingFor) params.set('pendingFor', query.pendingFor);
    if (query.environment) params.set('environment', query.environment);
    if (query.requester) params.set('requester', query.requester);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    const search = params.toString();
    return this.get<ApprovalList>(`/approvals${search ? `?${search}` : ''}`);
  }

  async getApprovalRequest(id: string): Promise<ApprovalRequestView> {
    return this.get(`/approvals/${encodeURIComponent(id)}`);
  }

  async decideApprovalRequest(
    id: string,
    decision: DecideApprovalRequest,
  ): Promise<ApprovalRequestView> {
    return this.send(
      'POST',
      `/approvals/${encodeURIComponent(id)}/decisions`,
      decision,
    );
  }

  async cancelApprovalRequest(
    id: string,
    comment?: string,
  ): Promise<ApprovalRequestView> {
    return this.send(
      'POST',
      `/approvals/${encodeURIComponent(id)}/cancel`,
      comment ? { comment } : {},
    );
  }

  async getApprovalAudit(id: string): Promise<ApprovalAudit> {
    return this.get(`/approvals/${encodeURIComponent(id)}/audit`);
  }

  async waitForApprovalRequest(
    id: string,
    timeoutSeconds = 30,
  ): Promise<ApprovalRequestView> {
    return this.get(
      `/approvals/${encodeURIComponent(id)}/wait?timeout=${timeoutSeconds}`,
    );
  }

  async getPolicies(): Promise<PoliciesOverview> {
    return this.get('/policies');
  }

  async getEntityPolicies(
    entityRef: string,
    environment?: string,
  ): Promise<EntityPolicies> {
    const query = environment?.trim()
      ? `?${new URLSearchParams({ environment: environment.trim() })}`
      : '';
    return this.get(`${entityPath('/policies', entityRef)}${query}`);
  }

  private async get<T>(path: string): Promise<T> {
    return this.send('GET', path);
  }

  private async send<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('lockstep');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body !== undefined && {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** `{base}/{kind}/{namespace}/{name}` of an entity ref. */
function entityPath(base: string, entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `${base}/${[kind, namespace, name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/')}`;
}

/** `/readiness/{kind}/{namespace}/{name}` of an entity ref. */
function readinessPath(entityRef: string): string {
  return entityPath('/readiness', entityRef);
}
