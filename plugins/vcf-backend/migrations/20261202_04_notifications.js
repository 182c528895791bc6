/*
 * Notices the VCF plugin has sent through the notifications service, one row per notice. A backend instance
 * inserts the row before it sends: the primary key lets one instance win, so several replicas (and the dispatcher
 * at every tick) send each notice once.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('notification_deliveries', table => {
    table.comment(
      'Notices sent through the notifications service, to send each once',
    );
    table
      .string('notice_key', 400)
      .primary()
      .comment(
        'What the notice is about, e.g. sync-failed:<target>:<first failed run>',
      );
    table
      .string('topic', 100)
      .notNullable()
      .comment('Notification topic, e.g. vcf-sync');
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.index(['sent_at'], 'notification_deliveries_sent_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('notification_deliveries');
};
