import type { ObjectContent, VimNode } from './types';
import { parseVimXml } from './vimXmlParser';
import {
  formatVlan,
  mapVsphereInventory,
  percent,
  type RawVsphereInventory,
} from './vsphereRowMappers';

/** The parsed value of an XML fragment, as a property value arrives from vCenter. */
function val(xml: string): VimNode {
  return parseVimXml(
    `<val xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ${xml}</val>`,
  ).val as VimNode;
}

function object(
  type: string,
  value: string,
  props: Record<string, VimNode>,
): ObjectContent {
  return {
    obj: { type, value },
    props: new Map(Object.entries(props)),
    missing: [],
  };
}

function raw(overrides: Partial<RawVsphereInventory>): RawVsphereInventory {
  return {
    vms: [],
    hosts: [],
    clusters: [],
    datastores: [],
    datastoreClusters: [],
    networks: [],
    distributedSwitches: [],
    containers: [],
    alarmStates: [],
    tasks: [],
    events: [],
    otherNames: new Map(),
    ...overrides,
  };
}

const ctx = { vcenterId: 'vc1', now: new Date('2026-01-10T12:00:00Z') };

describe('formatVlan', () => {
  it.each([
    [
      'xsi:type="VmwareDistributedVirtualSwitchVlanIdSpec"><inherited>false</inherited><vlanId>120</vlanId>',
      '120',
    ],
    [
      'xsi:type="VmwareDistributedVirtualSwitchVlanIdSpec"><vlanId>0</vlanId>',
      '0',
    ],
    [
      'xsi:type="VmwareDistributedVirtualSwitchTrunkVlanSpec"><vlanId><start>10</start><end>20</end></vlanId><vlanId><start>30</start><end>30</end></vlanId>',
      '10-20,30',
    ],
    [
      'xsi:type="VmwareDistributedVirtualSwitchPvlanSpec"><pvlanId>15</pvlanId>',
      'pvlan 15',
    ],
  ])('formats <vlan %s>', (xml, expected) => {
    expect(formatVlan(val(xml))).toBe(expected);
  });

  it('is undefined without a VLAN setting', () => {
    expect(formatVlan(undefined)).toBeUndefined();
  });
});

describe('percent', () => {
  it('rounds to one decimal and refuses unknown or zero totals', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(5, 0)).toBeUndefined();
    expect(percent(undefined, 10)).toBeUndefined();
  });
});

describe('mapVsphereInventory', () => {
  it('flattens nested snapshot trees and takes the oldest creation time', () => {
    const snapshot =
      val(`xsi:type="VirtualMachineSnapshotInfo"><rootSnapshotList>
      <snapshot type="VirtualMachineSnapshot">snapshot-1</snapshot><name>base</name><description></description>
      <createTime>2026-01-01T00:00:00Z</createTime>
      <childSnapshotList><snapshot type="VirtualMachineSnapshot">snapshot-2</snapshot><name>child</name>
        <createTime>2026-01-05T00:00:00Z</createTime>
        <childSnapshotList><snapshot type="VirtualMachineSnapshot">snapshot-3</snapshot><name>grandchild</name>
          <createTime>2026-01-09T00:00:00Z</createTime></childSnapshotList>
      </childSnapshotList></rootSnapshotList>`);
    const rows = mapVsphereInventory(
      raw({
        vms: [object('VirtualMachine', 'vm-1', { name: 'web', snapshot })],
      }),
      ctx,
    );
    expect(rows.vms[0]).toMatchObject({
      snapshotCount: 3,
      oldestSnapshotAt: '2026-01-01T00:00:00.000Z',
      ipAddresses: [],
    });
    expect(
      rows.snapshots.map(s => [s.id, s.name, s.vm, s.ageDays, s.description]),
    ).toEqual([
      ['vc1:snapshot-1', 'base', 'web', 9, undefined],
      ['vc1:snapshot-2', 'child', 'web', 5, undefined],
      ['vc1:snapshot-3', 'grandchild', 'web', 1, undefined],
    ]);
  });

  it('lists the primary IP first, then the other NIC addresses once', () => {
    const rows = mapVsphereInventory(
      raw({
        vms: [
          object('VirtualMachine', 'vm-1', {
            name: 'db',
            'guest.ipAddress': val('xsi:type="xsd:string">10.0.0.2'),
            'guest.net': val(
              'xsi:type="ArrayOfGuestNicInfo"><GuestNicInfo><ipAddress>10.0.0.1</ipAddress><ipAddress>10.0.0.2</ipAddress></GuestNicInfo><GuestNicInfo><ipAddress>fd00::5</ipAddress></GuestNicInfo>',
            ),
          }),
        ],
      }),
      ctx,
    );
    expect(rows.vms[0].ipAddresses).toEqual([
      '10.0.0.2',
      '10.0.0.1',
      'fd00::5',
    ]);
  });

  it('names the entity of an event from its most specific argument', () => {
    const event = parseVimXml(
      '<returnval xmlns:xsi="x" xsi:type="VmPoweredOnEvent"><key>42</key><createdTime>2026-01-10T10:00:00Z</createdTime><userName>VSPHERE.LOCAL\\admin</userName>' +
        '<datacenter><name>DC0</name></datacenter><host><name>esx-1</name></host><vm><name>web</name></vm><fullFormattedMessage>web on esx-1 is powered on </fullFormattedMessage></returnval>',
    ).returnval as VimNode;
    const [row] = mapVsphereInventory(raw({ events: [event] }), ctx).events;
    expect(row).toEqual({
      id: 'vc1:event-42',
      vcenterId: 'vc1',
      moref: 'event-42',
      name: 'VmPoweredOnEvent',
      eventType: 'VmPoweredOnEvent',
      message: 'web on esx-1 is powered on',
      user: 'VSPHERE.LOCAL\\admin',
      createdAt: '2026-01-10T10:00:00.000Z',
      entityName: 'web',
    });
  });

  it('falls back to the moref for references it cannot name', () => {
    const rows = mapVsphereInventory(
      raw({
        vms: [
          object('VirtualMachine', 'vm-1', {
            name: 'x',
            'runtime.host': val('type="HostSystem">host-99'),
          }),
        ],
      }),
      ctx,
    );
    expect(rows.vms[0]).toMatchObject({ host: 'host-99', cluster: undefined });
  });
});
