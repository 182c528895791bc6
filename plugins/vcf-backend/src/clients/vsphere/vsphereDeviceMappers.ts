import type {
  HostNicRow,
  HostVmkernelAdapterRow,
  VmDiskRow,
  VmNicRow,
} from '@vcf-backstage/plugin-vcf-common';
import type { ManagedObjectReference, ObjectContent, VimNode } from './types';
import {
  child,
  readArrayOf,
  readBoolean,
  readMoRef,
  readNumber,
  readString,
  readStrings,
  xsiType,
} from './vimValues';

/*
 * Child rows: a VM's disks and NICs (from `config.hardware.device` and `guest.net`) and a host's physical NICs
 * and VMkernel adapters (from `config.network` and `config.virtualNicManagerInfo`).
 */

/** What device mapping needs from the rest of the inventory. */
export interface DeviceMappingContext {
  vcenterId: string;
  nameOf(ref: ManagedObjectReference | undefined): string | undefined;
  /** The distributed switch of a distributed portgroup, by portgroup moref value. */
  switchOfPortgroup(portgroupKey: string): string | undefined;
  /** The host object a VM runs on. */
  hostObject(
    ref: ManagedObjectReference | undefined,
  ): ObjectContent | undefined;
}

const NIC_DEVICE_TYPES = new Set([
  'VirtualE1000',
  'VirtualE1000e',
  'VirtualPCNet32',
  'VirtualVmxnet',
  'VirtualVmxnet2',
  'VirtualVmxnet3',
  'VirtualVmxnet3Vrdma',
  'VirtualSriovEthernetCard',
]);

/** `VirtualVmxnet3` → `vmxnet3`. */
function adapterTypeOf(deviceType: string): string {
  return deviceType.replace(/^Virtual/, '').toLowerCase();
}

/** The devices of a VM's `config.hardware.device`. */
export function vmDevices(vm: ObjectContent): VimNode[] {
  return readArrayOf(vm.props.get('config.hardware.device'), 'VirtualDevice');
}

/** Whether a device is a VM's virtual disk. */
export function isDisk(device: VimNode): boolean {
  return xsiType(device) === 'VirtualDisk';
}

/** Whether a device is a VM's virtual NIC. */
export function isNic(device: VimNode): boolean {
  return NIC_DEVICE_TYPES.has(xsiType(device) ?? '');
}

/** A disk's capacity in bytes (`capacityInBytes`, else `capacityInKB`). */
export function diskCapacity(device: VimNode): number | undefined {
  const bytes = readNumber(child(device, 'capacityInBytes'));
  if (bytes !== undefined) return bytes;
  const kb = readNumber(child(device, 'capacityInKB'));
  return kb === undefined ? undefined : kb * 1024;
}

function provisioningOf(
  backing: VimNode | undefined,
): VmDiskRow['provisioning'] {
  const type = xsiType(backing) ?? '';
  if (type.startsWith('VirtualDiskRawDiskMapping')) return 'rdm';
  if (readBoolean(child(backing, 'thinProvisioned'))) return 'thin';
  if (readBoolean(child(backing, 'eagerlyScrub'))) return 'eager-zeroed';
  return type.startsWith('VirtualDisk') ? 'thick' : undefined;
}

/** The disks of one VM. */
export function vmDiskRows(
  vm: ObjectContent,
  vmName: string,
  ctx: DeviceMappingContext,
): VmDiskRow[] {
  return vmDevices(vm)
    .filter(isDisk)
    .map(device => {
      const key = readString(child(device, 'key')) ?? '';
      const backing = child(device, 'backing');
      const label =
        readString(child(device, 'deviceInfo.label')) ?? `disk ${key}`;
      const moref = `${vm.obj.value}/disk-${key}`;
      return {
        id: `${ctx.vcenterId}:${moref}`,
        vcenterId: ctx.vcenterId,
        moref,
        name: label,
        vmMoref: vm.obj.value,
        vm: vmName,
        label,
        capacityBytes: diskCapacity(device),
        datastore: ctx.nameOf(readMoRef(child(backing, 'datastore'))),
        provisioning: provisioningOf(backing),
        file: readString(child(backing, 'fileName')) || undefined,
        diskMode: readString(child(backing, 'diskMode')) || undefined,
      };
    });
}

