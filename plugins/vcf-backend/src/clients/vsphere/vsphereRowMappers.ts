import {
  inventoryRowId,
  type AlarmRow,
  type ClusterRow,
  type DatastoreClusterRow,
  type DatastoreRow,
  type EventRow,
  type HostNicRow,
  type HostRow,
  type HostVmkernelAdapterRow,
  type InventoryRowsByKind,
  type InventoryKind,
  type NetworkRow,
  type SnapshotRow,
  type TaskRow,
  type VmRow,
} from '@vcf-backstage/plugin-vcf-common';
import {
  diskCapacity,
  hostNicRows,
  hostVmkernelAdapterRows,
  isDisk,
  isNic,
  vmDevices,
  vmDiskRows,
  vmNicRows,
  type DeviceMappingContext,
} from './vsphereDeviceMappers';
import type { ManagedObjectReference, ObjectContent, VimNode } from './types';
import { HostFacts, HostSwitches } from './vsphereHostFacts';
import {
  asArray,
  child,
  detached,
  detachedMoRef,
  moRefKey,
  readArrayOf,
  readBoolean,
  readDate,
  readMoRef,
  readMoRefs,
  readNumber,
  readString,
  readStrings,
  xsiType,
} from './vimValues';

/**
 * The inventory rows of one vCenter, by inventory kind (a list for every {@link @vcf-backstage/plugin-vcf-common#InventoryKind}).
 * @internal
 */
export type VsphereInventoryRows = {
  [K in InventoryKind]: Array<InventoryRowsByKind[K]>;
};

/**
 * What the fetcher read from vCenter, before mapping.
 * @internal
 */
export interface RawVsphereInventory {
  vms: ObjectContent[];
  hosts: ObjectContent[];
  clusters: ObjectContent[];
  datastores: ObjectContent[];
  datastoreClusters: ObjectContent[];
  networks: ObjectContent[];
  distributedSwitches: ObjectContent[];
  /**
   * Hosts already kept as what the rows read of them, as they were read: then their parsed trees die young (the
   * fetcher's way; `hosts` is for parsed hosts, which the mapper reduces to the same facts).
   */
  hostFacts?: HostFacts[];
  /** Folders, datacenters and resource pools, with their names and parents. */
  containers: ObjectContent[];
  /** AlarmState nodes of the root folder's triggeredAlarmState. */
  alarmStates: VimNode[];
  /** Task objects with their `info`. */
  tasks: ObjectContent[];
  /** Event nodes returned by QueryEvents. */
  events: VimNode[];
  /** Names of objects read besides the lists above (alarm definitions, other alarmed entities), by moRefKey. */
  otherNames: Map<string, string>;
}

/**
 * What row mapping needs besides the raw inventory.
 * @internal
 */
