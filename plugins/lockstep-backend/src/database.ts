import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** The folder of Lockstep's dated knex migrations, shipped with the package. */
export const migrationsDirectory = resolvePackagePath(
  '@lockstep/backstage-plugin-lockstep-backend',
  'migrations',
);

/**
 * Brings Lockstep's database to the latest schema (unless the deployment manages migrations itself)
 * and returns the client.
 */
export async function migrateDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDirectory });
  }
  return client;
}
