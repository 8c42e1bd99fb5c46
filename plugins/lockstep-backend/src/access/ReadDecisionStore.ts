import { refKey } from '@lockstep/backstage-plugin-lockstep-common';
import { PolicyDecision } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';

/** A user's catalog read decision and when it was made. */
export interface RememberedDecision {
  decision: PolicyDecision;
  decidedAt: string;
}

/** The catalog read decision last made for each user under their own credentials. */
export interface ReadDecisionStore {
  remember(userRef: string, decision: PolicyDecision, at: Date): Promise<void>;
  /** By lower-case user ref; users with nothing remembered are left out. */
  recall(userRefs: string[]): Promise<Map<string, RememberedDecision>>;
}

const TABLE = 'read_decisions';

/** The remembered read decisions in the plugin's database. */
export class DatabaseReadDecisionStore implements ReadDecisionStore {
  private constructor(private readonly knex: Knex) {}

  /** A store on the plugin's database, which `migrateDatabase` has brought up to date. */
  static create(options: { knex: Knex }): DatabaseReadDecisionStore {
    return new DatabaseReadDecisionStore(options.knex);
  }

  async remember(userRef: string, decision: PolicyDecision, at: Date) {
    await this.knex(TABLE)
      .insert({
        user_ref: refKey(userRef),
        decision: JSON.stringify(decision),
        decided_at: at.toISOString(),
      })
      .onConflict('user_ref')
      .merge();
  }

  async recall(userRefs: string[]) {
    const found = new Map<string, RememberedDecision>();
    const refs = [...new Set(userRefs.map(refKey))];
    // in chunks, under every database's limit on bound parameters
    for (let i = 0; i < refs.length; i += 500) {
      const rows = await this.knex(TABLE)
        .whereIn('user_ref', refs.slice(i, i + 500))
        .select('user_ref', 'decision', 'decided_at');
      for (const row of rows) {
        found.set(row.user_ref, {
          decision: JSON.parse(row.decision),
          decidedAt: row.decided_at,
        });
      }
    }
    return found;
  }
}