export interface RowMappingContext {
  vcenterId: string;
  /** Reference time for ages (snapshot age in days). */
  now: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the mapper keeps of a datastore's or network's `vm` list, which names every VM on it: their number, and for
 * a network their references, copied out of the page (the network's row names its VMs).
 * @internal
 */
export class VmListSummary {
  private constructor(
    readonly count: number,
    readonly refs: ManagedObjectReference[],
  ) {}

  /**
   * Puts the summary in place of the parsed `vm` list of `o`, with the references when `withRefs`. The fetcher
   * calls it as soon as `o` is parsed, so that the list (thousands of elements) dies young; the mapper calls it
   * for objects that still have their list.
   */
  static summarize(o: ObjectContent, withRefs: boolean): VmListSummary {
    const list = o.props.get('vm');
    if (list instanceof VmListSummary) return list;
    const refs = readMoRefs(list);
    const summary = new VmListSummary(
      refs.length,
      withRefs ? refs.map(detachedMoRef) : [],
    );
    o.props.set('vm', summary as unknown as VimNode);
    return summary;
  }

  /** The summary of `o`'s `vm` list, which leaves its properties. */
  static take(o: ObjectContent, withRefs: boolean): VmListSummary {
    const summary = VmListSummary.summarize(o, withRefs);
    o.props.delete('vm');
    return summary;
  }
}

/**
 * used / total as a percentage with one decimal, or undefined when the total is unknown or zero.
 * @internal
 */
export function percent(
  used: number | undefined,
  total: number | undefined,
): number | undefined {
  if (used === undefined || !total) return undefined;
  return Math.round((used / total) * 1000) / 10;
}

function sum(values: Array<number | undefined>): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? known.reduce((a, b) => a + b, 0) : undefined;
}

/** Event arguments that name an object, most specific first, with the path of their moref. */
const EVENT_ENTITY_ARGUMENTS: Array<[string, string]> = [
  ['vm', 'vm'],
  ['host', 'host'],
  ['ds', 'datastore'],
  ['net', 'network'],
  ['dvs', 'dvs'],
  ['computeResource', 'computeResource'],
  ['datacenter', 'datacenter'],
];

/**
 * The rows one page of VMs maps to: the VMs and their snapshots, disks and NICs.
 * @internal
 */
export type VmPageRows = Pick<
  VsphereInventoryRows,
  'vms' | 'snapshots' | 'vm-disks' | 'vm-nics'
>;

/**
 * A page of VM rows with nothing in it yet.
 * @internal
 */
export function emptyVmPageRows(): VmPageRows {
  return { vms: [], snapshots: [], 'vm-disks': [], 'vm-nics': [] };
}

/**
 * The kinds whose rows come from the VM pages, in the order a page's rows are written.
 * @internal
 */
export const VM_PAGE_KINDS = [
  'vms',
  'snapshots',
  'vm-disks',
  'vm-nics',
] as const;

/**
 * Maps raw vCenter objects to inventory rows. VMs are mapped a page at a time ({@link VsphereRowMapper.vmPage}),
 * every other kind once, after the VM pages: hosts need the vCPUs of their VMs, networks the names of their VMs.
 * Of the VMs, only their names and vCPUs per host are kept between pages.
 * @internal
 */
export class VsphereRowMapper {
  private readonly names = new Map<string, string>();
  private readonly vcpus = new Map<string, number>();
  private readonly hostParents = new Map<string, ManagedObjectReference>();
  private readonly containerParents = new Map<string, ManagedObjectReference>();
  /** The hosts, as what their rows and the VM NIC rows read of them (see vsphereHostFacts.ts). */
  private readonly hostFacts: HostFacts[];
  private readonly hostsByKey = new Map<string, HostFacts>();
  private readonly portgroupSwitches = new Map<string, string>();
  /** VMs per host and per datastore, by moRefKey (see the constructor). */
  private readonly vmCounts = new Map<string, number>();
  /** The VMs of each network, by moRefKey (see the constructor). */
  private readonly networkVms = new Map<string, ManagedObjectReference[]>();
  private readonly devices: DeviceMappingContext;

  /**
   * Takes the kinds read before the VMs. Their `vm` lists name every VM of the vCenter, several times over: the
   * mapper keeps their counts (hosts, datastores) and compact references (networks), and removes the parsed lists
   * from `raw`, so that memory does not grow with the number of VMs while they are read. Hosts are kept as
   * {@link HostFacts} (parsed hosts are reduced to them and their properties removed from `raw`); what the mapper
   * keeps of any object (names, references) is copied out of its page's text, which it would otherwise keep
   * alive.
   */
  constructor(
    private readonly raw: RawVsphereInventory,
    private readonly ctx: RowMappingContext,
  ) {
    this.hostFacts = [
      ...(raw.hostFacts ?? []),
      ...raw.hosts.map(h => {
        const facts = new HostFacts(h);
        h.props.clear();
        return facts;
      }),
    ];
    for (const h of this.hostFacts) {
      const key = moRefKey(h.ref);
      this.hostsByKey.set(key, h);
      this.vmCounts.set(key, h.vmCount);
      if (h.named) this.names.set(key, h.name);
      if (h.parent) this.hostParents.set(key, h.parent);
    }
    for (const o of raw.datastores) {
      this.vmCounts.set(
        detached(moRefKey(o.obj)),
        VmListSummary.take(o, false).count,
      );
    }
    for (const n of raw.networks) {
      this.networkVms.set(
        detached(moRefKey(n.obj)),
        VmListSummary.take(n, true).refs,
      );
    }
    for (const list of [
      raw.clusters,
      raw.datastores,
      raw.datastoreClusters,
      raw.networks,
      raw.distributedSwitches,
      raw.containers,
    ]) {
      for (const o of list) {
        const name = readString(o.props.get('name'));
        if (name !== undefined)
          this.names.set(detached(moRefKey(o.obj)), detached(name));
      }
    }
    this.addNames(raw.otherNames);
    for (const c of raw.containers) {
      const parent = readMoRef(c.props.get('parent'));
      if (parent)
        this.containerParents.set(
          detached(moRefKey(c.obj)),
          detachedMoRef(parent),
        );
    }
    for (const n of raw.networks) {
      const dvs = readMoRef(n.props.get('config.distributedVirtualSwitch'));
      if (dvs)
        this.portgroupSwitches.set(
          detached(n.obj.value),
          detached(this.nameOf(dvs)!),
        );
    }
    this.devices = {
      vcenterId: ctx.vcenterId,
      nameOf: ref => this.nameOf(ref),
      switchOfPortgroup: key => this.portgroupSwitches.get(key),
      hostSwitches: ref =>
        (ref && this.hostsByKey.get(moRefKey(ref))?.switches) ??
        HostSwitches.none,
    };
  }

