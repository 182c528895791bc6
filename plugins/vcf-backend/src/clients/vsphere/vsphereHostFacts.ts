import type { ManagedObjectReference, ObjectContent } from './types';
import {
  child,
  detached,
  detachedMoRef,
  detachedOrUndefined,
  readArrayOf,
  readBoolean,
  readDate,
  readMoRef,
  readMoRefs,
  readNumber,
  readString,
  readStrings,
} from './vimValues';

/*
 * A host as the inventory rows read it, kept for the whole fetch instead of its parsed tree. The rows of a host
 * (and its cluster's usage) are written after the last VM page, and every VM NIC row follows its portgroup to a
 * switch and uplinks of the VM's host, so the row mapper holds the hosts while the VMs are read. As parsed XML,
 * 200 hosts are tens of thousands of objects whose strings are slices of the pages' text, which they keep alive
 * (about 10 MiB at 10,000 VMs); these facts are a few small objects per host, with strings copied out of the page.
 * Objects are made with `new`, not as literals: see the comment at the top of vimXmlParser.ts.
 */

/**
 * A host's standard switch, or its proxy of a distributed switch (with the switch's uuid): name and the devices
 * of its uplinks (`vmnic0`).
 * @internal
 */
export class HostSwitch {
  constructor(
    readonly name: string,
    readonly uuid: string | undefined,
    readonly uplinks: string[],
  ) {}
}

/**
 * The switches of one host and the standard switch of each of its portgroups (by portgroup name).
 * @internal
 */
export class HostSwitches {
  static readonly none = new HostSwitches([], [], new Map());

  constructor(
    readonly standard: HostSwitch[],
    readonly distributed: HostSwitch[],
    readonly portgroups: Map<string, string>,
  ) {}

  /** The switch that has this device as an uplink, standard switches first. */
  ofUplink(device: string): HostSwitch | undefined {
    return (
      this.standard.find(s => s.uplinks.includes(device)) ??
      this.distributed.find(s => s.uplinks.includes(device))
    );
  }
}

/**
 * A physical NIC of a host, as its row reads it.
 * @internal
 */
export class HostPhysicalNic {
  constructor(
    readonly device: string,
    readonly speedMb: number | undefined,
    readonly driver: string | undefined,
    readonly macAddress: string | undefined,
  ) {}
}

/**
 * A VMkernel adapter of a host, as its row reads it: its standard portgroup, or its distributed port's portgroup
 * and switch.
 * @internal
 */
export class HostVmkernelNic {
  constructor(
    readonly device: string,
    readonly ipAddress: string | undefined,
    readonly subnetMask: string | undefined,
    readonly macAddress: string | undefined,
    readonly mtu: number | undefined,
    readonly standardPortgroup: string | undefined,
    readonly portgroupKey: string | undefined,
    readonly switchUuid: string | undefined,
    /** The nic types (management, vmotion…) it is selected for. */
    readonly services: string[],
  ) {}
}

/** `key-vim.host.PhysicalNic-vmnic0` → `vmnic0`, through the host's pnic list. */
function pnicDevices(host: ObjectContent): Map<string, string> {
  const devices = new Map<string, string>();
  for (const pnic of readArrayOf(
    host.props.get('config.network.pnic'),
    'PhysicalNic',
  )) {
    const key = readString(child(pnic, 'key'));
    const device = readString(child(pnic, 'device'));
    if (key && device) devices.set(key, device);
  }
  return devices;
}

