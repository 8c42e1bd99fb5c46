import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

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

  /** The subset of `entityRefs` the caller may read, as lower-case refs. */
  async readable(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const lower = entityRefs.map(ref => ref.toLocaleLowerCase('en-US'));
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return new Set(lower);
    if (decision.result === AuthorizeResult.DENY || lower.length === 0) {
      return new Set();
    }
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: lower,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    return new Set(lower.filter((_, i) => items[i]));
  }

  async canRead(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    return (await this.readable([entityRef], credentials)).size > 0;
  }
}