  /**
   * Where an object sits: its datacenter and the folder path below the datacenter's hidden root folder
   * (`/` at the root, `/Production/Web` deeper).
   */
  private placement(parent: ManagedObjectReference | undefined): {
    datacenter?: string;
    folder?: string;
  } {
    const folders: string[] = [];
    let current = parent;
    for (let depth = 0; current && depth < 100; depth++) {
      if (current.type === 'Datacenter') {
        // The first folder below the datacenter is its hidden `vm` (or `host`, `datastore`…) root folder.
        folders.pop();
        return {
          datacenter: this.nameOf(current),
          folder: `/${folders.reverse().join('/')}`,
        };
      }
      folders.push(this.nameOf(current)!);
      current = this.containerParents.get(moRefKey(current));
    }
    return {};
  }

  /** Names of objects read besides the lists the mapper was created with, by moRefKey. */
  addNames(names: Map<string, string>): void {
    for (const [key, name] of names) this.names.set(key, name);
  }

  /** Whether the mapper knows the name of this object. */
  knows(ref: ManagedObjectReference): boolean {
    return this.names.has(moRefKey(ref));
  }

  /** Forgets the VM pages mapped so far (their retrieval starts over). */
  forgetVms(): void {
    for (const key of [...this.names.keys()]) {
      if (key.startsWith('VirtualMachine:')) this.names.delete(key);
    }
    this.vcpus.clear();
  }

  /**
   * Maps one page of VMs to their rows, and remembers what the other kinds need of them: their names, and the
   * vCPUs they put on each host (templates excluded).
   */
  vmPage(objects: ObjectContent[]): VmPageRows {
    const rows = emptyVmPageRows();
    for (const vm of objects) this.addVm(vm, rows);
    return rows;
  }

  /** Like {@link VsphereRowMapper.vmPage} for one VM, as soon as it is read: its rows are appended to `rows`. */
  addVm(vm: ObjectContent, rows: VmPageRows): void {
    const name = readString(vm.props.get('name'));
    if (name !== undefined)
      this.names.set(detached(moRefKey(vm.obj)), detached(name));
    const host = readMoRef(vm.props.get('runtime.host'));
    const cpus = readNumber(vm.props.get('config.hardware.numCPU'));
    if (host && cpus && !readBoolean(vm.props.get('config.template'))) {
      const key = moRefKey(host);
      const before = this.vcpus.get(key);
      // A key is copied once, when the host is first seen: a Map keeps the key it was first given.
      if (before === undefined) this.vcpus.set(detached(key), cpus);
      else this.vcpus.set(key, before + cpus);
    }
    const vmName = this.base(vm).name;
    rows.vms.push(this.vmRow(vm));
    rows.snapshots.push(...this.snapshotTree(vm));
    rows['vm-disks'].push(...vmDiskRows(vm, vmName, this.devices));
    rows['vm-nics'].push(...vmNicRows(vm, vmName, this.devices));
  }

  private base(o: ObjectContent) {
    return this.rowBase(o.obj, readString(o.props.get('name')) ?? o.obj.value);
  }

  /** The id, vCenter, moref and name every row of a managed object starts with. */
  private rowBase(ref: ManagedObjectReference, name: string) {
    return {
      id: inventoryRowId(this.ctx.vcenterId, ref.value),
      vcenterId: this.ctx.vcenterId,
      moref: ref.value,
      name,
    };
  }

