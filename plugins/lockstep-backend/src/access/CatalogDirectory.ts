import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { refKey } from '@lockstep/backstage-plugin-lockstep-common';

/**
 * Who is who, from the catalog, read as the plugin: an entity, a user's groups, a group's members,
 * whether someone is on a team. Readiness and approvals both ask it, so membership means one thing.
 * These reads decide who may act; what a caller may *see* is `CatalogReadAccess`'s job.
 */
export class CatalogDirectory {
  constructor(
    private readonly deps: { auth: AuthService; catalog: CatalogService },
  ) {}

  /** The entity, read with the plugin's own credentials. */
  async entity(entityRef: string): Promise<Entity | undefined> {
    return this.deps.catalog.getEntityByRef(entityRef, {
      credentials: await this.deps.auth.getOwnServiceCredentials(),
    });
  }

  /**
   * A user's ownership refs, lower-case: their own ref and their groups. Empty for anything that
   * is not a user (a service principal belongs to no group).
   */
  async groupsOf(userRef: string): Promise<string[]> {
    if (!refKey(userRef).startsWith('user:')) return [];
    const user = await this.entity(userRef);
    return [
      refKey(userRef),
      ...(user?.relations ?? [])
        .filter(r => r.type === 'memberOf')
        .map(r => refKey(r.targetRef)),
    ];
  }

  /** Whether the user is the team (a user-owned entity) or a member of it. */
  async isMember(userRef: string, teamRef: string): Promise<boolean> {
    if (refKey(userRef) === refKey(teamRef)) return true;
    const user = await this.entity(userRef);
    return (user?.relations ?? []).some(
      r => r.type === 'memberOf' && refKey(r.targetRef) === refKey(teamRef),
    );
  }

  /** Members of each group, lower-case (a user ref stands for that person, if it exists). */
  async membersOf(groups: string[]): Promise<Map<string, string[]>> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const members = new Map<string, string[]>();
    for (const group of new Set(groups.map(refKey))) {
      if (group.startsWith('user:')) {
        members.set(group, (await this.entity(group)) ? [group] : []);
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
        items.map(user => refKey(stringifyEntityRef(user))),
      );
    }
    return members;
  }
}
