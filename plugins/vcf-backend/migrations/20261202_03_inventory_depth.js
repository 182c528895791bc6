/*
 * Inventory depth: more columns on the inventory tables (all nullable, or JSON with a default, so that the rows
 * of earlier syncs stay and the next sync fills them), child tables for a VM's disks and NICs and a host's
 * physical NICs and VMkernel adapters, and the change feed between syncs.
 */

/** Columns added to existing inventory tables: [table, column, knex type, options]. */
const ADDED_COLUMNS = [
  ['inventory_vms', 'folder', 'text'],
  ['inventory_vms', 'resource_pool', 'text'],
  ['inventory_vms', 'datacenter', 'text'],
  ['inventory_vms', 'hardware_version', 'string', 20],
  ['inventory_vms', 'tools_status', 'string', 40],
  ['inventory_vms', 'tools_version', 'string', 40],
  ['inventory_vms', 'tools_running_status', 'string', 40],
  ['inventory_vms', 'guest_os_reported', 'text'],
  ['inventory_vms', 'dns_name', 'text'],
  ['inventory_vms', 'annotation', 'text'],
  ['inventory_vms', 'cbt_enabled', 'boolean'],
  ['inventory_vms', 'instance_uuid', 'string', 64],
  ['inventory_vms', 'provisioned_bytes', 'bigInteger'],
  ['inventory_vms', 'used_bytes', 'bigInteger'],
  ['inventory_vms', 'unshared_bytes', 'bigInteger'],
  ['inventory_vms', 'uptime_seconds', 'bigInteger'],
  ['inventory_vms', 'disk_count', 'integer'],
  ['inventory_vms', 'nic_count', 'integer'],
  ['inventory_vms', 'disk_capacity_bytes', 'bigInteger'],
  ['inventory_hosts', 'serial_number', 'string', 255],
  ['inventory_hosts', 'service_tag', 'string', 255],
  ['inventory_hosts', 'bios_version', 'string', 255],
  ['inventory_hosts', 'bios_release_date', 'timestamp'],
  ['inventory_hosts', 'cpu_model', 'text'],
  ['inventory_hosts', 'cpu_sockets', 'integer'],
  ['inventory_hosts', 'cpu_threads', 'integer'],
  ['inventory_hosts', 'vcpu_per_core', 'float'],
  ['inventory_hosts', 'vm_count', 'integer'],
  ['inventory_hosts', 'ntp_servers', 'json'],
  ['inventory_clusters', 'ha_admission_control_enabled', 'boolean'],
  ['inventory_clusters', 'ha_admission_control_policy', 'string', 100],
  ['inventory_clusters', 'drs_automation_level', 'string', 40],
  ['inventory_clusters', 'evc_mode', 'string', 100],
  ['inventory_datastores', 'url', 'text'],
  ['inventory_datastores', 'vm_count', 'integer'],
  ['inventory_datastores', 'host_count', 'integer'],
  ['inventory_datastores', 'provisioned_bytes', 'bigInteger'],
  ['inventory_datastores', 'free_percent', 'float'],
  ['inventory_datastores', 'maintenance_mode', 'string', 40],
  ['inventory_snapshots', 'vm_moref', 'string', 255],
  ['inventory_snapshots', 'size_bytes', 'bigInteger'],
  ['inventory_snapshots', 'quiesced', 'boolean'],
  ['inventory_snapshots', 'state', 'string', 30],
  ['inventory_alarms', 'entity_moref', 'string', 255],
  ['inventory_tasks', 'entity_moref', 'string', 255],
  ['inventory_events', 'entity_moref', 'string', 255],
];

/** Indexes that let a detail page find what concerns one object. */
const ADDED_INDEXES = [
  [
    'inventory_snapshots',
    ['vcenter_id', 'vm_moref'],
    'inventory_snapshots_vm_idx',
  ],
  [
    'inventory_alarms',
    ['vcenter_id', 'entity_moref'],
    'inventory_alarms_entity_idx',
  ],
  [
    'inventory_tasks',
    ['vcenter_id', 'entity_moref'],
    'inventory_tasks_entity_idx',
  ],
  [
    'inventory_events',
    ['vcenter_id', 'entity_moref'],
    'inventory_events_entity_idx',
  ],
];

/** ADDED_COLUMNS grouped by table: Map<table, Array<[column, type, length]>>. */
function columnsByTable() {
  const byTable = new Map();
  for (const [tableName, ...column] of ADDED_COLUMNS) {
    byTable.set(tableName, [...(byTable.get(tableName) ?? []), column]);
  }
  return byTable;
}