  private nameOf(ref: ManagedObjectReference | undefined): string | undefined {
    return ref ? this.names.get(moRefKey(ref)) ?? ref.value : undefined;
  }

  private namesOf(refs: ManagedObjectReference[]): string[] {
    return refs.map(r => this.nameOf(r)!);
  }

  /** The cluster a host belongs to (undefined for a standalone host). */
  private clusterOfHost(
    host: ManagedObjectReference | undefined,
  ): string | undefined {
    const parent = host && this.hostParents.get(moRefKey(host));
    return parent?.type === 'ClusterComputeResource'
      ? this.nameOf(parent)
      : undefined;
  }

  private vmRow(o: ObjectContent): VmRow {
    const p = (path: string) => o.props.get(path);
    const host = readMoRef(p('runtime.host'));
    const snapshots = this.snapshotTree(o);
    const disks = vmDevices(o).filter(isDisk);
    const oldest = snapshots
      .map(s => s.createdAt)
      .filter((t): t is string => !!t)
      .sort()[0];
    return {
      ...this.base(o),
      powerState: readString(p('runtime.powerState')) ?? 'unknown',
      numCpu: readNumber(p('config.hardware.numCPU')),
      memoryMb: readNumber(p('config.hardware.memoryMB')),
      guestOs: readString(p('config.guestFullName')),
      ipAddresses: this.ipAddresses(o),
      host: this.nameOf(host),
      cluster: this.clusterOfHost(host),
      datastores: this.namesOf(readMoRefs(p('datastore'))),
      networks: this.namesOf(readMoRefs(p('network'))),
      committedBytes: readNumber(p('summary.storage.committed')),
      uncommittedBytes: readNumber(p('summary.storage.uncommitted')),
      cpuUsageMhz: readNumber(p('summary.quickStats.overallCpuUsage')),
      memoryUsageMb: readNumber(p('summary.quickStats.guestMemoryUsage')),
      snapshotCount: snapshots.length,
      oldestSnapshotAt: oldest,
      uuid: readString(p('config.uuid')),
      template: readBoolean(p('config.template')) ?? false,
      ...this.placement(readMoRef(p('parent'))),
      resourcePool: this.nameOf(readMoRef(p('resourcePool'))),
      hardwareVersion: readString(p('config.version')),
      toolsStatus: readString(p('guest.toolsVersionStatus2')),
      toolsVersion: readString(p('guest.toolsVersion')) || undefined,
      toolsRunningStatus: readString(p('guest.toolsRunningStatus')),
      guestOsReported: readString(p('guest.guestFullName')) || undefined,
      dnsName: readString(p('guest.hostName')) || undefined,
      annotation: readString(p('config.annotation')) || undefined,
      cbtEnabled: readBoolean(p('config.changeTrackingEnabled')),
      instanceUuid: readString(p('config.instanceUuid')),
      provisionedBytes: sum([
        readNumber(p('summary.storage.committed')),
        readNumber(p('summary.storage.uncommitted')),
      ]),
      usedBytes: readNumber(p('summary.storage.committed')),
      unsharedBytes: readNumber(p('summary.storage.unshared')),
      uptimeSeconds: readNumber(p('summary.quickStats.uptimeSeconds')),
      diskCount: disks.length,
      nicCount: vmDevices(o).filter(isNic).length,
      diskCapacityBytes: sum(disks.map(diskCapacity)) ?? 0,
    };
  }

  hostNics(): HostNicRow[] {
    return this.hostFacts.flatMap(h => hostNicRows(h, this.devices));
  }

  hostVmkernelAdapters(): HostVmkernelAdapterRow[] {
    return this.hostFacts.flatMap(h =>
      hostVmkernelAdapterRows(h, this.devices),
    );
  }

  /** The primary IP (guest.ipAddress) first, then every other address of the guest's NICs. */
  private ipAddresses(o: ObjectContent): string[] {
    const addresses = new Set<string>();
    const primary = readString(o.props.get('guest.ipAddress'));
    if (primary) addresses.add(primary);
    for (const nic of readArrayOf(o.props.get('guest.net'), 'GuestNicInfo')) {
      for (const ip of readStrings(child(nic, 'ipAddress'))) {
        if (ip) addresses.add(ip);
      }
    }
    return [...addresses];
  }

