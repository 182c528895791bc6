/**
 * Live progress of a sync run, on its target row so that every backend replica can report it:
 * phase (queued, logging in, fetching, writing), page n of m, items fetched.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('sync_targets', table => {
    table
      .text('progress')
      .nullable()
      .comment(
        'JSON SyncProgress of the queued or running sync; null when idle',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('sync_targets', table => {
    table.dropColumn('progress');
  });
};
