import {
  inventoryRowId,
  type HostNicRow,
  type HostVmkernelAdapterRow,
  type VmDiskRow,
  type VmNicRow,
} from '@vcf-backstage/plugin-vcf-common';
import type { ManagedObjectReference, ObjectContent, VimNode } from './types';
import type { HostFacts, HostSwitches } from './vsphereHostFacts';
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
 * and VMkernel adapters (from the host's facts: see vsphereHostFacts.ts).
 */

/** What device mapping needs from the rest of the inventory. */
export interface DeviceMappingContext {
  vcenterId: string;
  nameOf(ref: ManagedObjectReference | undefined): string | undefined;
  /** The distributed switch of a distributed portgroup, by portgroup moref value. */
  switchOfPortgroup(portgroupKey: string): string | undefined;
  /** The switches of the host a VM runs on (none for a host not read). */
  hostSwitches(ref: ManagedObjectReference | undefined): HostSwitches;
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
        id: inventoryRowId(ctx.vcenterId, moref),
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

/** The NICs of one VM, with the portgroup → switch → uplink path on its host. */
export function vmNicRows(
  vm: ObjectContent,
  vmName: string,
  ctx: DeviceMappingContext,
): VmNicRow[] {
  const switches = ctx.hostSwitches(readMoRef(vm.props.get('runtime.host')));
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
        uplinks = proxy ? [...proxy.uplinks] : [];
      } else {
        const ref = readMoRef(child(backing, 'network'));
        networkMoref = ref?.value;
        network =
          readString(child(backing, 'deviceName')) ||
          readString(child(backing, 'opaqueNetworkId')) ||
          ctx.nameOf(ref);
        const vswitch = network ? switches.portgroups.get(network) : undefined;
        switchName = vswitch;
        const standard = switches.standard.find(s => s.name === vswitch);
        uplinks = standard ? [...standard.uplinks] : [];
      }
      return {
        id: inventoryRowId(ctx.vcenterId, moref),
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
  host: HostFacts,
  ctx: DeviceMappingContext,
): HostNicRow[] {
  return host.physicalNics.map(pnic => {
    const moref = `${host.ref.value}/${pnic.device}`;
    return {
      id: inventoryRowId(ctx.vcenterId, moref),
      vcenterId: ctx.vcenterId,
      moref,
      name: pnic.device,
      hostMoref: host.ref.value,
      host: host.name,
      device: pnic.device,
      speedMb: pnic.speedMb,
      driver: pnic.driver,
      macAddress: pnic.macAddress,
      switchName: host.switches.ofUplink(pnic.device)?.name,
    };
  });
}

/** The VMkernel adapters of one host, with their portgroup, switch and enabled services. */
export function hostVmkernelAdapterRows(
  host: HostFacts,
  ctx: DeviceMappingContext,
): HostVmkernelAdapterRow[] {
  const switches = host.switches;
  return host.vmkernelNics.map(vnic => {
    const moref = `${host.ref.value}/${vnic.device}`;
    const { standardPortgroup, portgroupKey } = vnic;
    return {
      id: inventoryRowId(ctx.vcenterId, moref),
      vcenterId: ctx.vcenterId,
      moref,
      name: vnic.device,
      hostMoref: host.ref.value,
      host: host.name,
      device: vnic.device,
      ipAddress: vnic.ipAddress,
      subnetMask: vnic.subnetMask,
      macAddress: vnic.macAddress,
      mtu: vnic.mtu,
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
          switches.distributed.find(s => s.uuid === vnic.switchUuid)?.name,
      services: [...vnic.services],
    };
  });
}
