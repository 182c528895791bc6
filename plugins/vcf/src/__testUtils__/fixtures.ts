import type {
  AlarmRow,
  CredentialSummary,
  DatastoreRow,
  HostRow,
  InventorySummary,
  Page,
  SyncTargetStatus,
  VcenterSummary,
  VcfEnvironment,
  VmRow,
} from '@vcf-backstage/plugin-vcf-common';

export function page<T>(items: T[], totalCount = items.length): Page<T> {
  return { items, totalCount };
}

export function syncStatus(
  overrides: Partial<SyncTargetStatus> = {},
): SyncTargetStatus {
  return {
    targetId: 'env:lab:sddc-manager',
    status: 'succeeded',
    lastStartedAt: '2026-01-01T10:00:00Z',
    lastFinishedAt: '2026-01-01T10:00:05Z',
    lastSucceededAt: '2026-01-01T10:00:05Z',
    lastDurationMs: 5000,
    lastCount: 42,
    ...overrides,
  };
}

export function environment(
  overrides: Partial<VcfEnvironment> = {},
): VcfEnvironment {
  return {
    id: 'lab',
    title: 'Lab',
    description: 'The lab estate',
    owner: 'group:default/vcf-admins',
    managedBy: 'api',
    sddcManager: {
      baseUrl: 'https://sddc-manager.lab.example.com',
      username: 'svc-backstage@vsphere.local',
      tls: { verify: true },
      schedule: 'every 30 minutes',
      intervalMinutes: 30,
    },
    discoverVcenters: true,
    sync: { 'sddc-manager': syncStatus() },
    credentialCounts: { total: 42, removed: 1, expiringSoon: 3, expired: 0 },
    ...overrides,
  };
}

export function credential(
  overrides: Partial<CredentialSummary> = {},
): CredentialSummary {
  return {
    id: 'cred-1',
    environmentId: 'lab',
    source: 'sddc-manager',
    resourceName: 'esx01.lab.example.com',
    resourceIp: '10.0.0.11',
    resourceType: 'ESXI',
    domainName: 'mgmt',
    username: 'root',
    credentialType: 'SSH',
    accountType: 'USER',
    expiryStatus: 'ACTIVE',
    firstSeenAt: '2026-01-01T00:00:00Z',
    lastSeenAt: '2026-01-01T10:00:00Z',
    ...overrides,
  };
}

export function vcenter(
  overrides: Partial<VcenterSummary> = {},
): VcenterSummary {
  return {
    id: 'vc01',
    title: 'vCenter 01',
    baseUrl: 'https://vc01.lab.example.com',
    username: 'readonly@vsphere.local',
    environmentId: 'lab',
    enabled: true,
    managedBy: 'api',
    tls: { verify: true },
    intervalMinutes: 15,
    sync: syncStatus({ targetId: 'vcenter:vc01' }),
    counts: { vms: 120, hosts: 8 },
    apiVersion: '8.0.3',
    ...overrides,
  };
}

export function inventorySummary(
  overrides: Partial<InventorySummary> = {},
): InventorySummary {
  return {
    counts: {
      vms: 120,
      hosts: 8,
      clusters: 2,
      datastores: 6,
      'datastore-clusters': 1,
      networks: 14,
      snapshots: 9,
      alarms: 4,
      tasks: 30,
      events: 200,
      'vm-disks': 150,
      'vm-nics': 130,
      'host-nics': 32,
      'host-vmkernel-adapters': 24,
    },
    alarmsBySeverity: { red: 1, yellow: 3 },
    vcenters: [
      {
        id: 'vc01',
        title: 'vCenter 01',
        enabled: true,
        sync: syncStatus({ targetId: 'vcenter:vc01' }),
      },
    ],
    ...overrides,
  };
}

export function vm(overrides: Partial<VmRow> = {}): VmRow {
  return {
    id: 'vc01:vm-1',
    vcenterId: 'vc01',
    moref: 'vm-1',
    name: 'web-01',
    powerState: 'poweredOn',
    numCpu: 4,
    memoryMb: 8192,
    guestOs: 'Ubuntu Linux (64-bit)',
    ipAddresses: ['10.0.1.5'],
    host: 'esx01.lab.example.com',
    cluster: 'mgmt-cluster',
    datastores: ['vsan-ds'],
    networks: ['vm-network'],
    snapshotCount: 0,
    template: false,
    ...overrides,
  };
}

export function host(overrides: Partial<HostRow> = {}): HostRow {
  return {
    id: 'vc01:host-1',
    vcenterId: 'vc01',
    moref: 'host-1',
    name: 'esx01.lab.example.com',
    version: '8.0.3',
    connectionState: 'connected',
    inMaintenanceMode: false,
    cpuUsagePercent: 35,
    memoryUsagePercent: 62,
    cluster: 'mgmt-cluster',
    ntpServers: ['ntp.lab.example.com'],
    ...overrides,
  };
}

export function datastore(overrides: Partial<DatastoreRow> = {}): DatastoreRow {
  return {
    id: 'vc01:datastore-1',
    vcenterId: 'vc01',
    moref: 'datastore-1',
    name: 'vsan-ds',
    type: 'vsan',
    capacityBytes: 10 * 1024 ** 4,
    freeBytes: 4 * 1024 ** 4,
    usedPercent: 60,
    shared: true,
    accessible: true,
    hosts: ['esx01.lab.example.com', 'esx02.lab.example.com'],
    ...overrides,
  };
}

export function alarm(overrides: Partial<AlarmRow> = {}): AlarmRow {
  return {
    id: 'vc01:alarm-1',
    vcenterId: 'vc01',
    moref: 'alarm-1',
    name: 'Host connection and power state',
    entityName: 'esx02.lab.example.com',
    entityType: 'HostSystem',
    severity: 'red',
    triggeredAt: '2026-01-01T09:00:00Z',
    acknowledged: false,
    ...overrides,
  };
}
