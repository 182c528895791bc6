import { SubvalueCell, type TableColumn } from '@backstage/core-components';
import type { InventoryKind } from '@vcf-backstage/plugin-vcf-common';
import type { InventoryRowsByKind } from '../../api';
import {
  formatBytes,
  formatDateTime,
  formatMegabytes,
  formatRelativeTime,
} from '../../util/format';
import { UsageBar } from '../UsageBar';
import { AlarmSeverityChip, PowerStateChip } from './chips';
import { InventoryObjectLink, VcenterTitle } from './InventoryObjectLink';

/** Everything a table needs to show one inventory kind. */
export interface InventoryListDefinition<K extends InventoryKind> {
  title: string;
  /** A column's `field` is the `orderBy` name the backend sorts by. */
  columns: TableColumn<InventoryRowsByKind[K]>[];
  /** Filters besides the vCenter one, sent as query parameters. */
  filters?: Array<{
    name: 'severity' | 'powerState';
    label: string;
    options: Array<{ value: string; label: string }>;
  }>;
}

const vcenterColumn = {
  title: 'vCenter',
  field: 'vcenterId',
  render: (row: { vcenterId: string }) => <VcenterTitle id={row.vcenterId} />,
} as const;

function yesNo(value: boolean | undefined): string {
  if (value === undefined) {
    return '–';
  }
  return value ? 'yes' : 'no';
}

function usedPercent(capacity?: number, free?: number): number | undefined {
  return capacity && free !== undefined
    ? ((capacity - free) / capacity) * 100
    : undefined;
}

function capacityCaption(capacity?: number, free?: number): string | undefined {
  return capacity === undefined
    ? undefined
    : `${formatBytes(free)} free of ${formatBytes(capacity)}`;
}

/**
 * How each inventory kind is listed: title, columns and extra filters. The one place that
 * knows the columns; every inventory view and entity card uses it.
 */
