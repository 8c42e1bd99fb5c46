import { ResponseError } from '@backstage/errors';
import { GraphQuery, GraphResponse } from '../graph/types';

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

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('lockstep');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
