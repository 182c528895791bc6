import type { Knex } from 'knex';
import type {
  AlarmRow,
  ClusterRow,
  DatastoreClusterRow,
  DatastoreRow,
  EventRow,
  HostNicRow,
  HostRow,
  HostVmkernelAdapterRow,
  NetworkRow,
  SnapshotRow,
  TaskRow,
  VmDiskRow,
  VmNicRow,
  VmRow,
} from '@vcf-backstage/plugin-vcf-common';
import type { VsphereInventoryRows } from '../clients/vsphere';
import { nowIso } from '../database/rowValues';

/** Inserts a bare vCenter row for store tests. */
export async function insertVcenter(
  knex: Knex,
  id: string,
  options: { environmentId?: string; owner?: string; enabled?: boolean } = {},
) {
  await knex('vcenters').insert({
    id,
    title: `vCenter ${id}`,
    base_url: `https://${id}.example.test`,
    username: 'readonly@vsphere.local',
    password_encrypted: 'v1.x.x.x',
    password_key_id: 'test',
    environment_id: options.environmentId ?? null,
    owner: options.owner ?? null,
    enabled: options.enabled ?? true,
    managed_by: 'api',
    tls_verify: true,
    interval_minutes: 15,
    created_at: nowIso(),
    updated_at: nowIso(),
  });
}

const pad = (n: number) => String(n).padStart(5, '0');
const base = (vcenterId: string, moref: string, name: string) => ({
  id: `${vcenterId}:${moref}`,
  vcenterId,
  moref,
  name,
});

/** VM number n of a vCenter, every field set. */
export function vmRow(
  vcenterId: string,
  n: number,
  overrides: Partial<VmRow> = {},
): VmRow {
  return {
    ...base(vcenterId, `vm-${pad(n)}`, `vm-${pad(n)}`),
    powerState: n % 10 === 0 ? 'poweredOff' : 'poweredOn',
    numCpu: 1 + (n % 8),
    memoryMb: 1024 * (1 + (n % 16)),
    guestOs: 'Ubuntu Linux (64-bit)',
    ipAddresses: [
      `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`,
      `fd00::${n.toString(16)}`,
    ],
    host: `esxi-${pad(n % 20)}.example.test`,
    cluster: 'cluster-a',
    datastores: ['ds-1'],
    networks: ['VM Network'],
    committedBytes: n * 2 ** 30 + 17, // above 2^32 soon: bigint columns
    uncommittedBytes: 2 ** 33,
    cpuUsageMhz: (n * 37) % 5000,
    memoryUsageMb: (n * 53) % 16000,
    snapshotCount: n % 3,
    oldestSnapshotAt: n % 3 ? '2026-01-02T03:04:05.000Z' : undefined,
    uuid: `4200${pad(n)}-0000-0000-0000-000000000000`,
    template: false,
    folder: '/Production',
    resourcePool: 'Resources',
    datacenter: 'dc-1',
    hardwareVersion: 'vmx-19',
    toolsStatus: 'guestToolsCurrent',
    toolsVersion: '12352',
    toolsRunningStatus: 'guestToolsRunning',
    guestOsReported: 'Ubuntu Linux (64-bit)',
    dnsName: `vm-${pad(n)}.example.test`,
    annotation: 'owner: ops <team> & co',
    cbtEnabled: n % 2 === 0,
    instanceUuid: `5000${pad(n)}-0000-0000-0000-000000000000`,
    provisionedBytes: n * 2 ** 30 + 17 + 2 ** 33,
    usedBytes: n * 2 ** 30 + 17,
    unsharedBytes: n * 2 ** 30,
    uptimeSeconds: 86_400 * n,
    diskCount: 1,
    nicCount: 1,
    diskCapacityBytes: 40 * 2 ** 30,
    ...overrides,
  };
}

