/*
 * vCenters and their inventory: one typed table per inventory kind, so that lists sort, filter and page in SQL.
 * Every inventory row is keyed by (vcenter_id, moref); list-valued fields are JSON text, and `search` holds the
 * lower-cased text that the `q` filter matches with LIKE (name, IP addresses, host, …).
 */

/**
 * The columns every inventory table starts with.
 * @param {import('knex').Knex.CreateTableBuilder} table
 */
function inventoryKeys(table) {
  table
    .string('vcenter_id', 100)
    .notNullable()
    .references('id')
    .inTable('vcenters')
    .onDelete('CASCADE');
  table
    .string('moref', 255)
    .notNullable()
    .comment('Managed object reference value, e.g. vm-42');
  table.text('name').notNullable();
  table
    .text('search')
    .notNullable()
    .comment('Lower-cased text the q filter matches');
  table.primary(['vcenter_id', 'moref']);
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('vcenters', table => {
    table.comment(
      'vCenters whose inventory is synced: from app-config, the API, or discovered from SDDC Manager',
    );
    table.string('id', 100).primary();
    table.string('title', 255).notNullable();
    table.string('base_url', 1000).notNullable();
    table.string('username', 255).notNullable();
    table
      .text('password_encrypted')
      .comment('Null for discovered vCenters, which use a synced credential');
    table.string('password_key_id', 40);
    table
      .string('credential_id', 64)
      .comment('Synced SSO credential a discovered vCenter logs in with');
    table.string('environment_id', 100);
    table.string('owner', 255).comment('Entity ref of the owning group');
    table.boolean('enabled').notNullable().defaultTo(true);
    table
      .string('managed_by', 20)
      .notNullable()
      .comment('config, api or discovered');
    table.boolean('tls_verify').notNullable().defaultTo(true);
    table.text('tls_ca');
    table.integer('interval_minutes').notNullable();
    table
      .string('api_version', 50)
      .comment('vim25 API version seen at the last sync');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['environment_id'], 'vcenters_environment_idx');
  });

  await knex.schema.createTable('inventory_vms', table => {
    table.comment('Virtual machines and templates');
    inventoryKeys(table);
    table.string('power_state', 30).notNullable();
    table.integer('num_cpu');
    table.integer('memory_mb');
    table.text('guest_os');
    table.text('ip_addresses').notNullable().comment('JSON array');
    table.text('host');
    table.text('cluster');
    table.text('datastores').notNullable().comment('JSON array');
    table.text('networks').notNullable().comment('JSON array');
    table.bigInteger('committed_bytes');
    table.bigInteger('uncommitted_bytes');
    table.integer('cpu_usage_mhz');
    table.integer('memory_usage_mb');
    table.integer('snapshot_count').notNullable();
    table.timestamp('oldest_snapshot_at', { useTz: true });
    table.string('uuid', 100);
    table.boolean('template').notNullable();
    table.index(['name'], 'inventory_vms_name_idx');
  });

  await knex.schema.createTable('inventory_hosts', table => {
    table.comment('ESXi hosts');
    inventoryKeys(table);
    table.string('version', 50);
    table.string('build', 50);
    table.string('connection_state', 30);
    table.boolean('in_maintenance_mode').notNullable();
    table.timestamp('boot_time', { useTz: true });
    table.text('vendor');
    table.text('model');
    table.integer('cpu_cores');
    table.integer('cpu_mhz');
    table.bigInteger('memory_bytes');
    table.double('cpu_usage_percent');
    table.double('memory_usage_percent');
    table.text('cluster');
    table.integer('nic_count');
    table.integer('hba_count');
    table.index(['name'], 'inventory_hosts_name_idx');
  });

  await knex.schema.createTable('inventory_clusters', table => {
    table.comment('Compute clusters');
    inventoryKeys(table);
    table.integer('host_count').notNullable();
    table.bigInteger('cpu_total_mhz');
    table.double('cpu_usage_percent');
    table.bigInteger('memory_total_bytes');
    table.double('memory_usage_percent');
    table.bigInteger('storage_capacity_bytes');
    table.bigInteger('storage_free_bytes');
    table.boolean('ha_enabled');
    table.boolean('drs_enabled');
  });

  await knex.schema.createTable('inventory_datastores', table => {
    table.comment('Datastores');
    inventoryKeys(table);
    table.string('type', 30);
    table.bigInteger('capacity_bytes');
    table.bigInteger('free_bytes');
    table.double('used_percent');
    table.boolean('shared').notNullable();
    table.boolean('accessible').notNullable();
    table.text('hosts').notNullable().comment('JSON array of host names');
    table.text('datastore_cluster');
  });

  await knex.schema.createTable('inventory_datastore_clusters', table => {
    table.comment('Datastore clusters (StoragePod)');
    inventoryKeys(table);
    table.bigInteger('capacity_bytes');
    table.bigInteger('free_bytes');
    table.double('used_percent');
    table
      .text('datastores')
      .notNullable()
      .comment('JSON array of datastore names');
  });

  await knex.schema.createTable('inventory_networks', table => {
    table.comment(
      'Standard and distributed portgroups, and distributed switches',
    );
    inventoryKeys(table);
    table.string('type', 30).notNullable();
    table.string('vlan', 100);
    table.text('switch_name');
    table.text('hosts').notNullable().comment('JSON array of host names');
    table.text('vms').notNullable().comment('JSON array of VM names');
  });

  await knex.schema.createTable('inventory_snapshots', table => {
    table.comment('VM snapshots, trees flattened');
    inventoryKeys(table);
    table.text('vm').notNullable();
    table.timestamp('created_at', { useTz: true });
    table.text('description');
    table.integer('age_days');
  });

  await knex.schema.createTable('inventory_alarms', table => {
    table.comment('Triggered alarms; moref is the alarm state key');
    inventoryKeys(table);
    table.text('entity_name');
    table.string('entity_type', 100);
    table.string('severity', 10).notNullable();
    table.timestamp('triggered_at', { useTz: true });
    table.boolean('acknowledged').notNullable();
  });

  await knex.schema.createTable('inventory_tasks', table => {
    table.comment('Recent tasks');
    inventoryKeys(table);
    table.text('entity_name');
    table.string('state', 20);
    table.text('user_name');
    table.timestamp('queued_at', { useTz: true });
    table.timestamp('started_at', { useTz: true });
    table.timestamp('completed_at', { useTz: true });
    table.text('error');
  });

  await knex.schema.createTable('inventory_events', table => {
    table.comment('Latest events');
    inventoryKeys(table);
    table.string('event_type', 200);
    table.text('message');
    table.text('user_name');
    table.timestamp('created_at', { useTz: true });
    table.text('entity_name');
  });
};

const INVENTORY_TABLES = [
  'inventory_events',
  'inventory_tasks',
  'inventory_alarms',
  'inventory_snapshots',
  'inventory_networks',
  'inventory_datastore_clusters',
  'inventory_datastores',
  'inventory_clusters',
  'inventory_hosts',
  'inventory_vms',
];

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of INVENTORY_TABLES) await knex.schema.dropTable(table);
  await knex.schema.dropTable('vcenters');
};
