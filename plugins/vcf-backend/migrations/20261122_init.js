/*
 * Credentials, environments, the generic sync engine (targets, runs) and the audit trail.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('environments', table => {
    table.comment(
      'VCF environments, from app-config (managed_by=config) or the API',
    );
    table.string('id', 100).primary();
    table.string('title', 255).notNullable();
    table.text('description');
    table.string('owner', 255).comment('Entity ref of the owning group');
    table.string('managed_by', 20).notNullable();
    table.boolean('discover_vcenters').notNullable().defaultTo(false);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('environment_endpoints', table => {
    table.comment('SDDC Manager / VCF Installer endpoint of an environment');
    table
      .string('environment_id', 100)
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    table.string('source', 20).notNullable();
    table.string('base_url', 1000).notNullable();
    table.string('username', 255).notNullable();
    table.text('password_encrypted').notNullable();
    table.string('password_key_id', 40).notNullable();
    table.boolean('tls_verify').notNullable().defaultTo(true);
    table.text('tls_ca');
    table.integer('interval_minutes').notNullable();
    table.primary(['environment_id', 'source']);
  });

  await knex.schema.createTable('sync_targets', table => {
    table.comment(
      'Anything synced on a schedule: an environment source or a vCenter',
    );
    table.string('id', 200).primary();
    table.string('kind', 20).notNullable();
    table.string('environment_id', 100);
    table.string('vcenter_id', 100);
    table.boolean('enabled').notNullable().defaultTo(true);
    table.integer('interval_seconds').notNullable();
    table.timestamp('next_run_at', { useTz: true }).notNullable();
    table.string('lease_owner', 200);
    table.timestamp('lease_expires_at', { useTz: true });
    table.string('status', 20).notNullable().defaultTo('never');
    table.timestamp('last_started_at', { useTz: true });
    table.timestamp('last_finished_at', { useTz: true });
    table.timestamp('last_succeeded_at', { useTz: true });
    table.integer('last_duration_ms');
    table.text('last_error');
    table.text('last_counts');
    table
      .string('requested_by', 255)
      .comment('Who asked for the next run (manual sync)');
    table.index(['next_run_at'], 'sync_targets_next_run_idx');
    table.index(['environment_id'], 'sync_targets_environment_idx');
  });

  await knex.schema.createTable('sync_runs', table => {
    table.comment('One row per sync attempt of a target');
    table.bigIncrements('id').primary();
    table.string('target_id', 200).notNullable();
    table.string('trigger', 20).notNullable();
    table.string('triggered_by', 255);
    table.string('runner', 200);
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true });
    table.string('status', 20).notNullable();
    table.integer('duration_ms');
    table.text('counts');
    table.text('error');
    table.index(['target_id', 'started_at'], 'sync_runs_target_idx');
  });

  await knex.schema.createTable('credentials', table => {
    table.comment(
      'Credentials synced from SDDC Manager and the VCF Installer; password encrypted',
    );
    table.string('id', 64).primary();
    table
      .string('environment_id', 100)
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    table.string('source', 20).notNullable();
    table
      .string('natural_key', 500)
      .notNullable()
      .comment('Upstream id, or type/name/user for the Installer');
    table.string('upstream_id', 255);
    table.string('resource_id', 255);
    table.string('resource_name', 500).notNullable();
    table.string('resource_ip', 100);
    table.string('resource_type', 100).notNullable();
    table.string('domain_name', 255);
    table.string('username', 500).notNullable();
    table.string('credential_type', 50).notNullable();
    table.string('account_type', 50);
    table.string('expiry_status', 20);
    table.timestamp('expiry_date', { useTz: true });
    table.timestamp('upstream_modified_at', { useTz: true });
    table.text('password_encrypted').notNullable();
    table.string('password_key_id', 40).notNullable();
    table.timestamp('password_changed_at', { useTz: true });
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table.timestamp('removed_at', { useTz: true });
    table
      .text('search_text')
      .notNullable()
      .defaultTo('')
      .comment(
        'Lower-cased resource name, IP, username and domain, for q= searches',
      );
    table.unique(['environment_id', 'source', 'natural_key'], {
      indexName: 'credentials_natural_key_uq',
    });
    // One index per sortable column, led by the environment and removed_at (lists show current credentials), so
    // a page is read in index order instead of sorting the environment's rows, and counts read the index only.
    for (const column of [
      'resource_name',
      'resource_type',
      'resource_ip',
      'username',
      'credential_type',
      'account_type',
      'domain_name',
      'source',
      'expiry_status',
      'expiry_date',
      'last_seen_at',
      'password_changed_at',
    ]) {
      table.index(
        ['environment_id', 'removed_at', column, 'id'],
        `credentials_env_${column}_idx`,
      );
    }
    // Searches (q=) scan this narrow covering index instead of the wide table rows.
    table.index(
      ['environment_id', 'removed_at', 'search_text'],
      'credentials_env_search_idx',
    );
  });

  await knex.schema.createTable('credential_history', table => {
    table.comment('Earlier passwords of a credential, encrypted');
    table.bigIncrements('id').primary();
    table
      .string('credential_id', 64)
      .notNullable()
      .references('id')
      .inTable('credentials')
      .onDelete('CASCADE');
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.text('password_encrypted').notNullable();
    table.string('password_key_id', 40).notNullable();
    table.index(
      ['credential_id', 'changed_at'],
      'credential_history_credential_idx',
    );
  });

  await knex.schema.createTable('audit_events', table => {
    table.comment('Reveals, exports, syncs, changes and denials');
    table.bigIncrements('id').primary();
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 60).notNullable();
    table.string('result', 20).notNullable();
    table.string('environment_id', 100);
    table.string('credential_id', 64);
    table.string('vcenter_id', 100);
    table.text('details');
    table.index(['at'], 'audit_events_at_idx');
    table.index(['environment_id', 'at'], 'audit_events_env_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_events');
  await knex.schema.dropTable('credential_history');
  await knex.schema.dropTable('credentials');
  await knex.schema.dropTable('sync_runs');
  await knex.schema.dropTable('sync_targets');
  await knex.schema.dropTable('environment_endpoints');
  await knex.schema.dropTable('environments');
};