  private snapshotTree(o: ObjectContent): SnapshotRow[] {
    const rows: SnapshotRow[] = [];
    const vmName = readString(o.props.get('name')) ?? o.obj.value;
    const sizes = snapshotSizes(o.props.get('layoutEx'));
    const walk = (nodes: VimNode[]) => {
      for (const node of nodes) {
        const ref = readMoRef(child(node, 'snapshot'));
        if (ref) {
          const createdAt = readDate(child(node, 'createTime'));
          rows.push({
            id: inventoryRowId(this.ctx.vcenterId, ref.value),
            vcenterId: this.ctx.vcenterId,
            moref: ref.value,
            name: readString(child(node, 'name')) ?? ref.value,
            vm: vmName,
            vmMoref: o.obj.value,
            createdAt,
            description: readString(child(node, 'description')) || undefined,
            ageDays: createdAt
              ? Math.floor(
                  (this.ctx.now.getTime() - Date.parse(createdAt)) / DAY_MS,
                )
              : undefined,
            sizeBytes: sizes.get(ref.value),
            quiesced: readBoolean(child(node, 'quiesced')),
            state: readString(child(node, 'state')),
          });
        }
        walk(asArray(child(node, 'childSnapshotList')));
      }
    };
    walk(asArray(child(o.props.get('snapshot'), 'rootSnapshotList')));
    return rows;
  }

  hosts(): HostRow[] {
    const vcpus = this.vcpus;
    return this.hostFacts.map(h => {
      const { cpuCores: cores, cpuMhz: mhz, memoryBytes } = h;
      return {
        ...this.rowBase(h.ref, h.name),
        version: h.version,
        build: h.build,
        connectionState: h.connectionState,
        inMaintenanceMode: h.inMaintenanceMode,
        bootTime: h.bootTime,
        vendor: h.vendor,
        model: h.model,
        cpuCores: cores,
        cpuMhz: mhz,
        memoryBytes,
        cpuUsagePercent: percent(
          h.cpuUsageMhz,
          cores !== undefined && mhz !== undefined ? cores * mhz : undefined,
        ),
        memoryUsagePercent: percent(
          h.memoryUsageMb,
          memoryBytes !== undefined ? memoryBytes / 2 ** 20 : undefined,
        ),
        cluster: this.clusterOfHost(h.ref),
        nicCount: h.nicCount,
        hbaCount: h.hbaCount,
        serialNumber: h.serialNumber,
        serviceTag: h.serviceTag,
        biosVersion: h.biosVersion,
        biosReleaseDate: h.biosReleaseDate,
        cpuModel: h.cpuModel,
        cpuSockets: h.cpuSockets,
        cpuThreads: h.cpuThreads,
        vcpuPerCore: cores
          ? Math.round(((vcpus.get(moRefKey(h.ref)) ?? 0) / cores) * 100) / 100
          : undefined,
        vmCount: this.vmCounts.get(moRefKey(h.ref)) ?? 0,
        ntpServers: [...h.ntpServers],
      };
    });
  }