function readHostSwitches(host: ObjectContent): HostSwitches {
  const devices = pnicDevices(host);
  const uplinks = (keys: string[]) =>
    keys.map(key =>
      detached(devices.get(key) ?? key.replace(/^.*PhysicalNic-/, '')),
    );
  const standard = readArrayOf(
    host.props.get('config.network.vswitch'),
    'HostVirtualSwitch',
  ).map(
    s =>
      new HostSwitch(
        detached(readString(child(s, 'name')) ?? ''),
        undefined,
        uplinks(readStrings(child(s, 'pnic'))),
      ),
  );
  const distributed = readArrayOf(
    host.props.get('config.network.proxySwitch'),
    'HostProxySwitch',
  ).map(
    s =>
      new HostSwitch(
        detached(readString(child(s, 'dvsName')) ?? ''),
        detachedOrUndefined(readString(child(s, 'dvsUuid'))),
        uplinks(readStrings(child(s, 'pnic'))),
      ),
  );
  const portgroups = new Map<string, string>();
  for (const pg of readArrayOf(
    host.props.get('config.network.portgroup'),
    'HostPortGroup',
  )) {
    const name = readString(child(pg, 'spec.name'));
    const vswitch = readString(child(pg, 'spec.vswitchName'));
    if (name && vswitch) portgroups.set(detached(name), detached(vswitch));
  }
  return new HostSwitches(standard, distributed, portgroups);
}

/** The services (nic types) each VMkernel adapter is selected for, by device. */
function vmkernelServices(host: ObjectContent): Map<string, string[]> {
  const services = new Map<string, string[]>();
  for (const config of readArrayOf(
    host.props.get('config.virtualNicManagerInfo.netConfig'),
    'VirtualNicManagerNetConfig',
  )) {
    const nicType = readString(child(config, 'nicType'));
    const selected = new Set(readStrings(child(config, 'selectedVnic')));
    if (!nicType) continue;
    for (const candidate of readArrayOf(
      child(config, 'candidateVnic'),
      'HostVirtualNic',
    )) {
      const key = readString(child(candidate, 'key'));
      const device = readString(child(candidate, 'device'));
      if (key && device && selected.has(key)) {
        services.set(device, [...(services.get(device) ?? []), nicType]);
      }
    }
  }
  return services;
}

/** Serial number and service tag from a host's `hardware.systemInfo`. */
function hardwareIdentity(host: ObjectContent): {
  serialNumber?: string;
  serviceTag?: string;
} {
  const systemInfo = host.props.get('hardware.systemInfo');
  const identifiers = new Map<string, string>();
  for (const info of readArrayOf(
    child(systemInfo, 'otherIdentifyingInfo'),
    'HostSystemIdentificationInfo',
  )) {
    const type = readString(child(info, 'identifierType.key'));
    const value = readString(child(info, 'identifierValue'))?.trim();
    if (type && value && !identifiers.has(type)) identifiers.set(type, value);
  }
  return {
    serialNumber:
      readString(child(systemInfo, 'serialNumber')) ||
      identifiers.get('SerialNumberTag') ||
      identifiers.get('EnclosureSerialNumberTag'),
    serviceTag:
      identifiers.get('ServiceTag') || identifiers.get('AssetTag') || undefined,
  };
}

/**
 * What the inventory rows read of one host: its own row's values, the figures its cluster adds up, its physical
 * NICs and VMkernel adapters, and its switches (which the VM NIC rows follow). Strings are copies, so a host's
 * facts keep nothing of the page it was read from.
 * @internal
 */
export class HostFacts {
  readonly ref: ManagedObjectReference;
  /** Its name, or its moref when vCenter gave none. */
  readonly name: string;
  /** Whether vCenter gave it a name. */
  readonly named: boolean;
  /** Its cluster (or compute resource, for a standalone host). */
  readonly parent: ManagedObjectReference | undefined;
  /** How many VMs it runs: its `vm` list names every one of them, so only the count is kept. */
  readonly vmCount: number;
  readonly version: string | undefined;
  readonly build: string | undefined;
  readonly connectionState: string | undefined;
  readonly inMaintenanceMode: boolean;
  readonly bootTime: string | undefined;
  readonly vendor: string | undefined;
  readonly model: string | undefined;
  readonly cpuCores: number | undefined;
  readonly cpuMhz: number | undefined;
  readonly memoryBytes: number | undefined;
  readonly cpuUsageMhz: number | undefined;
  readonly memoryUsageMb: number | undefined;
  readonly nicCount: number | undefined;
  readonly hbaCount: number | undefined;
  readonly serialNumber: string | undefined;
  readonly serviceTag: string | undefined;
  readonly biosVersion: string | undefined;
  readonly biosReleaseDate: string | undefined;
  readonly cpuModel: string | undefined;
  readonly cpuSockets: number | undefined;
  readonly cpuThreads: number | undefined;
  readonly ntpServers: string[];
  readonly switches: HostSwitches;
  readonly physicalNics: HostPhysicalNic[];
  readonly vmkernelNics: HostVmkernelNic[];

