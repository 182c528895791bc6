import type { Knex } from 'knex';

/**
 * Whether the plugin's database is SQLite (`better-sqlite3`, `sqlite3`): where a query needs the other dialect's
 * form or a hint for SQLite's planner.
 * @internal
 */
export function isSqlite(db: Knex): boolean {
  return String(db.client.config.client ?? '').includes('sqlite');
}

/**
 * Whether the plugin's database is PostgreSQL.
 * @internal
 */
export function isPostgres(db: Knex): boolean {
  const client = db.client.config.client;
  return client === 'pg' || client === 'postgresql';
}