  clusters(): ClusterRow[] {
    const hostsByKey = this.hostsByKey;
    const datastoresByKey = new Map(
      this.raw.datastores.map(d => [moRefKey(d.obj), d]),
    );
    return this.raw.clusters.map(o => {
      const p = (path: string) => o.props.get(path);
      const hosts = readMoRefs(p('host'))
        .map(ref => hostsByKey.get(moRefKey(ref)))
        .filter((h): h is HostFacts => h !== undefined);
      // vCenter's summary totals; the sum of host capacities when the summary lacks them.
      const summary = p('summary');
      const cpuTotalMhz =
        readNumber(child(summary, 'totalCpu')) ??
        sum(hosts.map(h => (h.cpuCores ?? 0) * (h.cpuMhz ?? 0)));
      const memoryTotalBytes =
        readNumber(child(summary, 'totalMemory')) ??
        sum(hosts.map(h => h.memoryBytes));
      const cpuUsedMhz = sum(hosts.map(h => h.cpuUsageMhz));
      const memoryUsedMb = sum(hosts.map(h => h.memoryUsageMb));
      const datastores = readMoRefs(p('datastore'))
        .map(ref => datastoresByKey.get(moRefKey(ref)))
        .filter((d): d is ObjectContent => d !== undefined);
      const config = p('configurationEx');
      return {
        ...this.base(o),
        hostCount: readMoRefs(p('host')).length,
        cpuTotalMhz,
        cpuUsagePercent: percent(cpuUsedMhz, cpuTotalMhz),
        memoryTotalBytes,
        memoryUsagePercent: percent(
          memoryUsedMb,
          memoryTotalBytes !== undefined
            ? memoryTotalBytes / 2 ** 20
            : undefined,
        ),
        storageCapacityBytes: sum(
          datastores.map(d => readNumber(d.props.get('summary.capacity'))),
        ),
        storageFreeBytes: sum(
          datastores.map(d => readNumber(d.props.get('summary.freeSpace'))),
        ),
        haEnabled: readBoolean(child(config, 'dasConfig.enabled')),
        drsEnabled: readBoolean(child(config, 'drsConfig.enabled')),
        haAdmissionControlEnabled: readBoolean(
          child(config, 'dasConfig.admissionControlEnabled'),
        ),
        haAdmissionControlPolicy: xsiType(
          child(config, 'dasConfig.admissionControlPolicy'),
        ),
        drsAutomationLevel: readString(
          child(config, 'drsConfig.defaultVmBehavior'),
        ),
        evcMode: readString(child(summary, 'currentEVCModeKey')) || undefined,
      };
    });
  }

  datastores(): DatastoreRow[] {
    return this.raw.datastores.map(o => {
      const p = (path: string) => o.props.get(path);
      const capacity = readNumber(p('summary.capacity'));
      const free = readNumber(p('summary.freeSpace'));
      const hosts = readArrayOf(p('host'), 'DatastoreHostMount')
        .map(mount => readMoRef(child(mount, 'key')))
        .filter((ref): ref is ManagedObjectReference => ref !== undefined);
      const parent = readMoRef(p('parent'));
      return {
        ...this.base(o),
        type: readString(p('summary.type')),
        capacityBytes: capacity,
        freeBytes: free,
        usedPercent: percent(
          capacity !== undefined && free !== undefined
            ? capacity - free
            : undefined,
          capacity,
        ),
        shared:
          readBoolean(p('summary.multipleHostAccess')) ?? hosts.length > 1,
        accessible: readBoolean(p('summary.accessible')) !== false,
        hosts: this.namesOf(hosts),
        datastoreCluster:
          parent?.type === 'StoragePod' ? this.nameOf(parent) : undefined,
        url: readString(p('summary.url')),
        vmCount: this.vmCounts.get(moRefKey(o.obj)) ?? 0,
        hostCount: hosts.length,
        provisionedBytes:
          capacity !== undefined && free !== undefined
            ? capacity - free + (readNumber(p('summary.uncommitted')) ?? 0)
            : undefined,
        freePercent: percent(free, capacity),
        maintenanceMode: readString(p('summary.maintenanceMode')),
      };
    });
  }

  datastoreClusters(): DatastoreClusterRow[] {
    return this.raw.datastoreClusters.map(o => {
      const p = (path: string) => o.props.get(path);
      const capacity = readNumber(p('summary.capacity'));
      const free = readNumber(p('summary.freeSpace'));
      return {
        ...this.base(o),
        capacityBytes: capacity,
        freeBytes: free,
        usedPercent: percent(
          capacity !== undefined && free !== undefined
            ? capacity - free
            : undefined,
          capacity,
        ),
        datastores: this.namesOf(
          readMoRefs(p('childEntity')).filter(ref => ref.type === 'Datastore'),
        ),
      };
    });
  }

