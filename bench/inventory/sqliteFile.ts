/*
 * A SQLite file for the scripts that write the inventory (syncOnce.ts, lists.ts), opened as the backend opens it.
 */
import knexFactory, { type Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openVcfDatabase } from '../../plugins/vcf-backend/src/database/VcfDatabase';

/**
 * Runs `use` on a new SQLite file opened as the plugin opens its database in the backend (on a file that means
 * write-ahead logging, commits without an fsync each, and the process lock; then the migrations), and deletes
 * the file afterwards.
 */
export async function withVcfSqliteFile<T>(
  use: (db: Knex) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'vcf-bench-'));
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'vcf.sqlite') },
    useNullAsDefault: true,
  });
  try {
    await openVcfDatabase({ getClient: async () => db });
    return await use(db);
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