  constructor(host: ObjectContent) {
    const p = (path: string) => host.props.get(path);
    const text = (path: string) => detachedOrUndefined(readString(p(path)));
    this.ref = detachedMoRef(host.obj);
    const name = readString(p('name'));
    this.name = detached(name ?? host.obj.value);
    this.named = name !== undefined;
    const parent = readMoRef(p('parent'));
    this.parent = parent && detachedMoRef(parent);
    this.vmCount = readMoRefs(p('vm')).length;
    this.version = text('summary.config.product.version');
    this.build = text('summary.config.product.build');
    this.connectionState = text('runtime.connectionState');
    this.inMaintenanceMode =
      readBoolean(p('runtime.inMaintenanceMode')) ?? false;
    this.bootTime = readDate(p('runtime.bootTime'));
    this.vendor = text('summary.hardware.vendor');
    this.model = text('summary.hardware.model');
    this.cpuCores = readNumber(p('summary.hardware.numCpuCores'));
    this.cpuMhz = readNumber(p('summary.hardware.cpuMhz'));
    this.memoryBytes = readNumber(p('summary.hardware.memorySize'));
    this.cpuUsageMhz = readNumber(p('summary.quickStats.overallCpuUsage'));
    this.memoryUsageMb = readNumber(p('summary.quickStats.overallMemoryUsage'));
    this.nicCount = readNumber(p('summary.hardware.numNics'));
    this.hbaCount = readNumber(p('summary.hardware.numHBAs'));
    const identity = hardwareIdentity(host);
    this.serialNumber = detachedOrUndefined(identity.serialNumber);
    this.serviceTag = detachedOrUndefined(identity.serviceTag);
    this.biosVersion = detachedOrUndefined(
      readString(child(p('hardware.biosInfo'), 'biosVersion')),
    );
    this.biosReleaseDate = readDate(
      child(p('hardware.biosInfo'), 'releaseDate'),
    );
    this.cpuModel = text('summary.hardware.cpuModel');
    this.cpuSockets = readNumber(p('summary.hardware.numCpuPkgs'));
    this.cpuThreads = readNumber(p('summary.hardware.numCpuThreads'));
    this.ntpServers = readStrings(
      child(p('config.dateTimeInfo'), 'ntpConfig.server'),
    ).map(detached);
    this.switches = readHostSwitches(host);
    this.physicalNics = readArrayOf(
      p('config.network.pnic'),
      'PhysicalNic',
    ).map(
      pnic =>
        new HostPhysicalNic(
          detached(readString(child(pnic, 'device')) ?? ''),
          readNumber(child(pnic, 'linkSpeed.speedMb')),
          detachedOrUndefined(readString(child(pnic, 'driver')) || undefined),
          detachedOrUndefined(readString(child(pnic, 'mac')) || undefined),
        ),
    );
    const services = vmkernelServices(host);
    this.vmkernelNics = readArrayOf(
      p('config.network.vnic'),
      'HostVirtualNic',
    ).map(vnic => {
      const device = readString(child(vnic, 'device')) ?? '';
      const spec = child(vnic, 'spec');
      const optional = (node: unknown) =>
        detachedOrUndefined(readString(node) || undefined);
      return new HostVmkernelNic(
        detached(device),
        optional(child(spec, 'ip.ipAddress')),
        optional(child(spec, 'ip.subnetMask')),
        optional(child(spec, 'mac')),
        readNumber(child(spec, 'mtu')),
        optional(child(vnic, 'portgroup')),
        detachedOrUndefined(
          readString(child(spec, 'distributedVirtualPort.portgroupKey')),
        ),
        detachedOrUndefined(
          readString(child(spec, 'distributedVirtualPort.switchUuid')),
        ),
        (services.get(device) ?? []).map(detached),
      );
    });
  }
}
