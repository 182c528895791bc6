import type { InventoryKind } from '@vcf-backstage/plugin-vcf-common';
import type { InventoryRowByKind } from '../clients/vsphere';

/**
 * How a row field is stored: `json` is a JSON array in a text column, `bigint` a 64-bit integer (PostgreSQL
 * returns it as a string), `time` an ISO timestamp.
 * @internal
 */
export type InventoryColumnType =
  | 'text'
  | 'int'
  | 'bigint'
  | 'float'
  | 'bool'
  | 'time'
  | 'json';

/**
 * One typed column of an inventory table and the row field it holds.
 * @internal
 */
export interface InventoryColumn {
  field: string;
  column: string;
  type: InventoryColumnType;
}

/**
 * The table of one inventory kind: its typed columns (besides `vcenter_id`, `moref`, `name` and `search`) and the
 * texts the `q` filter finds a row by.
 * @internal
 */
export interface InventoryTable<K extends InventoryKind> {
  table: string;
  columns: InventoryColumn[];
  searchText(row: InventoryRowByKind[K]): Array<string | undefined>;
}

const col = (
  field: string,
  column: string,
  type: InventoryColumnType,
): InventoryColumn => ({
  field,
  column,
  type,
});

/**
 * The tables of `migrations/20261123_inventory.js`, field by field: the one place that maps inventory rows to
 * columns. Stores, sorting and filters all read it.
 * @internal
 */