/** `key-vim.host.PhysicalNic-vmnic0` → `vmnic0`, through the host's pnic list. */
function pnicDevices(host: ObjectContent | undefined): Map<string, string> {
  const devices = new Map<string, string>();
  for (const pnic of readArrayOf(
    host?.props.get('config.network.pnic'),
    'PhysicalNic',
  )) {
    const key = readString(child(pnic, 'key'));
    const device = readString(child(pnic, 'device'));
    if (key && device) devices.set(key, device);
  }
  return devices;
}

/** A host's standard switches and distributed switch proxies: name and uplink device names. */
function hostSwitches(host: ObjectContent | undefined) {
  const devices = pnicDevices(host);
  const uplinks = (keys: string[]) =>
    keys.map(key => devices.get(key) ?? key.replace(/^.*PhysicalNic-/, ''));
  const standard = readArrayOf(
    host?.props.get('config.network.vswitch'),
    'HostVirtualSwitch',
  ).map(s => ({
    name: readString(child(s, 'name')) ?? '',
    uplinks: uplinks(readStrings(child(s, 'pnic'))),
  }));
  const distributed = readArrayOf(
    host?.props.get('config.network.proxySwitch'),
    'HostProxySwitch',
  ).map(s => ({
    name: readString(child(s, 'dvsName')) ?? '',
    uuid: readString(child(s, 'dvsUuid')),
    uplinks: uplinks(readStrings(child(s, 'pnic'))),
  }));
  const portgroups = new Map<string, string>();
  for (const pg of readArrayOf(
    host?.props.get('config.network.portgroup'),
    'HostPortGroup',
  )) {
    const name = readString(child(pg, 'spec.name'));
    const vswitch = readString(child(pg, 'spec.vswitchName'));
    if (name && vswitch) portgroups.set(name, vswitch);
  }
  return { standard, distributed, portgroups };
}

/** The NICs of one VM, with the portgroup → switch → uplink path on its host. */
export function vmNicRows(
  vm: ObjectContent,
  vmName: string,
  ctx: DeviceMappingContext,
): VmNicRow[] {
  const host = ctx.hostObject(readMoRef(vm.props.get('runtime.host')));
  const switches = hostSwitches(host);
  const guestIps = new Map<string, string[]>();
  for (const nic of readArrayOf(vm.props.get('guest.net'), 'GuestNicInfo')) {
    const key = readString(child(nic, 'deviceConfigId'));
    if (key) guestIps.set(key, readStrings(child(nic, 'ipAddress')));
  }
  return vmDevices(vm)
    .filter(isNic)
    .map(device => {
      const key = readString(child(device, 'key')) ?? '';
      const backing = child(device, 'backing');
      const label =
        readString(child(device, 'deviceInfo.label')) ?? `nic ${key}`;
      const moref = `${vm.obj.value}/nic-${key}`;
      let network: string | undefined;
      let networkMoref: string | undefined;
      let switchName: string | undefined;
      let uplinks: string[] = [];
      const portgroupKey = readString(child(backing, 'port.portgroupKey'));
      if (portgroupKey) {
        networkMoref = portgroupKey;
        network = ctx.nameOf({
          type: 'DistributedVirtualPortgroup',
          value: portgroupKey,
        });
        const switchUuid = readString(child(backing, 'port.switchUuid'));
        const proxy = switches.distributed.find(s => s.uuid === switchUuid);
        switchName = ctx.switchOfPortgroup(portgroupKey) ?? proxy?.name;
        uplinks = proxy?.uplinks ?? [];
      } else {
        const ref = readMoRef(child(backing, 'network'));
        networkMoref = ref?.value;
        network =
          readString(child(backing, 'deviceName')) ||
          readString(child(backing, 'opaqueNetworkId')) ||
          ctx.nameOf(ref);
        const vswitch = network ? switches.portgroups.get(network) : undefined;
        switchName = vswitch;
        uplinks =
          switches.standard.find(s => s.name === vswitch)?.uplinks ?? [];
      }
      return {
        id: `${ctx.vcenterId}:${moref}`,
        vcenterId: ctx.vcenterId,
        moref,
        name: label,
        vmMoref: vm.obj.value,
        vm: vmName,
        label,
        adapterType: adapterTypeOf(xsiType(device) ?? ''),
        network,
        networkMoref,
        switchName,
        uplinks,
        macAddress: readString(child(device, 'macAddress')) || undefined,
        connected: readBoolean(child(device, 'connectable.connected')),
        startConnected: readBoolean(
          child(device, 'connectable.startConnected'),
        ),
        ipAddresses: guestIps.get(key) ?? [],
      };
    });
}

