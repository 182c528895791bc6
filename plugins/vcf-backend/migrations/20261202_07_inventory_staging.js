/*
 * Staging tables for the streamed inventory sync. A sync writes each PropertyCollector page of a vCenter into
 * `<inventory table>_staging` as it arrives (no long write transaction, no whole inventory in memory), computes
 * the change feed into `inventory_staging_changes`, and then swaps staging into the live tables in one short
 * transaction. A failed sync deletes its staging rows; the live inventory is never touched by it.
 *
 * Each staging table has the columns of its live table and its primary key (vcenter_id, moref), nothing else: no
 * foreign key, no secondary index (the staging rows are written once and read once, in key order). A later
 * migration that adds a column to an inventory table must add it to the staging table too
 * (`DatabaseInventoryStore.test.ts` checks that the columns match).
 */

const INVENTORY_TABLES = [
  'inventory_vms',
  'inventory_hosts',
  'inventory_clusters',
  'inventory_datastores',
  'inventory_datastore_clusters',
  'inventory_networks',
  'inventory_snapshots',
  'inventory_alarms',
  'inventory_tasks',
  'inventory_events',
  'inventory_vm_disks',
  'inventory_vm_nics',
  'inventory_host_nics',
  'inventory_host_vmkernel_adapters',
];

/** @param {import('knex').Knex} knex */
function isPostgres(knex) {
  return (
    knex.client.config.client === 'pg' || knex.client.dialect === 'postgresql'
  );
}

/**
 * SQLite: the live table's own CREATE TABLE statement under the staging name, without its foreign keys.
 * @param {import('knex').Knex} knex
 * @param {string} table
 */
async function createSqliteStagingTable(knex, table) {
  const [{ sql }] = await knex('sqlite_master')
    .where({ type: 'table', name: table })
    .select('sql');
  const body = sql.slice(sql.indexOf('(') + 1, sql.lastIndexOf(')'));
  const definitions = body
    .split(/,(?![^(]*\))/)
    .map(part => part.trim())
    .filter(part => !/^(constraint\s+\S+\s+)?foreign key/i.test(part));
  await knex.raw(
    `create table \`${table}_staging\` (${definitions.join(', ')})`,
  );
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  for (const table of INVENTORY_TABLES) {
    if (isPostgres(knex)) {
      await knex.raw(`create table ?? (like ?? including defaults)`, [
        `${table}_staging`,
        table,
      ]);
      await knex.raw(`alter table ?? add primary key (vcenter_id, moref)`, [
        `${table}_staging`,
      ]);
    } else {
      await createSqliteStagingTable(knex, table);
    }
  }
  await knex.schema.createTable('inventory_staging_changes', table => {
    table.comment(
      'Changes a running inventory sync found, copied into inventory_changes when it commits',
    );
    table.bigIncrements('id').primary();
    table.string('vcenter_id', 100).notNullable();
    table.string('kind', 40).notNullable();
    table.string('moref', 255).notNullable();
    table.text('object_name').notNullable();
    table.string('change', 10).notNullable();
    table.string('field', 60).notNullable();
    table.text('before');
    table.text('after');
    table.index(['vcenter_id', 'id'], 'inventory_staging_changes_vcenter_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('inventory_staging_changes');
  for (const table of [...INVENTORY_TABLES].reverse()) {
    await knex.schema.dropTable(`${table}_staging`);
  }
};
