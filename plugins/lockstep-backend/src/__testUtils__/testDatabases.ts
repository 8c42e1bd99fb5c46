import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/**
 * The databases every Lockstep database test runs on: SQLite always, and PostgreSQL wherever
 * `BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING` is set (Docker is never used).
 * With `LOCKSTEP_TEST_REQUIRE_POSTGRES=1`, as in CI, a missing PostgreSQL fails the run instead of
 * quietly testing SQLite alone.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', ...POSTGRES_IDS],
    disableDocker: true,
  });
  const hasPostgres = POSTGRES_IDS.some(id => databases.supports(id));
  if (process.env.LOCKSTEP_TEST_REQUIRE_POSTGRES === '1' && !hasPostgres) {
    throw new Error(
      'LOCKSTEP_TEST_REQUIRE_POSTGRES=1 but no BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING is set',
    );
  }
  return databases;
}