/**
 * The columns every inventory table starts with (as in 20261123_inventory.js, which must not be edited).
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
    .comment('Parent moref and device, e.g. vm-42/disk-2000 or host-7/vmnic0');
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
  // One ALTER TABLE per table: PostgreSQL adds all its columns (and indexes) in one statement.
  for (const [tableName, columns] of columnsByTable()) {
    await knex.schema.alterTable(tableName, table => {
      for (const [column, type, length] of columns) {
        if (type === 'json') {
          table
            .text(column)
            .notNullable()
            .defaultTo('[]')
            .comment('JSON array');
        } else if (type === 'timestamp') {
          table.timestamp(column, { useTz: true });
        } else if (length !== undefined) {
          table[type](column, length);
        } else {
          table[type](column);
        }
      }
      for (const [indexTable, indexColumns, name] of ADDED_INDEXES) {
        if (indexTable === tableName) table.index(indexColumns, name);
      }
    });
  }

  await knex.schema.createTable('inventory_vm_disks', table => {
    table.comment('Virtual disks of VMs');
    inventoryKeys(table);
    table.string('vm_moref', 255).notNullable();
    table.text('vm').notNullable();
    table.text('label').notNullable();
    table.bigInteger('capacity_bytes');
    table.text('datastore');
    table
      .string('provisioning', 20)
      .comment('thin, thick, eager-zeroed or rdm');
    table.text('file');
    table.string('disk_mode', 40);
    table.index(['vcenter_id', 'vm_moref'], 'inventory_vm_disks_vm_idx');
  });

  await knex.schema.createTable('inventory_vm_nics', table => {
    table.comment(
      'Virtual NICs of VMs, with their portgroup, switch and uplinks',
    );
    inventoryKeys(table);
    table.string('vm_moref', 255).notNullable();
    table.text('vm').notNullable();
    table.text('label').notNullable();
    table.string('adapter_type', 40);
    table.text('network');
    table.string('network_moref', 255);
    table.text('switch_name');
    table.text('uplinks').notNullable().comment('JSON array');
    table.string('mac_address', 40);
    table.boolean('connected');
    table.boolean('start_connected');
    table.text('ip_addresses').notNullable().comment('JSON array');
    table.index(['vcenter_id', 'vm_moref'], 'inventory_vm_nics_vm_idx');
  });

  await knex.schema.createTable('inventory_host_nics', table => {
    table.comment('Physical NICs of hosts');
    inventoryKeys(table);
    table.string('host_moref', 255).notNullable();
    table.text('host').notNullable();
    table.string('device', 40).notNullable();
    table.integer('speed_mb');
    table.string('driver', 100);
    table.string('mac_address', 40);
    table.text('switch_name');
    table.index(['vcenter_id', 'host_moref'], 'inventory_host_nics_host_idx');
  });

  await knex.schema.createTable('inventory_host_vmkernel_adapters', table => {
    table.comment(
      'VMkernel adapters of hosts and the services enabled on them',
    );
    inventoryKeys(table);
    table.string('host_moref', 255).notNullable();
    table.text('host').notNullable();
    table.string('device', 40).notNullable();
    table.string('ip_address', 64);
    table.string('subnet_mask', 64);
    table.string('mac_address', 40);
    table.integer('mtu');
    table.text('portgroup');
    table.text('switch_name');
    table.text('services').notNullable().comment('JSON array');
    table.index(
      ['vcenter_id', 'host_moref'],
      'inventory_host_vmkernel_adapters_host_idx',
    );
  });

  await knex.schema.createTable('inventory_changes', table => {
    table.comment(
      'What changed in a vCenter between two syncs, kept for vcf.inventory.changes.retentionDays',
    );
    table.bigIncrements('id').primary();
    table
      .string('vcenter_id', 100)
      .notNullable()
      .references('id')
      .inTable('vcenters')
      .onDelete('CASCADE');
    table.string('kind', 40).notNullable();
    table.string('moref', 255).notNullable();
    table.text('object_name').notNullable();
    table
      .string('change', 10)
      .notNullable()
      .comment('added, removed or changed');
    table.string('field', 60).notNullable().comment('object for added/removed');
    table.text('before');
    table.text('after');
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['at'], 'inventory_changes_at_idx');
    table.index(
      ['vcenter_id', 'kind', 'moref', 'at'],
      'inventory_changes_object_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('inventory_changes');
  await knex.schema.dropTable('inventory_host_vmkernel_adapters');
  await knex.schema.dropTable('inventory_host_nics');
  await knex.schema.dropTable('inventory_vm_nics');
  await knex.schema.dropTable('inventory_vm_disks');
  for (const [tableName, , name] of ADDED_INDEXES) {
    await knex.schema.alterTable(tableName, table => {
      table.dropIndex([], name);
    });
  }
  for (const [tableName, columns] of columnsByTable()) {
    await knex.schema.alterTable(tableName, table => {
      table.dropColumns(...columns.map(([column]) => column));
    });
  }
};
