import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  buildGraphTopology,
  GraphTopology,
} from '@lockstep/backstage-plugin-lockstep-common';
import { GraphJsonWriter } from './serialiseGraph';

/** A topology, when it was read from the catalog, and its pieces of JSON for answers. */
export interface GraphSnapshot {
  topology: GraphTopology;
  indexedAt: Date;
  json: GraphJsonWriter;
}

/** Only what the graph needs: about a tenth of a full entity. */
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.type',
  'spec.lifecycle',
  'relations',
];

/**
 * The catalog's topology in memory, so that a graph request costs a walk instead of catalog round
 * trips. Each refresh streams the catalog in pages with a field projection (as the service itself,
 * seeing every entity) into a new immutable snapshot that replaces the old one at once; requests are
 * answered from whichever snapshot is current. Permissions are applied per request, not here.
 */
export class GraphIndex {
  private snapshot?: GraphSnapshot;
  private refreshing?: Promise<GraphSnapshot>;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
  ) {}

  /** The current snapshot; the first call waits for the first load. */
  async current(): Promise<GraphSnapshot> {
    return this.snapshot ?? this.refresh();
  }

  /** Reads the catalog again; concurrent callers share one read. */
  refresh(): Promise<GraphSnapshot> {
    this.refreshing ??= this.load().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async load(): Promise<GraphSnapshot> {
    const started = Date.now();
    const credentials = await this.auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    for await (const page of this.catalog.streamEntities(
      { fields: FIELDS, pageSize: 1000 },
      { credentials },
    )) {
      entities.push(...page);
    }
    const topology = buildGraphTopology(entities);
    const snapshot = {
      topology,
      indexedAt: new Date(started),
      json: new GraphJsonWriter(topology),
    };
    this.snapshot = snapshot;
    this.logger.debug(
      `Graph index: ${entities.length} entities in ${Date.now() - started} ms`,
    );
    return snapshot;
  }
}