export const INVENTORY_TABLES: { [K in InventoryKind]: InventoryTable<K> } = {
  vms: {
    table: 'inventory_vms',
    columns: [
      col('powerState', 'power_state', 'text'),
      col('numCpu', 'num_cpu', 'int'),
      col('memoryMb', 'memory_mb', 'int'),
      col('guestOs', 'guest_os', 'text'),
      col('ipAddresses', 'ip_addresses', 'json'),
      col('host', 'host', 'text'),
      col('cluster', 'cluster', 'text'),
      col('datastores', 'datastores', 'json'),
      col('networks', 'networks', 'json'),
      col('committedBytes', 'committed_bytes', 'bigint'),
      col('uncommittedBytes', 'uncommitted_bytes', 'bigint'),
      col('cpuUsageMhz', 'cpu_usage_mhz', 'int'),
      col('memoryUsageMb', 'memory_usage_mb', 'int'),
      col('snapshotCount', 'snapshot_count', 'int'),
      col('oldestSnapshotAt', 'oldest_snapshot_at', 'time'),
      col('uuid', 'uuid', 'text'),
      col('template', 'template', 'bool'),
    ],
    searchText: r => [r.name, ...r.ipAddresses, r.host, r.cluster, r.guestOs],
  },
  hosts: {
    table: 'inventory_hosts',
    columns: [
      col('version', 'version', 'text'),
      col('build', 'build', 'text'),
      col('connectionState', 'connection_state', 'text'),
      col('inMaintenanceMode', 'in_maintenance_mode', 'bool'),
      col('bootTime', 'boot_time', 'time'),
      col('vendor', 'vendor', 'text'),
      col('model', 'model', 'text'),
      col('cpuCores', 'cpu_cores', 'int'),
      col('cpuMhz', 'cpu_mhz', 'int'),
      col('memoryBytes', 'memory_bytes', 'bigint'),
      col('cpuUsagePercent', 'cpu_usage_percent', 'float'),
      col('memoryUsagePercent', 'memory_usage_percent', 'float'),
      col('cluster', 'cluster', 'text'),
      col('nicCount', 'nic_count', 'int'),
      col('hbaCount', 'hba_count', 'int'),
    ],
    searchText: r => [r.name, r.cluster, r.version, r.vendor, r.model],
  },
  clusters: {
    table: 'inventory_clusters',
    columns: [
      col('hostCount', 'host_count', 'int'),
      col('cpuTotalMhz', 'cpu_total_mhz', 'bigint'),
      col('cpuUsagePercent', 'cpu_usage_percent', 'float'),
      col('memoryTotalBytes', 'memory_total_bytes', 'bigint'),
      col('memoryUsagePercent', 'memory_usage_percent', 'float'),
      col('storageCapacityBytes', 'storage_capacity_bytes', 'bigint'),
      col('storageFreeBytes', 'storage_free_bytes', 'bigint'),
      col('haEnabled', 'ha_enabled', 'bool'),
      col('drsEnabled', 'drs_enabled', 'bool'),
    ],
    searchText: r => [r.name],
  },
  datastores: {
    table: 'inventory_datastores',
    columns: [
      col('type', 'type', 'text'),
      col('capacityBytes', 'capacity_bytes', 'bigint'),
      col('freeBytes', 'free_bytes', 'bigint'),
      col('usedPercent', 'used_percent', 'float'),
      col('shared', 'shared', 'bool'),
      col('accessible', 'accessible', 'bool'),
      col('hosts', 'hosts', 'json'),
      col('datastoreCluster', 'datastore_cluster', 'text'),
    ],
    searchText: r => [r.name, r.type, r.datastoreCluster, ...r.hosts],
  },
  'datastore-clusters': {
    table: 'inventory_datastore_clusters',
    columns: [
      col('capacityBytes', 'capacity_bytes', 'bigint'),
      col('freeBytes', 'free_bytes', 'bigint'),
      col('usedPercent', 'used_percent', 'float'),
      col('datastores', 'datastores', 'json'),
    ],
    searchText: r => [r.name, ...r.datastores],
  },
  networks: {
    table: 'inventory_networks',
    columns: [
      col('type', 'type', 'text'),
      col('vlan', 'vlan', 'text'),
      col('switchName', 'switch_name', 'text'),
      col('hosts', 'hosts', 'json'),
      col('vms', 'vms', 'json'),
    ],
    searchText: r => [r.name, r.vlan, r.switchName],
  },
  snapshots: {
    table: 'inventory_snapshots',
    columns: [
      col('vm', 'vm', 'text'),
      col('createdAt', 'created_at', 'time'),
      col('description', 'description', 'text'),
      col('ageDays', 'age_days', 'int'),
    ],
    searchText: r => [r.name, r.vm, r.description],
  },
  alarms: {
    table: 'inventory_alarms',
    columns: [
      col('entityName', 'entity_name', 'text'),
      col('entityType', 'entity_type', 'text'),
      col('severity', 'severity', 'text'),
      col('triggeredAt', 'triggered_at', 'time'),
      col('acknowledged', 'acknowledged', 'bool'),
    ],
    searchText: r => [r.name, r.entityName],
  },
  tasks: {
    table: 'inventory_tasks',
    columns: [
      col('entityName', 'entity_name', 'text'),
      col('state', 'state', 'text'),
      col('user', 'user_name', 'text'),
      col('queuedAt', 'queued_at', 'time'),
      col('startedAt', 'started_at', 'time'),
      col('completedAt', 'completed_at', 'time'),
      col('error', 'error', 'text'),
    ],
    searchText: r => [r.name, r.entityName, r.user],
  },
  events: {
    table: 'inventory_events',
    columns: [
      col('eventType', 'event_type', 'text'),
      col('message', 'message', 'text'),
      col('user', 'user_name', 'text'),
      col('createdAt', 'created_at', 'time'),
      col('entityName', 'entity_name', 'text'),
    ],
    searchText: r => [r.name, r.message, r.user, r.entityName],
  },
};

/** Checks that a string is an inventory kind. @internal */
export function isInventoryKind(kind: string): kind is InventoryKind {
  return Object.prototype.hasOwnProperty.call(INVENTORY_TABLES, kind);
}

/**
 * The columns a list of this kind sorts by, by row field name: every column but the JSON arrays, plus `name`,
 * `moref` and `vcenterId`.
 * @internal
 */
export function sortColumnsOf(kind: InventoryKind): Record<string, string> {
  const columns: Record<string, string> = {
    name: 'name',
    moref: 'moref',
    vcenterId: 'vcenter_id',
  };
  for (const c of INVENTORY_TABLES[kind].columns) {
    if (c.type !== 'json') columns[c.field] = c.column;
  }
  return columns;
}
