import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@vcf-backstage/plugin-vcf-backend',
  'migrations',
);

/**
 * Opens the plugin's database and brings its schema up to date (unless the app skips migrations).
 * @public
 */
export async function openVcfDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}

/** Applies the migrations to a raw knex client (tests). @internal */
export async function migrateVcfDatabase(client: Knex): Promise<void> {
  await client.migrate.latest({ directory: migrationsDir });
}

/** The migrations folder, for the migrations test. @internal */
export const VCF_MIGRATIONS_DIRECTORY = migrationsDir;
