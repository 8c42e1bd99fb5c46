import { mockServices } from '@backstage/backend-test-utils';
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

  it('leaves the schema alone when the deployment manages migrations', async () => {
    const knex = await databases.init(databaseId);
    await migrateDatabase(
      mockServices.database({ knex, migrations: { skip: true } }),
    );
    expect(await knex.schema.hasTable('knex_migrations')).toBe(false);
    await knex.destroy();
  });
});
