/*
 * A real index for credential searches (`q=`) on PostgreSQL, so that a search reads the matching rows instead of
 * every row of the environment. `search_text` holds the lower-cased resource name, IP, username and domain; a
 * search is "contains the lower-cased text" (`search_text LIKE '%…%'`).
 *
 * PostgreSQL: a trigram GIN index (pg_trgm) on credentials.search_text, which that LIKE uses as it is. pg_trgm
 * ships with PostgreSQL (contrib) and is a trusted extension (the database owner may create it); where it is
 * missing or may not be created, the migration leaves searches as they were (a scan of the narrow covering index
 * credentials_env_search_idx).
 *
 * SQLite: nothing. An FTS5 trigram table kept in step by triggers was measured and left out: it made the sync's
 * inserts 5–13 times slower (10,000 new credentials: 0.3–0.5 s → 2.4–4.3 s on a busy 2-core machine), while the
 * covering-index scan answers a search of 10,000 credentials in about 1–2 ms unloaded.
 */

/** @param {import('knex').Knex} knex */
function isPostgres(knex) {
  return (
    knex.client.config.client === 'pg' || knex.client.dialect === 'postgresql'
  );
}

/** @param {import('knex').Knex} knex */
async function hasPgTrgm(knex) {
  const installed = await knex.raw(
    "select 1 from pg_extension where extname = 'pg_trgm'",
  );
  if (installed.rows.length) return true;
  const available = await knex.raw(
    "select 1 from pg_available_extensions where name = 'pg_trgm'",
  );
  if (!available.rows.length) return false;
  try {
    // In a savepoint: a refusal (no privilege) must not abort the migration's transaction.
    await knex.transaction(tx =>
      tx.raw('create extension if not exists pg_trgm'),
    );
    return true;
  } catch {
    return false;
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (isPostgres(knex) && (await hasPgTrgm(knex))) {
    await knex.raw(
      'create index credentials_search_trgm_idx on credentials using gin (search_text gin_trgm_ops)',
    );
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (isPostgres(knex)) {
    // The extension stays: other tables or plugins of the database may use it.
    await knex.raw('drop index if exists credentials_search_trgm_idx');
  }
};