  networks(): NetworkRow[] {
    const uplinks = new Set<string>();
    for (const s of this.raw.distributedSwitches) {
      for (const ref of readMoRefs(s.props.get('config.uplinkPortgroup')))
        uplinks.add(moRefKey(ref));
    }
    const rows: NetworkRow[] = [];
    for (const o of this.raw.networks) {
      const p = (path: string) => o.props.get(path);
      const common = {
        ...this.base(o),
        hosts: this.namesOf(readMoRefs(p('host'))),
        vms: this.namesOf(this.networkVms.get(moRefKey(o.obj)) ?? []),
      };
      if (o.obj.type === 'DistributedVirtualPortgroup') {
        // Uplink portgroups connect the switch to physical NICs; they are not VM networks.
        if (uplinks.has(moRefKey(o.obj))) continue;
        rows.push({
          ...common,
          type: 'distributed-portgroup',
          vlan: formatVlan(child(p('config.defaultPortConfig'), 'vlan')),
          switchName: this.nameOf(
            readMoRef(p('config.distributedVirtualSwitch')),
          ),
        });
      } else {
        // Standard portgroups; opaque (NSX) networks are listed with them.
        rows.push({ ...common, type: 'standard' });
      }
    }
    for (const o of this.raw.distributedSwitches) {
      rows.push({
        ...this.base(o),
        type: 'distributed-switch',
        hosts: this.namesOf(readMoRefs(o.props.get('summary.hostMember'))),
        vms: [],
      });
    }
    return rows;
  }

  alarms(): AlarmRow[] {
    return this.raw.alarmStates.map(state => {
      const key = readString(child(state, 'key')) ?? '';
      const alarm = readMoRef(child(state, 'alarm'));
      const entity = readMoRef(child(state, 'entity'));
      const status = readString(child(state, 'overallStatus'));
      return {
        id: inventoryRowId(this.ctx.vcenterId, key),
        vcenterId: this.ctx.vcenterId,
        moref: key,
        name: this.nameOf(alarm) ?? key,
        entityName: this.nameOf(entity),
        entityType: entity?.type,
        entityMoref: entity?.value,
        severity:
          status === 'red' || status === 'yellow' || status === 'green'
            ? status
            : 'gray',
        triggeredAt: readDate(child(state, 'time')),
        acknowledged: readBoolean(child(state, 'acknowledged')) ?? false,
      };
    });
  }

  tasks(): TaskRow[] {
    return this.raw.tasks.map(o => {
      const info = o.props.get('info');
      const error = child(info, 'error');
      const entity = readMoRef(child(info, 'entity'));
      return {
        id: inventoryRowId(this.ctx.vcenterId, o.obj.value),
        vcenterId: this.ctx.vcenterId,
        moref: o.obj.value,
        name:
          readString(child(info, 'descriptionId')) ||
          readString(child(info, 'name')) ||
          o.obj.value,
        // vcsim puts the moref into entityName; the name this inventory read is the one to show.
        entityName: entity
          ? this.names.get(moRefKey(entity)) ??
            readString(child(info, 'entityName'))
          : readString(child(info, 'entityName')),
        entityMoref: entity?.value,
        state: readString(child(info, 'state')),
        user: readString(child(info, 'reason.userName')),
        queuedAt: readDate(child(info, 'queueTime')),
        startedAt: readDate(child(info, 'startTime')),
        completedAt: readDate(child(info, 'completeTime')),
        error: error
          ? readString(child(error, 'localizedMessage')) ||
            xsiType(child(error, 'fault')) ||
            'failed'
          : undefined,
      };
    });
  }

  events(): EventRow[] {
    return this.raw.events.map(event => {
      const key = readString(child(event, 'key')) ?? '';
      const eventType = xsiType(event);
      // The most specific object the event names: its VM, else its host, datastore, network…
      const [arg, refPath] =
        EVENT_ENTITY_ARGUMENTS.find(
          ([name]) => child(event, name) !== undefined,
        ) ?? [];
      const entityName = arg
        ? readString(child(event, `${arg}.name`))
        : undefined;
      const entityRef = arg
        ? readMoRef(child(event, `${arg}.${refPath}`))
        : undefined;
      return {
        id: `${this.ctx.vcenterId}:event-${key}`,
        vcenterId: this.ctx.vcenterId,
        moref: `event-${key}`,
        name: eventType ?? 'Event',
        eventType,
        message:
          readString(child(event, 'fullFormattedMessage'))?.trim() || undefined,
        user: readString(child(event, 'userName')) || undefined,
        createdAt: readDate(child(event, 'createdTime')),
        entityName,
        entityMoref: entityRef?.value,
      };
    });
  }

