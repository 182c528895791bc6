import type { PropertySpecInput } from './propertyFilterSpec';

/**
 * The property paths the inventory reads, per managed object type: the one place that lists them. Paths stop at
 * a property whose declared type is a base type (`configurationEx`, `config.defaultPortConfig`): vCenter rejects
 * paths into subtype fields.
 * @internal
 */
export const VSPHERE_PROPERTY_PATHS = {
  VirtualMachine: [
    'name',
    'runtime.powerState',
    'runtime.host',
    'config.hardware.numCPU',
    'config.hardware.memoryMB',
    'config.guestFullName',
    'config.uuid',
    'config.template',
    'guest.ipAddress',
    'guest.net',
    'datastore',
    'network',
    'summary.storage.committed',
    'summary.storage.uncommitted',
    'summary.quickStats.overallCpuUsage',
    'summary.quickStats.guestMemoryUsage',
    'snapshot',
    'parent',
    'resourcePool',
    'config.version',
    'config.annotation',
    'config.changeTrackingEnabled',
    'config.instanceUuid',
    /** Disks and NICs become child rows. */
    'config.hardware.device',
    'guest.toolsVersionStatus2',
    'guest.toolsVersion',
    'guest.toolsRunningStatus',
    'guest.guestFullName',
    'guest.hostName',
    'summary.storage.unshared',
    'summary.quickStats.uptimeSeconds',
    /** Snapshot sizes. */
    'layoutEx',
  ],
  HostSystem: [
    'name',
    'parent',
    'runtime.connectionState',
    'runtime.inMaintenanceMode',
    'runtime.bootTime',
    'summary.config.product.version',
    'summary.config.product.build',
    'summary.hardware.vendor',
    'summary.hardware.model',
    'summary.hardware.numCpuCores',
    'summary.hardware.cpuMhz',
    'summary.hardware.memorySize',
    'summary.hardware.numNics',
    'summary.hardware.numHBAs',
    'summary.quickStats.overallCpuUsage',
    'summary.quickStats.overallMemoryUsage',
    'summary.hardware.cpuModel',
    'summary.hardware.numCpuPkgs',
    'summary.hardware.numCpuThreads',
    'hardware.systemInfo',
    'hardware.biosInfo',
    'vm',
    'config.dateTimeInfo',
    /** Physical NICs, VMkernel adapters and the switches and portgroups that connect them. */
    'config.network.pnic',
    'config.network.vnic',
    'config.network.vswitch',
    'config.network.proxySwitch',
    'config.network.portgroup',
    /** Which VMkernel adapters carry management, vMotion, vSAN… traffic. */
    'config.virtualNicManagerInfo.netConfig',
  ],
  ClusterComputeResource: [
    'name',
    'host',
    'datastore',
    /** Whole: `currentEVCModeKey` is a field of the ClusterComputeResourceSummary subtype. */
    'summary',
    'configurationEx',
  ],
  Datastore: [
    'name',
    'parent',
    'host',
    'summary.type',
    'summary.capacity',
    'summary.freeSpace',
    'summary.accessible',
    'summary.multipleHostAccess',
    'summary.url',
    'summary.uncommitted',
    'summary.maintenanceMode',
    'vm',
  ],
  StoragePod: ['name', 'childEntity', 'summary.capacity', 'summary.freeSpace'],
  /** Standard portgroups, and the common part of distributed portgroups and opaque (NSX) networks. */
  Network: ['name', 'host', 'vm'],
  /** Read on top of the `Network` paths. */
  DistributedVirtualPortgroup: [
    'config.distributedVirtualSwitch',
    'config.defaultPortConfig',
  ],
  /** Also matches VmwareDistributedVirtualSwitch. */
  DistributedVirtualSwitch: [
    'name',
    'summary.hostMember',
    'config.uplinkPortgroup',
  ],
  /** Folders, datacenters and resource pools (vApps too): names and parents for folder paths and placement. */
  Container: ['name', 'parent'],
  /** On the root folder, which lists every triggered alarm of the inventory. */
  Folder: ['triggeredAlarmState'],
  Alarm: ['info.name'],
  /** Read for the tasks in TaskManager.recentTask. */
  Task: ['info'],
  /** Names of other entities an alarm may be on (datacenters, folders, resource pools…). */
  ManagedEntity: ['name'],
} as const satisfies Record<string, readonly string[]>;

/**
 * One inventory list read through a ContainerView: the view's types and the property specs.
 * @internal
 */
export interface VsphereViewRetrieval {
  viewTypes: readonly string[];
  propSet: readonly PropertySpecInput[];
}

/**
 * The ContainerView retrievals of an inventory fetch, keyed by what they read. Benchmarks and peers (govmomi,
 * pyvmomi) read the same specs so that their timings compare.
 * @internal
 */
export const VSPHERE_VIEW_RETRIEVALS = {
  vms: {
    viewTypes: ['VirtualMachine'],
    propSet: [
      {
        type: 'VirtualMachine',
        pathSet: VSPHERE_PROPERTY_PATHS.VirtualMachine,
      },
    ],
  },
  hosts: {
    viewTypes: ['HostSystem'],
    propSet: [
      { type: 'HostSystem', pathSet: VSPHERE_PROPERTY_PATHS.HostSystem },
    ],
  },
  clusters: {
    viewTypes: ['ClusterComputeResource'],
    propSet: [
      {
        type: 'ClusterComputeResource',
        pathSet: VSPHERE_PROPERTY_PATHS.ClusterComputeResource,
      },
    ],
  },
  datastores: {
    viewTypes: ['Datastore'],
    propSet: [{ type: 'Datastore', pathSet: VSPHERE_PROPERTY_PATHS.Datastore }],
  },
  datastoreClusters: {
    viewTypes: ['StoragePod'],
    propSet: [
      { type: 'StoragePod', pathSet: VSPHERE_PROPERTY_PATHS.StoragePod },
    ],
  },
  networks: {
    viewTypes: ['Network'],
    propSet: [
      { type: 'Network', pathSet: VSPHERE_PROPERTY_PATHS.Network },
      {
        type: 'DistributedVirtualPortgroup',
        pathSet: VSPHERE_PROPERTY_PATHS.DistributedVirtualPortgroup,
      },
    ],
  },
  containers: {
    viewTypes: ['Folder', 'Datacenter', 'ResourcePool'],
    propSet: [
      { type: 'Folder', pathSet: VSPHERE_PROPERTY_PATHS.Container },
      { type: 'Datacenter', pathSet: VSPHERE_PROPERTY_PATHS.Container },
      { type: 'ResourcePool', pathSet: VSPHERE_PROPERTY_PATHS.Container },
    ],
  },
  distributedSwitches: {
    viewTypes: ['DistributedVirtualSwitch'],
    propSet: [
      {
        type: 'DistributedVirtualSwitch',
        pathSet: VSPHERE_PROPERTY_PATHS.DistributedVirtualSwitch,
      },
    ],
  },
} as const satisfies Record<string, VsphereViewRetrieval>;
