import {
  resolvePackagePath,
  type DatabaseService,
  type LifecycleService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { SqliteProcessLock } from './SqliteProcessLock';
import { isSqlite } from './databaseKind';

const migrationsDir = resolvePackagePath(
  '@vcf-backstage/plugin-vcf-backend',
  'migrations',
);

/** How long a SQLite statement waits for a lock held by another connection before it fails. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** The file of a SQLite database, or undefined for another database or an in-memory one. */
function sqliteFileOf(client: Knex): string | undefined {
  if (!isSqlite(client)) return undefined;
  const filename = (
    client.client.connectionSettings as { filename?: string } | undefined
  )?.filename;
  return filename &&
    filename !== ':memory:' &&
    !filename.startsWith('file::memory:')
    ? filename
    : undefined;
}

/**
 * SQLite on a file: one backend process per database (a lock file), write-ahead logging so readers do not block
 * the sync, and a busy timeout so a brief lock is waited for instead of failing.
 */
async function prepareSqliteFile(
  client: Knex,
  file: string,
  lifecycle?: LifecycleService,
) {
  const lock = SqliteProcessLock.acquire(file);
  lifecycle?.addShutdownHook(() => lock.release());
  await client.raw(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  await client.raw('PRAGMA journal_mode = WAL');
}

/**
 * Opens the plugin's database and brings its schema up to date (unless the app skips migrations). On a SQLite
 * file it also takes the process lock (see {@link SqliteProcessLock}), released through `lifecycle` at shutdown.
 * @internal
 */
export async function openVcfDatabase(
  database: DatabaseService,
  options?: { lifecycle?: LifecycleService },
): Promise<Knex> {
  const client = await database.getClient();
  const sqliteFile = sqliteFileOf(client);
  if (sqliteFile)
    await prepareSqliteFile(client, sqliteFile, options?.lifecycle);
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