  /** The rows of every kind but those of the VM pages; call it after the last VM page. */
  otherRows(): Omit<VsphereInventoryRows, keyof VmPageRows> {
    return {
      hosts: this.hosts(),
      clusters: this.clusters(),
      datastores: this.datastores(),
      'datastore-clusters': this.datastoreClusters(),
      networks: this.networks(),
      alarms: this.alarms(),
      tasks: this.tasks(),
      events: this.events(),
      'host-nics': this.hostNics(),
      'host-vmkernel-adapters': this.hostVmkernelAdapters(),
    };
  }
}

/**
 * The size of each snapshot from a VM's `layoutEx`, by snapshot moref: its state and memory files plus the delta
 * disks written since it was taken (the files its child snapshot, or the running VM, added to each disk chain).
 * @internal
 */
export function snapshotSizes(
  layoutEx: VimNode | undefined,
): Map<string, number> {
  const sizes = new Map<string, number>();
  if (!layoutEx) return sizes;
  const fileSize = new Map<string, number>();
  for (const file of readArrayOf(
    child(layoutEx, 'file'),
    'VirtualMachineFileLayoutExFileInfo',
  )) {
    const key = readString(child(file, 'key'));
    if (key !== undefined)
      fileSize.set(key, readNumber(child(file, 'size')) ?? 0);
  }
  // Disk chains (file keys per chain link) by disk key.
  const chains = (diskLayouts: VimNode[]) =>
    new Map(
      diskLayouts.map(disk => [
        readString(child(disk, 'key')) ?? '',
        asArray(child(disk, 'chain')).map(link =>
          asArray(child(link, 'fileKey')).map(k => readString(k) ?? ''),
        ),
      ]),
    );
  const snapshots = asArray(child(layoutEx, 'snapshot'));
  const current = chains(asArray(child(layoutEx, 'disk')));
  const snapshotChains = snapshots.map(s => chains(asArray(child(s, 'disk'))));
  snapshots.forEach((snapshot, i) => {
    const ref = readMoRef(child(snapshot, 'key'));
    if (!ref) return;
    let size = 0;
    for (const path of ['dataKey', 'memoryKey']) {
      const key = readString(child(snapshot, path));
      if (key !== undefined && key !== '-1') size += fileSize.get(key) ?? 0;
    }
    // The next chain that extends this one: a later snapshot's, else the running disk's.
    for (const [diskKey, chain] of snapshotChains[i]) {
      const successor = [...snapshotChains.slice(i + 1), current]
        .map(c => c.get(diskKey))
        .find(
          next =>
            next !== undefined &&
            next.length > chain.length &&
            next[chain.length - 1]?.join() === chain[chain.length - 1]?.join(),
        );
      for (const key of successor?.[chain.length] ?? []) {
        size += fileSize.get(key) ?? 0;
      }
    }
    sizes.set(ref.value, size);
  });
  return sizes;
}

/**
 * The VLAN of a distributed portgroup's default port setting: `"1000"`, trunk ranges `"0-4094"` / `"10-20,30"`,
 * or `"pvlan 15"`.
 * @internal
 */
export function formatVlan(vlan: unknown): string | undefined {
  if (vlan === undefined) return undefined;
  switch (xsiType(vlan)) {
    case 'VmwareDistributedVirtualSwitchTrunkVlanSpec':
      return asArray(child(vlan, 'vlanId'))
        .map(range => {
          const start = readNumber(child(range, 'start'));
          const end = readNumber(child(range, 'end'));
          return start === end ? `${start}` : `${start}-${end}`;
        })
        .join(',');
    case 'VmwareDistributedVirtualSwitchPvlanSpec':
      return `pvlan ${readNumber(child(vlan, 'pvlanId'))}`;
    default: {
      const id = readNumber(child(vlan, 'vlanId'));
      return id === undefined ? undefined : String(id);
    }
  }
}

/**
 * Maps what was read from one vCenter, all at once, to inventory rows (see {@link VsphereRowMapper} for the
 * page-by-page way). Row ids are `${vcenterId}:${moref}`; references to
 * hosts, clusters, datastores and networks are resolved to names.
 * @internal
 */
export function mapVsphereInventory(
  raw: RawVsphereInventory,
  ctx: RowMappingContext,
): VsphereInventoryRows {
  const mapper = new VsphereRowMapper(raw, ctx);
  const vmRows = mapper.vmPage(raw.vms);
  return {
    ...vmRows,
    ...mapper.otherRows(),
  };
}
