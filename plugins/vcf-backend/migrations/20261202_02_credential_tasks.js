/*
 * Credential lifecycle: tasks that SDDC Manager runs for us (rotate, update, remediate, auto-rotate policy, expiry
 * check) and the credentials each one changes; rotations scheduled by rotate-after-reveal; the auto-rotate policy
 * SDDC Manager reports per credential; rotate-after-reveal settings of API-managed environments.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('credential_tasks', table => {
    table.comment(
      'A credential operation or expiry check that SDDC Manager runs, polled until it ends',
    );
    table.string('id', 64).primary();
    table
      .string('environment_id', 100)
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    table.string('operation', 30).notNullable();
    table.string('status', 20).notNullable();
    table
      .text('upstream_ids')
      .notNullable()
      .comment('JSON list of SDDC Manager task or expiration check ids');
    table
      .text('change_encrypted')
      .comment(
        'The change sent to SDDC Manager (with the password of an update), encrypted, for a retry',
      );
    table.string('change_key_id', 40);
    table.text('errors').comment("JSON list of SDDC Manager's error messages");
    table.string('requested_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('completed_at', { useTz: true });
    table
      .timestamp('next_poll_at', { useTz: true })
      .comment('Null once the task has ended');
    table.string('lease_owner', 200);
    table.timestamp('lease_expires_at', { useTz: true });
    table.index(
      ['environment_id', 'created_at'],
      'credential_tasks_environment_idx',
    );
    table.index(['next_poll_at'], 'credential_tasks_next_poll_idx');
  });

  await knex.schema.createTable('credential_task_items', table => {
    table.comment('One credential of a credential task');
    table
      .string('task_id', 64)
      .notNullable()
      .references('id')
      .inTable('credential_tasks')
      .onDelete('CASCADE');
    table
      .string('credential_id', 64)
      .notNullable()
      .references('id')
      .inTable('credentials')
      .onDelete('CASCADE');
    table.string('resource_name', 500).notNullable();
    table.string('username', 500).notNullable();
    table.string('status', 20).notNullable();
    table.primary(['task_id', 'credential_id']);
    table.index(['credential_id'], 'credential_task_items_credential_idx');
  });

  await knex.schema.createTable('credential_rotation_schedules', table => {
    table.comment(
      'A rotation due later (rotate-after-reveal): one per credential, leased when it runs',
    );
    table
      .string('credential_id', 64)
      .primary()
      .references('id')
      .inTable('credentials')
      .onDelete('CASCADE');
    table.string('environment_id', 100).notNullable();
    table.timestamp('due_at', { useTz: true }).notNullable();
    table
      .string('scheduled_by', 255)
      .notNullable()
      .comment('Who revealed the password');
    table.string('lease_owner', 200);
    table.timestamp('lease_expires_at', { useTz: true });
    table.index(['due_at'], 'credential_rotation_schedules_due_idx');
    table.index(
      ['environment_id'],
      'credential_rotation_schedules_environment_idx',
    );
  });

  await knex.schema.alterTable('credentials', table => {
    table
      .integer('auto_rotate_frequency_days')
      .comment("SDDC Manager's auto-rotate policy, when one is set");
    table.timestamp('auto_rotate_next_at', { useTz: true });
  });

  await knex.schema.alterTable('environments', table => {
    table
      .integer('rotate_after_reveal_minutes')
      .comment('Rotate-after-reveal of API-managed environments');
    table
      .text('rotate_after_reveal_resource_types')
      .comment('JSON list of resource types');
  });
};

/**
 * Drops columns. On SQLite, knex drops a column by rebuilding the table, and with foreign keys on, dropping the old
 * table deletes every row that references it with `on delete cascade` (for `credentials`: the whole credential
 * history). SQLite 3.35 and later drop a column in place, so the rows that reference the table stay.
 * @param {import('knex').Knex} knex
 * @param {string} tableName
 * @param {string[]} columns
 */
async function dropColumnsKeepingReferences(knex, tableName, columns) {
  if (String(knex.client.config.client).includes('sqlite')) {
    for (const column of columns) {
      await knex.raw('alter table ?? drop column ??', [tableName, column]);
    }
    return;
  }
  await knex.schema.alterTable(tableName, table => {
    table.dropColumns(...columns);
  });
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await dropColumnsKeepingReferences(knex, 'environments', [
    'rotate_after_reveal_minutes',
    'rotate_after_reveal_resource_types',
  ]);
  await dropColumnsKeepingReferences(knex, 'credentials', [
    'auto_rotate_frequency_days',
    'auto_rotate_next_at',
  ]);
  await knex.schema.dropTable('credential_rotation_schedules');
  await knex.schema.dropTable('credential_task_items');
  await knex.schema.dropTable('credential_tasks');
};
