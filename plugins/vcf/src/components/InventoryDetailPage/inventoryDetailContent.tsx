import type { TableColumn } from '@backstage/core-components';
import type {
  HostDetail,
  HostRow,
  InventoryDetail,
  VmDetail,
  VmRow,
} from '@vcf-backstage/plugin-vcf-common';
import type { ReactNode } from 'react';
import {
  formatBytes,
  formatDateTime,
  formatMegabytes,
} from '../../util/format';
import { inventoryLists } from '../InventoryTable/inventoryColumns';

/*
 * What a detail page shows of a VM or a host, as data: the summary's fields and the tables (sections), rendered by
 * InventoryDetailPage with one table component.
 */

function yesNo(value: boolean | undefined): string {
  if (value === undefined) return '–';
  return value ? 'yes' : 'no';
}

/** One table of a detail page: its rows, their columns, and its width on a wide screen (of 12). */
export interface DetailSection<T extends object> {
  title: string;
  rows: T[];
  columns: TableColumn<T>[];
  width?: 4 | 6 | 12;
}

/** Keeps a section's row type checked against its columns while sections of several row types share a list. */
function section<T extends object>(s: DetailSection<T>): DetailSection<object> {
  return s as unknown as DetailSection<object>;
}

/** A list's columns without the vCenter column: a detail page is about one vCenter. */
function withoutVcenter<T extends object>(columns: TableColumn<T>[]) {
  return columns.filter(c => c.title !== 'vCenter');
}

export function vmSummary(row: VmRow): Record<string, ReactNode> {
  return {
    'Power state': row.powerState,
    Host: row.host ?? '–',
    Cluster: row.cluster ?? '–',
    Datacenter: row.datacenter ?? '–',
    Folder: row.folder ?? '–',
    'Resource pool': row.resourcePool ?? '–',
    'vCPU / memory': `${row.numCpu ?? '–'} / ${formatMegabytes(row.memoryMb)}`,
    'Guest OS (configured)': row.guestOs ?? '–',
    'Guest OS (Tools)': row.guestOsReported ?? '–',
    'DNS name': row.dnsName ?? '–',
    'IP addresses': row.ipAddresses.join(', ') || '–',
    'Hardware version': row.hardwareVersion ?? '–',
    'VMware Tools':
      [row.toolsStatus, row.toolsVersion, row.toolsRunningStatus]
        .filter(Boolean)
        .join(' · ') || '–',
    'Provisioned / used': `${formatBytes(row.provisionedBytes)} / ${formatBytes(
      row.usedBytes,
    )}`,
    CBT: yesNo(row.cbtEnabled),
    Annotation: row.annotation ?? '–',
  };
}

export function hostSummary(row: HostRow): Record<string, ReactNode> {
  return {
    State: row.inMaintenanceMode
      ? 'maintenance mode'
      : row.connectionState ?? '–',
    Cluster: row.cluster ?? '–',
    Version: row.version ? `${row.version} (${row.build ?? '?'})` : '–',
    Hardware: [row.vendor, row.model].filter(Boolean).join(' ') || '–',
    'Serial number / service tag':
      [row.serialNumber, row.serviceTag].filter(Boolean).join(' / ') || '–',
    BIOS: [row.biosVersion, formatDateTime(row.biosReleaseDate)]
      .filter(Boolean)
      .join(' · '),
    CPU: `${row.cpuModel ?? '–'} · ${row.cpuSockets ?? '?'} sockets, ${
      row.cpuCores ?? '?'
    } cores, ${row.cpuThreads ?? '?'} threads`,
    'vCPU per core': row.vcpuPerCore ?? '–',
    VMs: row.vmCount ?? '–',
    Memory: formatBytes(row.memoryBytes),
    'NTP servers': row.ntpServers.join(', ') || '–',
  };
}

/** A VM's disks, NICs (with the portgroup → switch → uplink path) and snapshots. */
function vmSections(detail: VmDetail): DetailSection<object>[] {
  return [
    section({
      title: 'Disks',
      rows: detail.disks,
      columns: [
        { title: 'Disk', field: 'label' },
        { title: 'Capacity', render: d => formatBytes(d.capacityBytes) },
        { title: 'Datastore', field: 'datastore' },
        { title: 'Provisioning', field: 'provisioning' },
        { title: 'File', field: 'file' },
      ],
    }),
    section({
      title: 'Network adapters',
      rows: detail.nics,
      columns: [
        { title: 'NIC', field: 'label' },
        { title: 'Adapter', field: 'adapterType' },
        {
          title: 'Path',
          render: n =>
            [
              n.network ?? '?',
              n.switchName ?? '?',
              n.uplinks.join(', ') || '?',
            ].join(' → '),
        },
        { title: 'MAC address', field: 'macAddress' },
        { title: 'Connected', render: n => yesNo(n.connected) },
        {
          title: 'IP addresses',
          render: n => n.ipAddresses.join(', ') || '–',
        },
      ],
    }),
    section({
      title: 'Snapshots',
      rows: detail.snapshots,
      columns: [
        { title: 'Name', field: 'name' },
        { title: 'Created', render: s => formatDateTime(s.createdAt) },
        { title: 'Size', render: s => formatBytes(s.sizeBytes) },
        { title: 'Quiesced', render: s => yesNo(s.quiesced) },
        { title: 'Description', field: 'description' },
      ],
    }),
  ];
}

/** A host's physical NICs and VMkernel adapters. */
function hostSections(detail: HostDetail): DetailSection<object>[] {
  return [
    section({
      title: 'Physical NICs',
      rows: detail.nics,
      columns: [
        { title: 'Device', field: 'device' },
        {
          title: 'Speed',
          render: n => (n.speedMb ? `${n.speedMb} Mb/s` : 'down'),
        },
        { title: 'Driver', field: 'driver' },
        { title: 'MAC address', field: 'macAddress' },
        { title: 'Switch', field: 'switchName' },
      ],
    }),
    section({
      title: 'VMkernel adapters',
      rows: detail.vmkernelAdapters,
      columns: [
        { title: 'Device', field: 'device' },
        { title: 'IP address', field: 'ipAddress' },
        { title: 'Portgroup', field: 'portgroup' },
        { title: 'Switch', field: 'switchName' },
        { title: 'Services', render: a => a.services.join(', ') || '–' },
      ],
    }),
  ];
}

/** Every table of a detail page, in page order: alarms beside the summary, the object's parts, tasks and events. */
export function detailSections(
  detail: InventoryDetail,
): DetailSection<object>[] {
  return [
    section({
      title: 'Alarms',
      rows: detail.alarms,
      columns: withoutVcenter(inventoryLists.alarms.columns),
      width: 4,
    }),
    ...(detail.kind === 'vms' ? vmSections(detail) : hostSections(detail)),
    section({
      title: 'Recent tasks',
      rows: detail.tasks,
      columns: withoutVcenter(inventoryLists.tasks.columns),
      width: 6,
    }),
    section({
      title: 'Events',
      rows: detail.events,
      columns: withoutVcenter(inventoryLists.events.columns),
      width: 6,
    }),
  ];
}
