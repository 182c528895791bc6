import type { InventoryKind } from '@vcf-backstage/plugin-vcf-common';
import type { InventoryRowByKind } from '../clients/vsphere';
import type { ExportColumn } from '../export/TableExportWriter';

/**
 * The sheet name and columns of one inventory kind's export.
 * @internal
 */
export interface InventoryExport<K extends InventoryKind> {
  sheetName: string;
  columns: ExportColumn<InventoryRowByKind[K]>[];
}

const list = (values: string[]) => values.join(', ');
const vcenter = {
  header: 'vCenter',
  value: (r: { vcenterId: string }) => r.vcenterId,
};
const moref = { header: 'MoRef', value: (r: { moref: string }) => r.moref };

/**
 * The columns of every inventory export (CSV and XLSX), in one place.
 * @internal
 */
export const INVENTORY_EXPORTS: { [K in InventoryKind]: InventoryExport<K> } = {
  vms: {
    sheetName: 'Virtual machines',
    columns: [
      { header: 'Name', value: r => r.name },
      { header: 'Power state', value: r => r.powerState },
      { header: 'vCPU', value: r => r.numCpu },
      { header: 'Memory (MB)', value: r => r.memoryMb },
      { header: 'Guest OS', value: r => r.guestOs },
      { header: 'IP addresses', value: r => list(r.ipAddresses) },
      { header: 'Host', value: r => r.host },
      { header: 'Cluster', value: r => r.cluster },
      { header: 'Datastores', value: r => list(r.datastores) },
      { header: 'Networks', value: r => list(r.networks) },
      { header: 'Committed (bytes)', value: r => r.committedBytes },
      { header: 'Uncommitted (bytes)', value: r => r.uncommittedBytes },
      { header: 'CPU usage (MHz)', value: r => r.cpuUsageMhz },
      { header: 'Guest memory usage (MB)', value: r => r.memoryUsageMb },
      { header: 'Snapshots', value: r => r.snapshotCount },
      { header: 'Oldest snapshot', value: r => r.oldestSnapshotAt },
      { header: 'Template', value: r => r.template },
      { header: 'UUID', value: r => r.uuid },
      vcenter,
      moref,
    ],
  },
  hosts: {
    sheetName: 'ESXi hosts',
    columns: [
      { header: 'Name', value: r => r.name },
      { header: 'Cluster', value: r => r.cluster },
      { header: 'Version', value: r => r.version },
      { header: 'Build', value: r => r.build },
      { header: 'Connection state', value: r => r.connectionState },
      { header: 'Maintenance mode', value: r => r.inMaintenanceMode },
      { header: 'Vendor', value: r => r.vendor },
      { header: 'Model', value: r => r.model },
      { header: 'CPU cores', value: r => r.cpuCores },
      { header: 'CPU (MHz per core)', value: r => r.cpuMhz },
      { header: 'Memory (bytes)', value: r => r.memoryBytes },
      { header: 'CPU usage (%)', value: r => r.cpuUsagePercent },
      { header: 'Memory usage (%)', value: r => r.memoryUsagePercent },
      { header: 'NICs', value: r => r.nicCount },
      { header: 'HBAs', value: r => r.hbaCount },
      { header: 'Boot time', value: r => r.bootTime },
      vcenter,
      moref,
    ],
  },
  clusters: {
    sheetName: 'Clusters',
    columns: [
      { header: 'Name', value: r => r.name },
      { header: 'Hosts', value: r => r.hostCount },
      { header: 'CPU total (MHz)', value: r => r.cpuTotalMhz },
      { header: 'CPU usage (%)', value: r => r.cpuUsagePercent },
      { header: 'Memory total (bytes)', value: r => r.memoryTotalBytes },
      { header: 'Memory usage (%)', value: r => r.memoryUsagePercent },
      {
        header: 'Storage capacity (bytes)',
        value: r => r.storageCapacityBytes,
      },
      { header: 'Storage free (bytes)', value: r => r.storageFreeBytes },
      { header: 'HA', value: r => r.haEnabled },
      { header: 'DRS', value: r => r.drsEnabled },
      vcenter,
      moref,
    ],
  },
  datastores: {
    sheetName: 'Datastores',
    columns: [
      { header: 'Name', value: r => r.name },
      { header: 'Type', value: r => r.type },
      { header: 'Capacity (bytes)', value: r => r.capacityBytes },
      { header: 'Free (bytes)', value: r => r.freeBytes },
      { header: 'Used (%)', value: r => r.usedPercent },
      { header: 'Shared', value: r => r.shared },
      { header: 'Accessible', value: r => r.accessible },
      { header: 'Datastore cluster', value: r => r.datastoreCluster },
      { header: 'Hosts', value: r => list(r.hosts) },
      vcenter,
      moref,
    ],
  },
  'datastore-clusters': {
    sheetName: 'Datastore clusters',
    columns: [
      { header: 'Name', value: r => r.name },
      { header: 'Capacity (bytes)', value: r => r.capacityBytes },
      { header: 'Free (bytes)', value: r => r.freeBytes },
      { header: 'Used (%)', value: r => r.usedPercent },
      { header: 'Datastores', value: r => list(r.datastores) },
      vcenter,
      moref,
    ],
  },
  networks: {
    sheetName: 'Networks',
    columns: [
      { header: 'Name', value: r => r.name },
      { header: 'Type', value: r => r.type },
      { header: 'VLAN', value: r => r.vlan },
      { header: 'Switch', value: r => r.switchName },
      { header: 'Hosts', value: r => r.hosts.length },
      { header: 'VMs', value: r => r.vms.length },
      vcenter,
      moref,
    ],
  },
  snapshots: {
    sheetName: 'Snapshots',
    columns: [
      { header: 'Name', value: r => r.name },
      { header: 'VM', value: r => r.vm },
      { header: 'Created', value: r => r.createdAt },
      { header: 'Age (days)', value: r => r.ageDays },
      { header: 'Description', value: r => r.description },
      vcenter,
      moref,
    ],
  },
  alarms: {
    sheetName: 'Alarms',
    columns: [
      { header: 'Alarm', value: r => r.name },
      { header: 'Severity', value: r => r.severity },
      { header: 'Entity', value: r => r.entityName },
      { header: 'Entity type', value: r => r.entityType },
      { header: 'Triggered', value: r => r.triggeredAt },
      { header: 'Acknowledged', value: r => r.acknowledged },
      vcenter,
      { header: 'Key', value: r => r.moref },
    ],
  },
  tasks: {
    sheetName: 'Tasks',
    columns: [
      { header: 'Task', value: r => r.name },
      { header: 'Entity', value: r => r.entityName },
      { header: 'State', value: r => r.state },
      { header: 'User', value: r => r.user },
      { header: 'Queued', value: r => r.queuedAt },
      { header: 'Started', value: r => r.startedAt },
      { header: 'Completed', value: r => r.completedAt },
      { header: 'Error', value: r => r.error },
      vcenter,
      moref,
    ],
  },
  events: {
    sheetName: 'Events',
    columns: [
      { header: 'Created', value: r => r.createdAt },
      { header: 'Type', value: r => r.eventType },
      { header: 'Message', value: r => r.message },
      { header: 'User', value: r => r.user },
      { header: 'Entity', value: r => r.entityName },
      vcenter,
    ],
  },
};
