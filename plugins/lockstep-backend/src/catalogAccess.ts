import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/** What one permission decision lets a caller read. */
export interface CatalogReadScope {
  /** ALLOW: every entity, without reading the catalog. */
  all: boolean;
  /** The subset of `entityRefs` the caller may read, as lower-case refs. */
  readable(entityRefs: string[]): Promise<Set<string>>;
}

const lowerCase = (refs: string[]) =>
  refs.map(ref => ref.toLocaleLowerCase('en-US'));

/**
 * Which entities a caller may read in the catalog, with one permission decision per call: ALLOW needs
 * no catalog read, DENY reads nothing, a CONDITIONAL decision costs one batched read under the
 * caller's own credentials, so the catalog applies the adopter's policy itself.
 */
export class CatalogReadAccess {
  constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
  ) {}

  /** Decides once; the scope answers for any number of entities afterwards. */
  async scope(credentials: BackstageCredentials): Promise<CatalogReadScope> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return { all: true, readable: async refs => new Set(lowerCase(refs)) };
    }
    if (decision.result === AuthorizeResult.DENY) {
      return { all: false, readable: async () => new Set() };
    }
    return {
      all: false,
      readable: async refs => {
        const lower = lowerCase(refs);
        if (lower.length === 0) return new Set();
        const { items } = await this.catalog.getEntitiesByRefs(
          {
            entityRefs: lower,
            fields: ['kind', 'metadata.namespace', 'metadata.name'],
          },
          { credentials },
        );
        return new Set(lower.filter((_, i) => items[i]));
      },
    };
  }

  /** The subset of `entityRefs` the caller may read, as lower-case refs. */
  async readable(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    return (await this.scope(credentials)).readable(entityRefs);
  }

  async canRead(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    return (await this.readable([entityRef], credentials)).size > 0;
  }
}
