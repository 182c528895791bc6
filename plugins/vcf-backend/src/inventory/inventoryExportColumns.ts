import type { InventoryKind } from '@vcf-backstage/plugin-vcf-common';
import type { InventoryRowsByKind } from '@vcf-backstage/plugin-vcf-common';
import type { ExportColumn } from '../export/TableExportWriter';

/**
 * The sheet name and columns of one inventory kind's export.
 * @internal
 */
export interface InventoryExport<K extends InventoryKind> {
  sheetName: string;
  columns: ExportColumn<InventoryRowsByKind[K]>[];
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
      { header: 'Instance UUID', value: r => r.instanceUuid },
      { header: 'Datacenter', value: r => r.datacenter },
      { header: 'Folder', value: r => r.folder },
      { header: 'Resource pool', value: r => r.resourcePool },
      { header: 'Hardware version', value: r => r.hardwareVersion },
      { header: 'Tools status', value: r => r.toolsStatus },
      { header: 'Tools version', value: r => r.toolsVersion },
      { header: 'Tools running', value: r => r.toolsRunningStatus },
      { header: 'Guest OS (Tools)', value: r => r.guestOsReported },
      { header: 'DNS name', value: r => r.dnsName },
      { header: 'Annotation', value: r => r.annotation },
      { header: 'CBT', value: r => r.cbtEnabled },
      { header: 'Provisioned (bytes)', value: r => r.provisionedBytes },
      { header: 'In use (bytes)', value: r => r.usedBytes },
      { header: 'Unshared (bytes)', value: r => r.unsharedBytes },
      { header: 'Disks', value: r => r.diskCount },
      { header: 'Disk capacity (bytes)', value: r => r.diskCapacityBytes },
      { header: 'NICs', value: r => r.nicCount },
      { header: 'Uptime (s)', value: r => r.uptimeSeconds },
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
      { header: 'Serial number', value: r => r.serialNumber },
      { header: 'Service tag', value: r => r.serviceTag },
      { header: 'BIOS version', value: r => r.biosVersion },
      { header: 'BIOS date', value: r => r.biosReleaseDate },
      { header: 'CPU model', value: r => r.cpuModel },
      { header: 'CPU sockets', value: r => r.cpuSockets },
      { header: 'CPU threads', value: r => r.cpuThreads },
      { header: 'vCPU per core', value: r => r.vcpuPerCore },
      { header: 'VMs', value: r => r.vmCount },
      { header: 'NTP servers', value: r => list(r.ntpServers) },
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
      { header: 'DRS automation', value: r => r.drsAutomationLevel },
      {
        header: 'HA admission control',
        value: r => r.haAdmissionControlEnabled,
      },
      { header: 'HA admission policy', value: r => r.haAdmissionControlPolicy },
      { header: 'EVC mode', value: r => r.evcMode },
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
      { header: 'URL', value: r => r.url },
      { header: 'VMs', value: r => r.vmCount },
      { header: 'Host count', value: r => r.hostCount },
      { header: 'Provisioned (bytes)', value: r => r.provisionedBytes },
      { header: 'Free (%)', value: r => r.freePercent },
      { header: 'Maintenance mode', value: r => r.maintenanceMode },
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
      { header: 'Size (bytes)', value: r => r.sizeBytes },
      { header: 'Quiesced', value: r => r.quiesced },
      { header: 'State', value: r => r.state },
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
  'vm-disks': {
    sheetName: 'VM disks',
    columns: [
      { header: 'VM', value: r => r.vm },
      { header: 'Disk', value: r => r.label },
      { header: 'Capacity (bytes)', value: r => r.capacityBytes },
      { header: 'Datastore', value: r => r.datastore },
      { header: 'Provisioning', value: r => r.provisioning },
      { header: 'Mode', value: r => r.diskMode },
      { header: 'File', value: r => r.file },
      vcenter,
      { header: 'VM MoRef', value: r => r.vmMoref },
    ],
  },
  'vm-nics': {
    sheetName: 'VM NICs',
    columns: [
      { header: 'VM', value: r => r.vm },
      { header: 'NIC', value: r => r.label },
      { header: 'Adapter', value: r => r.adapterType },
      { header: 'Network', value: r => r.network },
      { header: 'Switch', value: r => r.switchName },
      { header: 'Uplinks', value: r => list(r.uplinks) },
      { header: 'MAC address', value: r => r.macAddress },
      { header: 'Connected', value: r => r.connected },
      { header: 'Connect at power on', value: r => r.startConnected },
      { header: 'IP addresses', value: r => list(r.ipAddresses) },
      vcenter,
      { header: 'VM MoRef', value: r => r.vmMoref },
    ],
  },
  'host-nics': {
    sheetName: 'Host NICs',
    columns: [
      { header: 'Host', value: r => r.host },
      { header: 'Device', value: r => r.device },
      { header: 'Speed (Mb/s)', value: r => r.speedMb },
      { header: 'Driver', value: r => r.driver },
      { header: 'MAC address', value: r => r.macAddress },
      { header: 'Switch', value: r => r.switchName },
      vcenter,
      { header: 'Host MoRef', value: r => r.hostMoref },
    ],
  },
  'host-vmkernel-adapters': {
    sheetName: 'VMkernel adapters',
    columns: [
      { header: 'Host', value: r => r.host },
      { header: 'Device', value: r => r.device },
      { header: 'IP address', value: r => r.ipAddress },
      { header: 'Subnet mask', value: r => r.subnetMask },
      { header: 'MAC address', value: r => r.macAddress },
      { header: 'MTU', value: r => r.mtu },
      { header: 'Portgroup', value: r => r.portgroup },
      { header: 'Switch', value: r => r.switchName },
      { header: 'Services', value: r => list(r.services) },
      vcenter,
      { header: 'Host MoRef', value: r => r.hostMoref },
    ],
  },
};

/**
 * The sheets of the one-workbook export (`GET /inventory/export`), in order: every kind but the recent tasks and
 * events, which are a log rather than inventory.
 * @internal
 */
export const INVENTORY_WORKBOOK_KINDS: InventoryKind[] = [
  'vms',
  'vm-disks',
  'vm-nics',
  'hosts',
  'host-nics',
  'host-vmkernel-adapters',
  'clusters',
  'datastores',
  'datastore-clusters',
  'networks',
  'snapshots',
  'alarms',
];