/** A small inventory of every kind, every field of every row set. */
export function sampleInventory(
  vcenterId: string,
  vmCount = 3,
): VsphereInventoryRows {
  const hosts: HostRow[] = [1, 2].map(n => ({
    ...base(vcenterId, `host-${n}`, `esxi-${n}.${vcenterId}.test`),
    version: '8.0.3',
    build: '24022510',
    connectionState: 'connected',
    inMaintenanceMode: n === 2,
    bootTime: '2026-01-01T00:00:00.000Z',
    vendor: 'Dell Inc.',
    model: 'PowerEdge R750',
    cpuCores: 32,
    cpuMhz: 2800,
    memoryBytes: 512 * 2 ** 30,
    cpuUsagePercent: 10.5 * n,
    memoryUsagePercent: 40.25 + n,
    cluster: 'cluster-a',
    nicCount: 4,
    hbaCount: 2,
    serialNumber: `SN-${n}`,
    serviceTag: `TAG-${n}`,
    biosVersion: '2.19.1',
    biosReleaseDate: '2025-06-01T00:00:00.000Z',
    cpuModel: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz',
    cpuSockets: 2,
    cpuThreads: 64,
    vcpuPerCore: 1.5,
    vmCount: 12,
    ntpServers: ['ntp1.example.test', 'ntp2.example.test'],
  }));
  const clusters: ClusterRow[] = [
    {
      ...base(vcenterId, 'domain-c1', 'cluster-a'),
      hostCount: 2,
      cpuTotalMhz: 179_200,
      cpuUsagePercent: 12.3,
      memoryTotalBytes: 2 ** 40,
      memoryUsagePercent: 41.5,
      storageCapacityBytes: 10 * 2 ** 40,
      storageFreeBytes: 4 * 2 ** 40,
      haEnabled: true,
      drsEnabled: false,
      haAdmissionControlEnabled: true,
      haAdmissionControlPolicy:
        'ClusterFailoverResourcesAdmissionControlPolicy',
      drsAutomationLevel: 'fullyAutomated',
      evcMode: 'intel-icelake',
    },
  ];
  const datastores: DatastoreRow[] = [
    {
      ...base(vcenterId, 'datastore-1', 'ds-1'),
      type: 'VMFS',
      capacityBytes: 5 * 2 ** 40,
      freeBytes: 2 * 2 ** 40,
      usedPercent: 60,
      shared: true,
      accessible: true,
      hosts: hosts.map(h => h.name),
      datastoreCluster: 'pod-1',
      url: 'ds:///vmfs/volumes/5f1c0000-00000000/',
      vmCount: 3,
      hostCount: 2,
      provisionedBytes: 3 * 2 ** 40 + 2 ** 33,
      freePercent: 40,
      maintenanceMode: 'normal',
    },
  ];
  const datastoreClusters: DatastoreClusterRow[] = [
    {
      ...base(vcenterId, 'group-p1', 'pod-1'),
      capacityBytes: 5 * 2 ** 40,
      freeBytes: 2 * 2 ** 40,
      usedPercent: 60,
      datastores: ['ds-1'],
    },
  ];
  const networks: NetworkRow[] = [
    {
      ...base(vcenterId, 'network-1', 'VM Network'),
      type: 'standard',
      hosts: ['esxi-1'],
      vms: [],
    },
    {
      ...base(vcenterId, 'dvportgroup-1', 'pg-prod'),
      type: 'distributed-portgroup',
      vlan: '1000',
      switchName: 'dvs-1',
      hosts: ['esxi-1', 'esxi-2'],
      vms: ['vm-00001'],
    },
  ];
  const snapshots: SnapshotRow[] = [
    {
      ...base(vcenterId, 'snapshot-1', 'before upgrade'),
      vm: 'vm-00001',
      createdAt: '2026-01-02T03:04:05.000Z',
      description: 'taken by <ops> & co',
      ageDays: 42,
      vmMoref: 'vm-00001',
      sizeBytes: 3 * 2 ** 30 + 5,
      quiesced: true,
      state: 'poweredOn',
    },
  ];
  const alarms: AlarmRow[] = [
    {
      ...base(vcenterId, 'alarm-1.host-1', 'Host CPU usage'),
      entityName: hosts[0].name,
      entityType: 'HostSystem',
      entityMoref: 'host-1',
      severity: 'red',
      triggeredAt: '2026-02-01T00:00:00.000Z',
      acknowledged: false,
    },
    {
      ...base(vcenterId, 'alarm-2.datastore-1', 'Datastore usage on disk'),
      entityName: 'ds-1',
      entityType: 'Datastore',
      entityMoref: 'datastore-1',
      severity: 'yellow',
      triggeredAt: '2026-02-02T00:00:00.000Z',
      acknowledged: true,
    },
  ];
  const tasks: TaskRow[] = [
    {
      ...base(vcenterId, 'task-1', 'VirtualMachine.powerOn'),
      entityName: 'vm-00001',
      state: 'error',
      user: 'VSPHERE.LOCAL\\ops',
      queuedAt: '2026-02-01T00:00:00.000Z',
      startedAt: '2026-02-01T00:00:01.000Z',
      completedAt: '2026-02-01T00:00:02.000Z',
      error: 'InvalidPowerState',
      entityMoref: 'vm-00001',
    },
  ];
  const events: EventRow[] = [
    {
      ...base(vcenterId, 'event-1', 'VmPoweredOnEvent'),
      eventType: 'VmPoweredOnEvent',
      message: 'vm-00001 on esxi-1 is powered on',
      user: 'ops',
      createdAt: '2026-02-01T00:00:03.000Z',
      entityName: 'vm-00001',
      entityMoref: 'vm-00001',
    },
  ];
  const vms = Array.from({ length: vmCount }, (_, i) =>
    vmRow(vcenterId, i + 1),
  );
  return {
    vms,
    hosts,
    clusters,
    datastores,
    'datastore-clusters': datastoreClusters,
    networks,
    snapshots,
    alarms,
    tasks,
    events,
    'vm-disks': vms.map(vm => vmDiskRow(vm)),
    'vm-nics': vms.map(vm => vmNicRow(vm)),
    'host-nics': hosts.map(host => hostNicRow(host)),
    'host-vmkernel-adapters': hosts.map(host => vmkernelAdapterRow(host)),
  };
}

