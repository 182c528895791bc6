import type { ObjectContent, VimNode } from './types';
import { parseVimXml } from './vimXmlParser';
import {
  formatVlan,
  mapVsphereInventory,
  percent,
  snapshotSizes,
  VmListSummary,
  type RawVsphereInventory,
} from './vsphereRowMappers';
import { HostFacts } from './vsphereHostFacts';

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

/**
 * A VM's `layoutEx` as RetrievePropertiesEx returns it, for a VM with two snapshots (the first without memory, the
 * second with) and three disks, the third added between the snapshots. vcsim leaves `layoutEx` empty, so this is
 * the only check of snapshot sizes. File keys follow vCenter's numbering: descriptor and extent pairs per chain link.
 */
const LAYOUT_EX = `xsi:type="VirtualMachineFileLayoutEx">
  <file><key>0</key><name>[ds1] web/web.vmx</name><type>config</type><size>3452</size><uniqueSize>3452</uniqueSize><accessible>true</accessible></file>
  <file><key>1</key><name>[ds1] web/web.nvram</name><type>nvram</type><size>8684</size><uniqueSize>8684</uniqueSize><accessible>true</accessible></file>
  <file><key>2</key><name>[ds1] web/web.vmsd</name><type>snapshotList</type><size>1073</size><uniqueSize>1073</uniqueSize><accessible>true</accessible></file>
  <file><key>3</key><name>[ds1] web/web.vmdk</name><type>diskDescriptor</type><size>560</size><uniqueSize>560</uniqueSize><accessible>true</accessible></file>
  <file><key>4</key><name>[ds1] web/web-flat.vmdk</name><type>diskExtent</type><size>42949672960</size><uniqueSize>42949672960</uniqueSize><accessible>true</accessible></file>
  <file><key>5</key><name>[ds1] web/web_1.vmdk</name><type>diskDescriptor</type><size>562</size><uniqueSize>562</uniqueSize><accessible>true</accessible></file>
  <file><key>6</key><name>[ds1] web/web_1-flat.vmdk</name><type>diskExtent</type><size>10737418240</size><uniqueSize>10737418240</uniqueSize><accessible>true</accessible></file>
  <file><key>7</key><name>[ds1] web/vmware.log</name><type>log</type><size>241004</size><uniqueSize>241004</uniqueSize><accessible>true</accessible></file>
  <file><key>8</key><name>[ds1] web/web-8d2c.vswp</name><type>swap</type><size>4294967296</size><uniqueSize>4294967296</uniqueSize><accessible>true</accessible></file>
  <file><key>9</key><name>[ds1] web/web-Snapshot1.vmsn</name><type>snapshotData</type><size>30123</size><uniqueSize>30123</uniqueSize><accessible>true</accessible></file>
  <file><key>11</key><name>[ds1] web/web-000001.vmdk</name><type>diskDescriptor</type><size>430</size><uniqueSize>430</uniqueSize><accessible>true</accessible></file>
  <file><key>12</key><name>[ds1] web/web-000001-sesparse.vmdk</name><type>diskExtent</type><size>52428800</size><uniqueSize>52428800</uniqueSize><accessible>true</accessible></file>
  <file><key>13</key><name>[ds1] web/web_1-000001.vmdk</name><type>diskDescriptor</type><size>432</size><uniqueSize>432</uniqueSize><accessible>true</accessible></file>
  <file><key>14</key><name>[ds1] web/web_1-000001-sesparse.vmdk</name><type>diskExtent</type><size>10485760</size><uniqueSize>10485760</uniqueSize><accessible>true</accessible></file>
  <file><key>20</key><name>[ds1] web/web-Snapshot2.vmsn</name><type>snapshotData</type><size>31042</size><uniqueSize>31042</uniqueSize><accessible>true</accessible></file>
  <file><key>21</key><name>[ds1] web/web-Snapshot2.vmem</name><type>snapshotMemory</type><size>4294967296</size><uniqueSize>4294967296</uniqueSize><accessible>true</accessible></file>
  <file><key>24</key><name>[ds1] web/web-000002.vmdk</name><type>diskDescriptor</type><size>430</size><uniqueSize>430</uniqueSize><accessible>true</accessible></file>
  <file><key>25</key><name>[ds1] web/web-000002-sesparse.vmdk</name><type>diskExtent</type><size>8388608</size><uniqueSize>8388608</uniqueSize><accessible>true</accessible></file>
  <file><key>26</key><name>[ds1] web/web_1-000002.vmdk</name><type>diskDescriptor</type><size>432</size><uniqueSize>432</uniqueSize><accessible>true</accessible></file>
  <file><key>27</key><name>[ds1] web/web_1-000002-sesparse.vmdk</name><type>diskExtent</type><size>1048576</size><uniqueSize>1048576</uniqueSize><accessible>true</accessible></file>
  <file><key>30</key><name>[ds1] web/web_2.vmdk</name><type>diskDescriptor</type><size>562</size><uniqueSize>562</uniqueSize><accessible>true</accessible></file>
  <file><key>31</key><name>[ds1] web/web_2-flat.vmdk</name><type>diskExtent</type><size>2147483648</size><uniqueSize>2147483648</uniqueSize><accessible>true</accessible></file>
  <file><key>32</key><name>[ds1] web/web_2-000001.vmdk</name><type>diskDescriptor</type><size>432</size><uniqueSize>432</uniqueSize><accessible>true</accessible></file>
  <file><key>33</key><name>[ds1] web/web_2-000001-sesparse.vmdk</name><type>diskExtent</type><size>2097152</size><uniqueSize>2097152</uniqueSize><accessible>true</accessible></file>
  <disk><key>2000</key>
    <chain><fileKey>3</fileKey><fileKey>4</fileKey></chain>
    <chain><fileKey>11</fileKey><fileKey>12</fileKey></chain>
    <chain><fileKey>24</fileKey><fileKey>25</fileKey></chain>
  </disk>
  <disk><key>2001</key>
    <chain><fileKey>5</fileKey><fileKey>6</fileKey></chain>
    <chain><fileKey>13</fileKey><fileKey>14</fileKey></chain>
    <chain><fileKey>26</fileKey><fileKey>27</fileKey></chain>
  </disk>
  <disk><key>2002</key>
    <chain><fileKey>30</fileKey><fileKey>31</fileKey></chain>
    <chain><fileKey>32</fileKey><fileKey>33</fileKey></chain>
  </disk>
  <snapshot><key type="VirtualMachineSnapshot">snapshot-1</key><dataKey>9</dataKey><memoryKey>-1</memoryKey>
    <disk><key>2000</key><chain><fileKey>3</fileKey><fileKey>4</fileKey></chain></disk>
    <disk><key>2001</key><chain><fileKey>5</fileKey><fileKey>6</fileKey></chain></disk>
  </snapshot>
  <snapshot><key type="VirtualMachineSnapshot">snapshot-2</key><dataKey>20</dataKey><memoryKey>21</memoryKey>
    <disk><key>2000</key><chain><fileKey>3</fileKey><fileKey>4</fileKey></chain><chain><fileKey>11</fileKey><fileKey>12</fileKey></chain></disk>
    <disk><key>2001</key><chain><fileKey>5</fileKey><fileKey>6</fileKey></chain><chain><fileKey>13</fileKey><fileKey>14</fileKey></chain></disk>
    <disk><key>2002</key><chain><fileKey>30</fileKey><fileKey>31</fileKey></chain></disk>
  </snapshot>
  <timestamp>2026-01-10T11:58:03.512Z</timestamp>`;