/** The physical NICs of one host and the switch each is an uplink of. */
export function hostNicRows(
  host: ObjectContent,
  hostName: string,
  ctx: DeviceMappingContext,
): HostNicRow[] {
  const switches = hostSwitches(host);
  const switchOf = (device: string) =>
    [...switches.standard, ...switches.distributed].find(s =>
      s.uplinks.includes(device),
    )?.name;
  return readArrayOf(host.props.get('config.network.pnic'), 'PhysicalNic').map(
    pnic => {
      const device = readString(child(pnic, 'device')) ?? '';
      const moref = `${host.obj.value}/${device}`;
      return {
        id: `${ctx.vcenterId}:${moref}`,
        vcenterId: ctx.vcenterId,
        moref,
        name: device,
        hostMoref: host.obj.value,
        host: hostName,
        device,
        speedMb: readNumber(child(pnic, 'linkSpeed.speedMb')),
        driver: readString(child(pnic, 'driver')) || undefined,
        macAddress: readString(child(pnic, 'mac')) || undefined,
        switchName: switchOf(device),
      };
    },
  );
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

/** The VMkernel adapters of one host, with their portgroup, switch and enabled services. */
export function hostVmkernelAdapterRows(
  host: ObjectContent,
  hostName: string,
  ctx: DeviceMappingContext,
): HostVmkernelAdapterRow[] {
  const switches = hostSwitches(host);
  const services = vmkernelServices(host);
  return readArrayOf(
    host.props.get('config.network.vnic'),
    'HostVirtualNic',
  ).map(vnic => {
    const device = readString(child(vnic, 'device')) ?? '';
    const moref = `${host.obj.value}/${device}`;
    const spec = child(vnic, 'spec');
    const standardPortgroup = readString(child(vnic, 'portgroup')) || undefined;
    const portgroupKey = readString(
      child(spec, 'distributedVirtualPort.portgroupKey'),
    );
    const switchUuid = readString(
      child(spec, 'distributedVirtualPort.switchUuid'),
    );
    return {
      id: `${ctx.vcenterId}:${moref}`,
      vcenterId: ctx.vcenterId,
      moref,
      name: device,
      hostMoref: host.obj.value,
      host: hostName,
      device,
      ipAddress: readString(child(spec, 'ip.ipAddress')) || undefined,
      subnetMask: readString(child(spec, 'ip.subnetMask')) || undefined,
      macAddress: readString(child(spec, 'mac')) || undefined,
      mtu: readNumber(child(spec, 'mtu')),
      portgroup:
        standardPortgroup ??
        (portgroupKey
          ? ctx.nameOf({
              type: 'DistributedVirtualPortgroup',
              value: portgroupKey,
            })
          : undefined),
      switchName: standardPortgroup
        ? switches.portgroups.get(standardPortgroup)
        : (portgroupKey && ctx.switchOfPortgroup(portgroupKey)) ||
          switches.distributed.find(s => s.uuid === switchUuid)?.name,
      services: services.get(device) ?? [],
    };
  });
}
