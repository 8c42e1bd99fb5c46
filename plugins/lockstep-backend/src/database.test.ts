import { mockServices } from '@backstage/backend-test-utils';
import {
  chainEntry,
  verifyAuditChain,
} from '@lockstep/backstage-plugin-lockstep-common';
import { sha256 } from './approvals/ApprovalStore';
import { migrateDatabase, migrationsDirectory } from './database';
import { createTestDatabases } from './__testUtils__/testDatabases';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('migrations on %s', databaseId => {
  it('applies every migration and rolls all of them back', async () => {
    const knex = await databases.init(databaseId);
    const client = await migrateDatabase(
      mockServices.database({ knex, migrations: { skip: false } }),
    );

    const [completed, pending] = await client.migrate.list({
      directory: migrationsDirectory,
    });
    expect(pending).toEqual([]);
    expect(completed.map((m: { name: string }) => m.name)).toContain(
      '20261123000000_init.js',
    );

    await client.migrate.rollback({ directory: migrationsDirectory }, true);
    const [afterRollback] = await client.migrate.list({
      directory: migrationsDirectory,
    });
    expect(afterRollback).toEqual([]);
    await knex.destroy();
  });

  it('leaves one open request per entity and environment, superseding older duplicates in their chains', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.up({ directory: migrationsDirectory });
    await knex.migrate.up({ directory: migrationsDirectory });
    await knex.migrate.up({ directory: migrationsDirectory });
    const [done] = await knex.migrate.list({ directory: migrationsDirectory });
    expect(done.map((m: { name: string }) => m.name).at(-1)).toBe(
      '20261124010000_approvals.js',
    );
    // what concurrent creates could leave before: three open requests for one entity and environment
    const ids = ['r-1', 'r-2', 'r-3', 'other-env'];
    for (const [i, id] of ids.entries()) {
      const at = `2026-11-2${i}T10:00:00.000Z`;
      const created = chainEntry(
        undefined,
        {
          requestId: id,
          at,
          actor: 'user:default/rita',
          action: 'created',
          data: { version: `1.${i}` },
        },
        sha256,
      );
      await knex('approval_requests').insert({
        id,
        entity_ref: 'component:default/ledger',
        entity_key: 'component:default/ledger',
        title: 'Release',
        environment: ['production', 'Production', 'production', 'staging'][i],
        version: `1.${i}`,
        requester: 'user:default/rita',
        state: 'pending',
        current_stage: 0,
        policy: '{}',
        created_at: at,
        updated_at: at,
        audit_count: 1,
        audit_head: created.hash,
      });
      await knex('approval_audit').insert({
        request_id: id,
        seq: 1,
        at,
        actor: created.actor,
        action: created.action,
        data: JSON.stringify(created.data),
        prev_hash: created.prevHash,
        hash: created.hash,
      });
    }
    await migrateDatabase(
      mockServices.database({ knex, migrations: { skip: false } }),
    );

    const states = await knex('approval_requests').orderBy('id');
    expect(states.map(r => [r.id, r.state])).toEqual([
      ['other-env', 'pending'],
      ['r-1', 'superseded'],
      ['r-2', 'superseded'],
      ['r-3', 'pending'],
    ]);
    for (const id of ['r-1', 'r-2']) {
      const rows = await knex('approval_audit')
        .where({ request_id: id })
        .orderBy('seq');
      const entries = rows.map(row => ({
        seq: Number(row.seq),
        requestId: row.request_id,
        at: row.at,
        ...(row.actor !== null && { actor: row.actor }),
        action: row.action,
        data: JSON.parse(row.data),
        prevHash: row.prev_hash,
        hash: row.hash,
      }));
      const request = states.find(r => r.id === id);
      expect(entries.at(-1)).toMatchObject({
        action: 'superseded',
        data: { by: 'r-3' },
      });
      expect(
        verifyAuditChain(entries, sha256, {
          seq: Number(request.audit_count),
          hash: request.audit_head,
        }),
      ).toEqual({ valid: true });
    }
    // and from now on the database refuses a second open one
    await expect(
      knex('approval_requests').insert({
        ...states.find(r => r.id === 'r-3'),
        id: 'r-4',
      }),
    ).rejects.toThrow(/unique/i);
    await knex.destroy();
  });

  it('leaves the schema alone when the deployment manages migrations', async () => {
    const knex = await databases.init(databaseId);
    await migrateDatabase(
      mockServices.database({ knex, migrations: { skip: true } }),
    );
    expect(await knex.schema.hasTable('knex_migrations')).toBe(false);
    await knex.destroy();
  });
});
