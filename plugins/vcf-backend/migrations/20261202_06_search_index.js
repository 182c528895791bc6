/*
 * A real index for credential searches (`q=`), so that a search reads the matching rows instead of every row of
 * the environment. `search_text` holds the lower-cased resource name, IP, username and domain; a search is
 * "contains the lower-cased text".
 *
 * - PostgreSQL: a trigram GIN index (pg_trgm) on credentials.search_text, which `search_text LIKE '%…%'` uses as
 *   it is. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension (the database owner may create it);
 *   where it is missing or may not be created, the migration leaves searches as they were (a scan).
 * - SQLite: an FTS5 table with the trigram tokenizer (SQLite ≥ 3.34), `credential_search`, which answers GLOB
 *   substring patterns from its index. Its rowid is kept in credentials.search_rowid (set on insert, never
 *   reused by a live row; a credential's own rowid is not stable across VACUUM), and triggers keep it in step
 *   with every insert, search_text update and delete of a credential.
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
async function hasFts5Trigram(knex) {
  try {
    await knex.raw(
      "create virtual table credential_search using fts5(search_text, tokenize = 'trigram')",
    );
    return true;
  } catch {
    return false;
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (isPostgres(knex)) {
    if (await hasPgTrgm(knex)) {
      await knex.raw(
        'create index credentials_search_trgm_idx on credentials using gin (search_text gin_trgm_ops)',
      );
    }
    return;
  }
  if (!(await hasFts5Trigram(knex))) return;
  await knex.schema.alterTable('credentials', table => {
    table
      .integer('search_rowid')
      .comment(
        'rowid of this credential in credential_search (SQLite full-text index)',
      );
    table.index(['search_rowid'], 'credentials_search_rowid_idx');
  });
  await knex.raw('update credentials set search_rowid = rowid');
  await knex.raw(
    'insert into credential_search (rowid, search_text) select search_rowid, search_text from credentials',
  );
  await knex.raw(`
    create trigger credentials_search_insert after insert on credentials begin
      insert into credential_search (rowid, search_text) values (
        coalesce((select rowid from credential_search order by rowid desc limit 1), 0) + 1,
        new.search_text
      );
      update credentials
        set search_rowid = (select rowid from credential_search order by rowid desc limit 1)
        where id = new.id;
    end`);
  await knex.raw(`
    create trigger credentials_search_update after update of search_text on credentials begin
      update credential_search set search_text = new.search_text where rowid = new.search_rowid;
    end`);
  await knex.raw(`
    create trigger credentials_search_delete after delete on credentials begin
      delete from credential_search where rowid = old.search_rowid;
    end`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (isPostgres(knex)) {
    // The extension stays: other tables or plugins of the database may use it.
    await knex.raw('drop index if exists credentials_search_trgm_idx');
    return;
  }
  await knex.raw('drop trigger if exists credentials_search_insert');
  await knex.raw('drop trigger if exists credentials_search_update');
  await knex.raw('drop trigger if exists credentials_search_delete');
  await knex.raw('drop table if exists credential_search');
  if (await knex.schema.hasColumn('credentials', 'search_rowid')) {
    await knex.schema.alterTable('credentials', table => {
      table.dropIndex(['search_rowid'], 'credentials_search_rowid_idx');
      table.dropColumn('search_rowid');
    });
  }
};