/** Snapshot 1: its state file, and the deltas of disks 2000 and 2001 written until snapshot 2 was taken. */
const SNAPSHOT_1_BYTES = 30123 + (430 + 52428800) + (432 + 10485760);
/** Snapshot 2: state and memory, and the deltas the running VM has written since, on all three disks. */
const SNAPSHOT_2_BYTES =
  31042 + 4294967296 + (430 + 8388608) + (432 + 1048576) + (432 + 2097152);

describe('snapshotSizes', () => {
  it("adds each snapshot's state and memory files to the delta disks written after it", () => {
    expect(snapshotSizes(val(LAYOUT_EX))).toEqual(
      new Map([
        ['snapshot-1', SNAPSHOT_1_BYTES],
        ['snapshot-2', SNAPSHOT_2_BYTES],
      ]),
    );
  });

  it('knows no size without a layout (vcsim) or without snapshots', () => {
    expect(snapshotSizes(undefined).size).toBe(0);
    const withoutSnapshots = LAYOUT_EX.replace(
      /<snapshot>[\s\S]*<\/snapshot>/,
      '',
    );
    expect(snapshotSizes(val(withoutSnapshots)).size).toBe(0);
  });
});

describe('mapVsphereInventory', () => {
  it("gives each snapshot row the size computed from its VM's layoutEx", () => {
    const snapshot =
      val(`xsi:type="VirtualMachineSnapshotInfo"><rootSnapshotList>
      <snapshot type="VirtualMachineSnapshot">snapshot-1</snapshot><name>before patch</name>
      <createTime>2026-01-01T00:00:00Z</createTime><state>poweredOff</state><quiesced>false</quiesced>
      <childSnapshotList><snapshot type="VirtualMachineSnapshot">snapshot-2</snapshot><name>after patch</name>
        <createTime>2026-01-05T00:00:00Z</createTime><state>poweredOn</state><quiesced>true</quiesced>
      </childSnapshotList></rootSnapshotList>`);
    const rows = mapVsphereInventory(
      raw({
        vms: [
          object('VirtualMachine', 'vm-1', {
            name: 'web',
            snapshot,
            layoutEx: val(LAYOUT_EX),
          }),
        ],
      }),
      ctx,
    );
    expect(
      rows.snapshots.map(s => [s.moref, s.sizeBytes, s.state, s.quiesced]),
    ).toEqual([
      ['snapshot-1', SNAPSHOT_1_BYTES, 'poweredOff', false],
      ['snapshot-2', SNAPSHOT_2_BYTES, 'poweredOn', true],
    ]);
  });

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

  it('counts the VMs of hosts and datastores and names those of networks, without keeping the parsed lists', () => {
    const vmList = val(
      'xsi:type="ArrayOfManagedObjectReference"><ManagedObjectReference type="VirtualMachine">vm-1</ManagedObjectReference><ManagedObjectReference type="VirtualMachine">vm-2</ManagedObjectReference>',
    );
    const input = raw({
      vms: [
        object('VirtualMachine', 'vm-1', { name: 'web' }),
        object('VirtualMachine', 'vm-2', { name: 'db' }),
      ],
      hosts: [object('HostSystem', 'host-1', { name: 'esx1', vm: vmList })],
      datastores: [
        object('Datastore', 'datastore-1', { name: 'ds1', vm: vmList }),
      ],
      networks: [
        object('Network', 'network-1', { name: 'VM Network', vm: vmList }),
      ],
    });
    const rows = mapVsphereInventory(input, ctx);
    expect(rows.hosts[0].vmCount).toBe(2);
    expect(rows.datastores[0].vmCount).toBe(2);
    expect(rows.networks[0].vms).toEqual(['web', 'db']);
    // The lists name every VM of the vCenter: they are not held while the VMs are read.
    for (const o of [...input.hosts, ...input.datastores, ...input.networks])
      expect(o.props.has('vm')).toBe(false);
  });

  it('keeps VM lists summarized as they were read the same as parsed ones, and drops them', () => {
    const vmList = () =>
      val(
        'xsi:type="ArrayOfManagedObjectReference"><ManagedObjectReference type="VirtualMachine">vm-1</ManagedObjectReference><ManagedObjectReference type="VirtualMachine">vm-2</ManagedObjectReference>',
      );
    const datastore = object('Datastore', 'datastore-1', {
      name: 'ds1',
      vm: vmList(),
    });
    const network = object('Network', 'network-1', {
      name: 'VM Network',
      vm: vmList(),
    });
    // As the fetcher does, as soon as each is parsed.
    expect(VmListSummary.summarize(datastore, false).count).toBe(2);
    expect(VmListSummary.summarize(network, true).refs).toEqual([
      { type: 'VirtualMachine', value: 'vm-1' },
      { type: 'VirtualMachine', value: 'vm-2' },
    ]);
    const rows = mapVsphereInventory(
      raw({
        vms: [
          object('VirtualMachine', 'vm-1', { name: 'web' }),
          object('VirtualMachine', 'vm-2', { name: 'db' }),
        ],
        datastores: [datastore],
        networks: [network],
      }),
      ctx,
    );
    expect(rows.datastores[0].vmCount).toBe(2);
    expect(rows.networks[0].vms).toEqual(['web', 'db']);
    expect(datastore.props.has('vm')).toBe(false);
    expect(network.props.has('vm')).toBe(false);
  });
});