export const inventoryLists: {
  [K in InventoryKind]: InventoryListDefinition<K>;
} = {
  vms: {
    title: 'Virtual machines',
    columns: [
      {
        title: 'Name',
        field: 'name',
        highlight: true,
        render: row => (
          <SubvalueCell
            value={<InventoryObjectLink kind="vms" row={row} />}
            subvalue={row.guestOs}
          />
        ),
      },
      {
        title: 'Power',
        field: 'powerState',
        render: row => <PowerStateChip state={row.powerState} />,
      },
      { title: 'vCPU', field: 'numCpu', type: 'numeric' },
      {
        title: 'Memory',
        field: 'memoryMb',
        type: 'numeric',
        render: row => formatMegabytes(row.memoryMb),
      },
      {
        title: 'IP addresses',
        sorting: false,
        render: row => row.ipAddresses.join(', ') || '–',
      },
      { title: 'Host', field: 'host', emptyValue: '–' },
      { title: 'Cluster', field: 'cluster', emptyValue: '–' },
      { title: 'Snapshots', field: 'snapshotCount', type: 'numeric' },
      vcenterColumn,
    ],
    filters: [
      {
        name: 'powerState',
        label: 'Power state',
        options: [
          { value: 'poweredOn', label: 'Powered on' },
          { value: 'poweredOff', label: 'Powered off' },
          { value: 'suspended', label: 'Suspended' },
        ],
      },
    ],
  },
  hosts: {
    title: 'ESXi hosts',
    columns: [
      {
        title: 'Name',
        field: 'name',
        highlight: true,
        render: row => (
          <SubvalueCell
            value={<InventoryObjectLink kind="hosts" row={row} />}
            subvalue={[row.vendor, row.model].filter(Boolean).join(' ')}
          />
        ),
      },
      {
        title: 'Version',
        field: 'version',
        render: row =>
          row.version
            ? `${row.version}${row.build ? ` (${row.build})` : ''}`
            : '–',
      },
      {
        title: 'State',
        field: 'connectionState',
        render: row =>
          row.inMaintenanceMode
            ? 'maintenance mode'
            : row.connectionState ?? '–',
      },
      {
        title: 'CPU',
        field: 'cpuUsagePercent',
        render: row => (
          <UsageBar
            percent={row.cpuUsagePercent}
            caption={row.cpuCores ? `${row.cpuCores} cores` : undefined}
          />
        ),
      },
      {
        title: 'Memory',
        field: 'memoryUsagePercent',
        render: row => (
          <UsageBar
            percent={row.memoryUsagePercent}
            caption={row.memoryBytes ? formatBytes(row.memoryBytes) : undefined}
          />
        ),
      },
      { title: 'Cluster', field: 'cluster', emptyValue: '–' },
      {
        title: 'Up since',
        field: 'bootTime',
        render: row => (row.bootTime ? formatRelativeTime(row.bootTime) : '–'),
      },
      vcenterColumn,
    ],
  },
  clusters: {
    title: 'Clusters',
    columns: [
      { title: 'Name', field: 'name', highlight: true },
      { title: 'Hosts', field: 'hostCount', type: 'numeric' },
      {
        title: 'CPU',
        field: 'cpuUsagePercent',
        render: row => (
          <UsageBar
            label={`${row.name} CPU`}
            percent={row.cpuUsagePercent}
            caption={
              row.cpuTotalMhz
                ? `${(row.cpuTotalMhz / 1000).toFixed(1)} GHz`
                : undefined
            }
          />
        ),
      },
      {
        title: 'Memory',
        field: 'memoryUsagePercent',
        render: row => (
          <UsageBar
            label={`${row.name} memory`}
            percent={row.memoryUsagePercent}
            caption={
              row.memoryTotalBytes
                ? formatBytes(row.memoryTotalBytes)
                : undefined
            }
          />
        ),
      },
      {
        title: 'Storage',
        field: 'storageCapacityBytes',
        render: row => (
          <UsageBar
            label={`${row.name} storage`}
            percent={usedPercent(
              row.storageCapacityBytes,
              row.storageFreeBytes,
            )}
            caption={capacityCaption(
              row.storageCapacityBytes,
              row.storageFreeBytes,
            )}
          />
        ),
      },
      { title: 'HA', field: 'haEnabled', render: row => yesNo(row.haEnabled) },
      {
        title: 'DRS',
        field: 'drsEnabled',
        render: row => yesNo(row.drsEnabled),
      },
      vcenterColumn,
    ],
  },
  datastores: {
    title: 'Datastores',
    columns: [
      { title: 'Name', field: 'name', highlight: true },
      { title: 'Type', field: 'type', emptyValue: '–' },
      {
        title: 'Used',
        field: 'usedPercent',
        render: row => (
          <UsageBar
            label={row.name}
            percent={row.usedPercent}
            caption={capacityCaption(row.capacityBytes, row.freeBytes)}
          />
        ),
      },
      {
        title: 'Capacity',
        field: 'capacityBytes',
        type: 'numeric',
        render: row => formatBytes(row.capacityBytes),
      },
      { title: 'Hosts', sorting: false, render: row => row.hosts.length },
      { title: 'Shared', field: 'shared', render: row => yesNo(row.shared) },
      {
        title: 'Accessible',
        field: 'accessible',
        render: row => yesNo(row.accessible),
      },
      {
        title: 'Datastore cluster',
        field: 'datastoreCluster',
        emptyValue: '–',
      },
      vcenterColumn,
    ],
  },
  'datastore-clusters': {
    title: 'Datastore clusters',
    columns: [
      { title: 'Name', field: 'name', highlight: true },
      {
        title: 'Used',
        field: 'usedPercent',
        render: row => (
          <UsageBar
            label={row.name}
            percent={row.usedPercent}
            caption={capacityCaption(row.capacityBytes, row.freeBytes)}
          />
        ),
      },
      {
        title: 'Datastores',
        sorting: false,
        render: row => row.datastores.length,
      },
      vcenterColumn,
    ],
  },
  networks: {
    title: 'Networks',
    columns: [
      { title: 'Name', field: 'name', highlight: true },
      { title: 'Type', field: 'type' },
      { title: 'VLAN', field: 'vlan', emptyValue: '–' },
      { title: 'Switch', field: 'switchName', emptyValue: '–' },
      { title: 'Hosts', sorting: false, render: row => row.hosts.length },
      { title: 'VMs', sorting: false, render: row => row.vms.length },
      vcenterColumn,
    ],
  },
  snapshots: {
    title: 'Snapshots',
    columns: [
      { title: 'Snapshot', field: 'name', highlight: true },
      { title: 'VM', field: 'vm' },
      {
        title: 'Created',
        field: 'createdAt',
        render: row => formatDateTime(row.createdAt),
      },
      {
        title: 'Age (days)',
        field: 'ageDays',
        type: 'numeric',
        emptyValue: '–',
      },
      {
        title: 'Description',
        field: 'description',
        sorting: false,
        emptyValue: '',
      },
      vcenterColumn,
    ],
  },
  alarms: {
    title: 'Alarms',
    columns: [
      {
        title: 'Severity',
        field: 'severity',
        render: row => <AlarmSeverityChip severity={row.severity} />,
      },
      { title: 'Alarm', field: 'name', highlight: true },
      {
        title: 'Entity',
        field: 'entityName',
        render: row => (
          <SubvalueCell
            value={row.entityName ?? '–'}
            subvalue={row.entityType}
          />
        ),
      },
      {
        title: 'Triggered',
        field: 'triggeredAt',
        render: row => formatDateTime(row.triggeredAt),
      },
      {
        title: 'Acknowledged',
        field: 'acknowledged',
        render: row => yesNo(row.acknowledged),
      },
      vcenterColumn,
    ],
    filters: [
      {
        name: 'severity',
        label: 'Severity',
        options: [
          { value: 'red', label: 'Critical' },
          { value: 'yellow', label: 'Warning' },
        ],
      },
    ],
  },
  tasks: {
    title: 'Recent tasks',
    columns: [
      { title: 'Task', field: 'name', highlight: true },
      { title: 'Entity', field: 'entityName', emptyValue: '–' },
      {
        title: 'State',
        field: 'state',
        render: row => (
          <SubvalueCell value={row.state ?? '–'} subvalue={row.error} />
        ),
      },
      { title: 'User', field: 'user', emptyValue: '–' },
      {
        title: 'Started',
        field: 'startedAt',
        render: row => formatDateTime(row.startedAt ?? row.queuedAt),
      },
      {
        title: 'Completed',
        field: 'completedAt',
        render: row => formatDateTime(row.completedAt),
      },
      vcenterColumn,
    ],
  },
  events: {
    title: 'Recent events',
    columns: [
      {
        title: 'Time',
        field: 'createdAt',
        render: row => formatDateTime(row.createdAt),
      },
      {
        title: 'Message',
        field: 'message',
        render: row => (
          <SubvalueCell
            value={row.message ?? row.name}
            subvalue={row.eventType}
          />
        ),
      },
      { title: 'User', field: 'user', emptyValue: '–' },
      { title: 'Entity', field: 'entityName', emptyValue: '–' },
      vcenterColumn,
    ],
  },
  'vm-disks': {
    title: 'VM disks',
    columns: [
      { title: 'VM', field: 'vm', highlight: true },
      { title: 'Disk', field: 'label' },
      {
        title: 'Capacity',
        field: 'capacityBytes',
        type: 'numeric',
        render: row => formatBytes(row.capacityBytes),
      },
      { title: 'Datastore', field: 'datastore', emptyValue: '–' },
      { title: 'Provisioning', field: 'provisioning', emptyValue: '–' },
      { title: 'File', field: 'file', emptyValue: '–' },
      vcenterColumn,
    ],
  },
  'vm-nics': {
    title: 'VM NICs',
    columns: [
      { title: 'VM', field: 'vm', highlight: true },
      { title: 'NIC', field: 'label' },
      { title: 'Adapter', field: 'adapterType', emptyValue: '–' },
      { title: 'Network', field: 'network', emptyValue: '–' },
      { title: 'Switch', field: 'switchName', emptyValue: '–' },
      {
        title: 'Uplinks',
        sorting: false,
        render: row => row.uplinks.join(', ') || '–',
      },
      { title: 'MAC address', field: 'macAddress', emptyValue: '–' },
      {
        title: 'Connected',
        field: 'connected',
        render: row => yesNo(row.connected),
      },
      vcenterColumn,
    ],
  },
  'host-nics': {
    title: 'Host NICs',
    columns: [
      { title: 'Host', field: 'host', highlight: true },
      { title: 'Device', field: 'device' },
      {
        title: 'Speed',
        field: 'speedMb',
        type: 'numeric',
        render: row =>
          row.speedMb === undefined ? 'down' : `${row.speedMb} Mb/s`,
      },
      { title: 'Driver', field: 'driver', emptyValue: '–' },
      { title: 'MAC address', field: 'macAddress', emptyValue: '–' },
      { title: 'Switch', field: 'switchName', emptyValue: '–' },
      vcenterColumn,
    ],
  },
  'host-vmkernel-adapters': {
    title: 'VMkernel adapters',
    columns: [
      { title: 'Host', field: 'host', highlight: true },
      { title: 'Device', field: 'device' },
      { title: 'IP address', field: 'ipAddress', emptyValue: '–' },
      { title: 'Portgroup', field: 'portgroup', emptyValue: '–' },
      { title: 'Switch', field: 'switchName', emptyValue: '–' },
      { title: 'MTU', field: 'mtu', type: 'numeric' },
      {
        title: 'Services',
        sorting: false,
        render: row => row.services.join(', ') || '–',
      },
      vcenterColumn,
    ],
  },
};
