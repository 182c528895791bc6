import type { InventoryKind } from '@vcf-backstage/plugin-vcf-common';
import type { InventoryRowsByKind } from '@vcf-backstage/plugin-vcf-common';

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
  searchText(row: InventoryRowsByKind[K]): Array<string | undefined>;
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
 * The tables of `migrations/20261123_inventory.js` and `20261202_03_inventory_depth.js`, field by field: the one place that maps inventory rows to
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
      col('folder', 'folder', 'text'),
      col('resourcePool', 'resource_pool', 'text'),
      col('datacenter', 'datacenter', 'text'),
      col('hardwareVersion', 'hardware_version', 'text'),
      col('toolsStatus', 'tools_status', 'text'),
      col('toolsVersion', 'tools_version', 'text'),
      col('toolsRunningStatus', 'tools_running_status', 'text'),
      col('guestOsReported', 'guest_os_reported', 'text'),
      col('dnsName', 'dns_name', 'text'),
      col('annotation', 'annotation', 'text'),
      col('cbtEnabled', 'cbt_enabled', 'bool'),
      col('instanceUuid', 'instance_uuid', 'text'),
      col('provisionedBytes', 'provisioned_bytes', 'bigint'),
      col('usedBytes', 'used_bytes', 'bigint'),
      col('unsharedBytes', 'unshared_bytes', 'bigint'),
      col('uptimeSeconds', 'uptime_seconds', 'bigint'),
      col('diskCount', 'disk_count', 'int'),
      col('nicCount', 'nic_count', 'int'),
      col('diskCapacityBytes', 'disk_capacity_bytes', 'bigint'),
    ],
    searchText: r => [
      r.name,
      ...r.ipAddresses,
      r.host,
      r.cluster,
      r.guestOs,
      r.dnsName,
      r.folder,
    ],
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
      col('serialNumber', 'serial_number', 'text'),
      col('serviceTag', 'service_tag', 'text'),
      col('biosVersion', 'bios_version', 'text'),
      col('biosReleaseDate', 'bios_release_date', 'time'),
      col('cpuModel', 'cpu_model', 'text'),
      col('cpuSockets', 'cpu_sockets', 'int'),
      col('cpuThreads', 'cpu_threads', 'int'),
      col('vcpuPerCore', 'vcpu_per_core', 'float'),
      col('vmCount', 'vm_count', 'int'),
      col('ntpServers', 'ntp_servers', 'json'),
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
      col('haAdmissionControlEnabled', 'ha_admission_control_enabled', 'bool'),
      col('haAdmissionControlPolicy', 'ha_admission_control_policy', 'text'),
      col('drsAutomationLevel', 'drs_automation_level', 'text'),
      col('evcMode', 'evc_mode', 'text'),
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
      col('url', 'url', 'text'),
      col('vmCount', 'vm_count', 'int'),
      col('hostCount', 'host_count', 'int'),
      col('provisionedBytes', 'provisioned_bytes', 'bigint'),
      col('freePercent', 'free_percent', 'float'),
      col('maintenanceMode', 'maintenance_mode', 'text'),
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
      col('vmMoref', 'vm_moref', 'text'),
      col('sizeBytes', 'size_bytes', 'bigint'),
      col('quiesced', 'quiesced', 'bool'),
      col('state', 'state', 'text'),
    ],
    searchText: r => [r.name, r.vm, r.description],
  },
  alarms: {
    table: 'inventory_alarms',
    columns: [
      col('entityName', 'entity_name', 'text'),
      col('entityType', 'entity_type', 'text'),
      col('entityMoref', 'entity_moref', 'text'),
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
      col('entityMoref', 'entity_moref', 'text'),
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
      col('entityMoref', 'entity_moref', 'text'),
    ],
    searchText: r => [r.name, r.message, r.user, r.entityName],
  },
  'vm-disks': {
    table: 'inventory_vm_disks',
    columns: [
      col('vmMoref', 'vm_moref', 'text'),
      col('vm', 'vm', 'text'),
      col('label', 'label', 'text'),
      col('capacityBytes', 'capacity_bytes', 'bigint'),
      col('datastore', 'datastore', 'text'),
      col('provisioning', 'provisioning', 'text'),
      col('file', 'file', 'text'),
      col('diskMode', 'disk_mode', 'text'),
    ],
    searchText: r => [r.name, r.vm, r.datastore, r.file],
  },
  'vm-nics': {
    table: 'inventory_vm_nics',
    columns: [
      col('vmMoref', 'vm_moref', 'text'),
      col('vm', 'vm', 'text'),
      col('label', 'label', 'text'),
      col('adapterType', 'adapter_type', 'text'),
      col('network', 'network', 'text'),
      col('networkMoref', 'network_moref', 'text'),
      col('switchName', 'switch_name', 'text'),
      col('uplinks', 'uplinks', 'json'),
      col('macAddress', 'mac_address', 'text'),
      col('connected', 'connected', 'bool'),
      col('startConnected', 'start_connected', 'bool'),
      col('ipAddresses', 'ip_addresses', 'json'),
    ],
    searchText: r => [r.name, r.vm, r.network, r.macAddress, ...r.ipAddresses],
  },
  'host-nics': {
    table: 'inventory_host_nics',
    columns: [
      col('hostMoref', 'host_moref', 'text'),
      col('host', 'host', 'text'),
      col('device', 'device', 'text'),
      col('speedMb', 'speed_mb', 'int'),
      col('driver', 'driver', 'text'),
      col('macAddress', 'mac_address', 'text'),
      col('switchName', 'switch_name', 'text'),
    ],
    searchText: r => [r.name, r.host, r.macAddress, r.switchName],
  },
  'host-vmkernel-adapters': {
    table: 'inventory_host_vmkernel_adapters',
    columns: [
      col('hostMoref', 'host_moref', 'text'),
      col('host', 'host', 'text'),
      col('device', 'device', 'text'),
      col('ipAddress', 'ip_address', 'text'),
      col('subnetMask', 'subnet_mask', 'text'),
      col('macAddress', 'mac_address', 'text'),
      col('mtu', 'mtu', 'int'),
      col('portgroup', 'portgroup', 'text'),
      col('switchName', 'switch_name', 'text'),
      col('services', 'services', 'json'),
    ],
    searchText: r => [r.name, r.host, r.ipAddress, r.portgroup],
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