describe('hosts in the row mapper', () => {
  const host = () =>
    object('HostSystem', 'host-1', {
      name: 'esx1.example.com',
      parent: val('type="ClusterComputeResource">domain-c1'),
      'summary.hardware.numCpuCores': val('xsi:type="xsd:short">8'),
      'summary.hardware.cpuMhz': val('xsi:type="xsd:int">2000'),
      'summary.hardware.memorySize': val('xsi:type="xsd:long">68719476736'),
      'summary.quickStats.overallCpuUsage': val('xsi:type="xsd:int">4000'),
      'summary.quickStats.overallMemoryUsage': val('xsi:type="xsd:int">16384'),
      'hardware.systemInfo': val(
        'xsi:type="HostSystemInfo"><vendor>Dell</vendor><otherIdentifyingInfo><identifierValue> ABC123 </identifierValue><identifierType><label>Service tag</label><summary>x</summary><key>ServiceTag</key></identifierType></otherIdentifyingInfo>',
      ),
      'config.dateTimeInfo': val(
        'xsi:type="HostDateTimeInfo"><ntpConfig><server>ntp1</server><server>ntp2</server></ntpConfig>',
      ),
      vm: val(
        'xsi:type="ArrayOfManagedObjectReference"><ManagedObjectReference type="VirtualMachine">vm-1</ManagedObjectReference>',
      ),
      'config.network.pnic': val(
        'xsi:type="ArrayOfPhysicalNic"><PhysicalNic><key>key-vim.host.PhysicalNic-vmnic0</key><device>vmnic0</device><driver>ixgben</driver><linkSpeed><speedMb>10000</speedMb></linkSpeed><mac>00:50:56:00:00:01</mac></PhysicalNic>' +
          '<PhysicalNic><key>key-vim.host.PhysicalNic-vmnic1</key><device>vmnic1</device><mac>00:50:56:00:00:02</mac></PhysicalNic>',
      ),
      'config.network.vswitch': val(
        'xsi:type="ArrayOfHostVirtualSwitch"><HostVirtualSwitch><name>vSwitch0</name><pnic>key-vim.host.PhysicalNic-vmnic0</pnic></HostVirtualSwitch>',
      ),
      'config.network.proxySwitch': val(
        'xsi:type="ArrayOfHostProxySwitch"><HostProxySwitch><dvsUuid>50 1a</dvsUuid><dvsName>DSwitch</dvsName><pnic>key-vim.host.PhysicalNic-vmnic1</pnic></HostProxySwitch>',
      ),
      'config.network.portgroup': val(
        'xsi:type="ArrayOfHostPortGroup"><HostPortGroup><spec><name>VM Network</name><vswitchName>vSwitch0</vswitchName></spec></HostPortGroup>',
      ),
      'config.network.vnic': val(
        'xsi:type="ArrayOfHostVirtualNic"><HostVirtualNic><device>vmk0</device><key>key-vim.host.VirtualNic-vmk0</key><portgroup>Management Network</portgroup><spec><ip><ipAddress>10.0.0.11</ipAddress><subnetMask>255.255.255.0</subnetMask></ip><mac>00:50:56:00:00:0a</mac><mtu>1500</mtu></spec></HostVirtualNic>' +
          '<HostVirtualNic><device>vmk1</device><key>key-vim.host.VirtualNic-vmk1</key><portgroup></portgroup><spec><distributedVirtualPort><switchUuid>50 1a</switchUuid><portgroupKey>dvportgroup-9</portgroupKey></distributedVirtualPort></spec></HostVirtualNic>',
      ),
      'config.virtualNicManagerInfo.netConfig': val(
        'xsi:type="ArrayOfVirtualNicManagerNetConfig"><VirtualNicManagerNetConfig><nicType>management</nicType><candidateVnic><device>vmk0</device><key>management.key-vim.host.VirtualNic-vmk0</key></candidateVnic><selectedVnic>management.key-vim.host.VirtualNic-vmk0</selectedVnic></VirtualNicManagerNetConfig>' +
          '<VirtualNicManagerNetConfig><nicType>vmotion</nicType><candidateVnic><device>vmk1</device><key>vmotion.key-vim.host.VirtualNic-vmk1</key></candidateVnic><selectedVnic>vmotion.key-vim.host.VirtualNic-vmk1</selectedVnic></VirtualNicManagerNetConfig>',
      ),
    });
  const vm = object('VirtualMachine', 'vm-1', {
    name: 'web',
    'runtime.host': val('type="HostSystem">host-1'),
    'config.hardware.numCPU': val('xsi:type="xsd:int">4'),
    'config.hardware.device': val(
      'xsi:type="ArrayOfVirtualDevice"><VirtualDevice xsi:type="VirtualVmxnet3"><key>4000</key><deviceInfo><label>Network adapter 1</label></deviceInfo><backing xsi:type="VirtualEthernetCardNetworkBackingInfo"><deviceName>VM Network</deviceName></backing></VirtualDevice>' +
        '<VirtualDevice xsi:type="VirtualVmxnet3"><key>4001</key><deviceInfo><label>Network adapter 2</label></deviceInfo><backing xsi:type="VirtualEthernetCardDistributedVirtualPortBackingInfo"><port><switchUuid>50 1a</switchUuid><portgroupKey>dvportgroup-9</portgroupKey></port></backing></VirtualDevice>',
    ),
  });
  const others = {
    clusters: [
      object('ClusterComputeResource', 'domain-c1', {
        name: 'Cluster1',
        host: val(
          'xsi:type="ArrayOfManagedObjectReference"><ManagedObjectReference type="HostSystem">host-1</ManagedObjectReference>',
        ),
      }),
    ],
    networks: [
      object('DistributedVirtualPortgroup', 'dvportgroup-9', {
        name: 'vMotion',
        'config.distributedVirtualSwitch': val(
          'type="VmwareDistributedVirtualSwitch">dvs-1',
        ),
      }),
    ],
    distributedSwitches: [
      object('VmwareDistributedVirtualSwitch', 'dvs-1', { name: 'DSwitch' }),
    ],
  };

  it('maps a host, its NICs, VMkernel adapters and the VM NIC paths through it, and keeps no parsed tree of it', () => {
    const parsed = host();
    const rows = mapVsphereInventory(
      raw({ vms: [vm], hosts: [parsed], ...others }),
      ctx,
    );
    // The mapper kept what the rows read, not the host's parsed properties.
    expect(parsed.props.size).toBe(0);
    expect(rows.hosts).toEqual([
      expect.objectContaining({
        id: 'vc1:host-1',
        name: 'esx1.example.com',
        cluster: 'Cluster1',
        cpuUsagePercent: 25,
        memoryUsagePercent: 25,
        serviceTag: 'ABC123',
        vcpuPerCore: 0.5,
        vmCount: 1,
        ntpServers: ['ntp1', 'ntp2'],
      }),
    ]);
    expect(rows.clusters[0]).toMatchObject({
      cpuTotalMhz: 16000,
      cpuUsagePercent: 25,
      memoryTotalBytes: 68719476736,
    });
    expect(
      rows['host-nics'].map(n => [n.moref, n.switchName, n.speedMb, n.driver]),
    ).toEqual([
      ['host-1/vmnic0', 'vSwitch0', 10000, 'ixgben'],
      ['host-1/vmnic1', 'DSwitch', undefined, undefined],
    ]);
    expect(
      rows['host-vmkernel-adapters'].map(a => [
        a.device,
        a.portgroup,
        a.switchName,
        a.ipAddress,
        a.services,
      ]),
    ).toEqual([
      ['vmk0', 'Management Network', undefined, '10.0.0.11', ['management']],
      ['vmk1', 'vMotion', 'DSwitch', undefined, ['vmotion']],
    ]);
    expect(
      rows['vm-nics'].map(n => [n.network, n.switchName, n.uplinks]),
    ).toEqual([
      ['VM Network', 'vSwitch0', ['vmnic0']],
      ['vMotion', 'DSwitch', ['vmnic1']],
    ]);
  });

  it('maps hosts reduced to their facts as they were read like parsed hosts', () => {
    const parsed = host();
    const facts = new HostFacts(host());
    const fromParsed = mapVsphereInventory(
      raw({ vms: [vm], hosts: [parsed], ...others }),
      ctx,
    );
    const fromFacts = mapVsphereInventory(
      raw({ vms: [vm], hostFacts: [facts], ...others }),
      ctx,
    );
    expect(fromFacts).toEqual(fromParsed);
  });
});
