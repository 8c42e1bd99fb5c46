import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ReadDecisionStore } from './ReadDecisionStore';

/**
 * How long a remembered decision stands for its user. The conditions are applied to the entity as
 * it is now; what ages is the user's side of them (their teams, their ownership claims).
 */
export const DECISION_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Recipients of a message about an entity, by what they may be told. */
export interface SortedRecipients {
  /** May read the entity, by their own latest decision: may be told what it is about. */
  readers: string[];
  /** No decision of theirs is known (or it is too old): may be told only that something waits. */
  unknown: string[];
}

/**
 * Whether the recipients of a notification may read its entity. Backstage decides permissions only
 * under the credentials of the one asking, and a notification is sent while someone else asks; so
 * each user's catalog read decision is remembered whenever they call Lockstep (`CatalogReadAccess`)
 * and applied here to the entity: ALLOW reads it, DENY does not, and the conditions of a conditional
 * decision are applied by the catalog itself, through the endpoint the permission backend uses for
 * the same purpose. Without the permission framework everyone reads everything.
 */
export class RecipientAccess {
  constructor(
    private readonly deps: {
      store: ReadDecisionStore;
      auth: AuthService;
      discovery: DiscoveryService;
      logger: LoggerService;
      permissionsEnabled: boolean;
    },
  ) {}

  async sort(users: string[], entityRef: string): Promise<SortedRecipients> {
    if (!this.deps.permissionsEnabled) return { readers: users, unknown: [] };
    const remembered = await this.deps.store.recall(users);
    const readers: string[] = [];
    const unknown: string[] = [];
    const conditional: Array<{ user: string; decision: any }> = [];
    const oldest = Date.now() - DECISION_MAX_AGE_MS;
    for (const user of users) {
      const known = remembered.get(user.toLocaleLowerCase('en-US'));
      if (!known || Date.parse(known.decidedAt) < oldest) unknown.push(user);
      else if (known.decision.result === AuthorizeResult.ALLOW)
        readers.push(user);
      else if (known.decision.result === AuthorizeResult.CONDITIONAL) {
        conditional.push({ user, decision: known.decision });
      }
    }
    if (conditional.length > 0) {
      const allowed = await this.applyConditions(conditional, entityRef);
      conditional.forEach(({ user }, i) => {
        if (allowed[i] === undefined) unknown.push(user);
        else if (allowed[i]) readers.push(user);
      });
    }
    return { readers, unknown };
  }

  /** Per entry, whether its conditions allow reading the entity; undefined where the catalog could not say. */
  private async applyConditions(
    entries: Array<{ user: string; decision: any }>,
    entityRef: string,
  ): Promise<Array<boolean | undefined>> {
    try {
      const { token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
        targetPluginId: 'catalog',
      });
      const base = await this.deps.discovery.getBaseUrl('catalog');
      const response = await fetch(
        `${base}/.well-known/backstage/permissions/apply-conditions`,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${token}`,
          },
          body: JSON.stringify({
            items: entries.map(({ decision }, i) => ({
              id: String(i),
              resourceRef: entityRef,
              resourceType: decision.resourceType,
              conditions: decision.conditions,
            })),
          }),
        },
      );
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { items } = (await response.json()) as {
        items: Array<{ id: string; result: AuthorizeResult }>;
      };
      const byId = new Map(items.map(item => [item.id, item.result]));
      return entries.map((_, i) => {
        const result = byId.get(String(i));
        return result === undefined
          ? undefined
          : result === AuthorizeResult.ALLOW;
      });
    } catch (error) {
      // told less, never more: a recipient whose access is not known hears only that something waits
      this.deps.logger.warn(
        `Could not apply catalog read conditions for notification recipients: ${error}`,
      );
      return entries.map(() => undefined);
    }
  }
}
