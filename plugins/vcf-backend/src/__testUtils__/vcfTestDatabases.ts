import { TestDatabases } from '@backstage/backend-test-utils';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { SecretCipher } from '../crypto/SecretCipher';
import { migrateVcfDatabase } from '../database/VcfDatabase';

/**
 * SQLite always, and PostgreSQL 15 when `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING` points at a server
 * (the test command starts one). With `VCF_REQUIRE_POSTGRES=1` a missing PostgreSQL is an error, so CI cannot
 * silently test SQLite alone.
 */
export function createVcfTestDatabases(): TestDatabases {
  const postgres =
    !!process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  // Without a connection string TestDatabases would try Docker, which these machines do not run.
  const databases = TestDatabases.create({
    ids: postgres ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'],
  });
  if (
    process.env.VCF_REQUIRE_POSTGRES === '1' &&
    !databases.supports('POSTGRES_15')
  ) {
    throw new Error(
      'VCF_REQUIRE_POSTGRES=1 but BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set: start one with scripts/postgres.sh',
    );
  }
  return databases;
}

/** A fresh, migrated database of the given kind. */
export async function createMigratedDatabase(
  databases: TestDatabases,
  id: string,
): Promise<Knex> {
  const knex = await databases.init(id as any);
  await migrateVcfDatabase(knex);
  return knex;
}

/** A cipher with a random key. */
export function createTestCipher(): SecretCipher {
  return new SecretCipher(randomBytes(32));
}