/** The first disk of a VM, every field set. */
export function vmDiskRow(
  vm: VmRow,
  overrides: Partial<VmDiskRow> = {},
): VmDiskRow {
  return {
    ...base(vm.vcenterId, `${vm.moref}/disk-2000`, 'Hard disk 1'),
    vmMoref: vm.moref,
    vm: vm.name,
    label: 'Hard disk 1',
    capacityBytes: 40 * 2 ** 30,
    datastore: 'ds-1',
    provisioning: 'thin',
    file: `[ds-1] ${vm.name}/${vm.name}.vmdk`,
    diskMode: 'persistent',
    ...overrides,
  };
}

/** The first NIC of a VM, every field set. */
export function vmNicRow(vm: VmRow): VmNicRow {
  return {
    ...base(vm.vcenterId, `${vm.moref}/nic-4000`, 'Network adapter 1'),
    vmMoref: vm.moref,
    vm: vm.name,
    label: 'Network adapter 1',
    adapterType: 'vmxnet3',
    network: 'pg-prod',
    networkMoref: 'dvportgroup-1',
    switchName: 'dvs-1',
    uplinks: ['vmnic0', 'vmnic1'],
    macAddress: '00:50:56:00:00:01',
    connected: true,
    startConnected: true,
    ipAddresses: vm.ipAddresses,
  };
}

function hostNicRow(host: HostRow): HostNicRow {
  return {
    ...base(host.vcenterId, `${host.moref}/vmnic0`, 'vmnic0'),
    hostMoref: host.moref,
    host: host.name,
    device: 'vmnic0',
    speedMb: 25_000,
    driver: 'nmlx5_core',
    macAddress: '00:50:56:aa:00:01',
    switchName: 'dvs-1',
  };
}

function vmkernelAdapterRow(host: HostRow): HostVmkernelAdapterRow {
  return {
    ...base(host.vcenterId, `${host.moref}/vmk0`, 'vmk0'),
    hostMoref: host.moref,
    host: host.name,
    device: 'vmk0',
    ipAddress: '192.168.10.11',
    subnetMask: '255.255.255.0',
    macAddress: '00:50:56:bb:00:01',
    mtu: 9000,
    portgroup: 'Management Network',
    switchName: 'vSwitch0',
    services: ['management', 'vmotion'],
  };
}
