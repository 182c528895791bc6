/**
 * The vCenter's `about.instanceUuid`, as its last inventory sync read it: the vSphere Client names an object by its
 * moref and this UUID, so the detail pages can open the object itself.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('vcenters', table => {
    table
      .string('instance_uuid', 64)
      .nullable()
      .comment("about.instanceUuid from the vCenter's last inventory sync");
  });
};

/**
 * On SQLite the column is dropped in place: knex would rebuild the table, and dropping the old `vcenters` table
 * deletes every inventory row that references it (`on delete cascade`).
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (String(knex.client.config.client).includes('sqlite')) {
    await knex.raw('alter table ?? drop column ??', [
      'vcenters',
      'instance_uuid',
    ]);
    return;
  }
  await knex.schema.alterTable('vcenters', table => {
    table.dropColumn('instance_uuid');
  });
};
