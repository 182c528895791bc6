import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  buildGovmomiInventory,
  startVcsim,
  type VcsimInstance,
  type VcsimTopology,
} from '@vcf-backstage/vcsim';
import { UpstreamError } from '../../http/UpstreamError';
import {
  VsphereInventoryFetcher,
  type VsphereInventory,
} from './VsphereInventoryFetcher';
import type { VsphereInventoryRows } from './vsphereRowMappers';

const VCENTER_ID = 'vc-test';

const TOPOLOGIES: Array<[string, Partial<VcsimTopology>]> = [
  [
    'one datacenter with standalone hosts',
    {
      datacenters: 1,
      clustersPerDatacenter: 2,
      hostsPerCluster: 2,
      vmsPerHost: 3,
      standaloneHostsPerDatacenter: 1,
      datastoresPerDatacenter: 4,
      datastoreClustersPerDatacenter: 1,
      datastoresPerDatastoreCluster: 2,
      standardPortgroupsPerDatacenter: 2,
      distributedPortgroupsPerDatacenter: 3,
      snapshots: 5,
      alarms: 7,
    },
  ],
  [
    'two datacenters, every datastore in a datastore cluster',
    {
      datacenters: 2,
      clustersPerDatacenter: 1,
      hostsPerCluster: 3,
      vmsPerHost: 4,
      standaloneHostsPerDatacenter: 0,
      datastoresPerDatacenter: 3,
      datastoreClustersPerDatacenter: 1,
      datastoresPerDatastoreCluster: 3,
      standardPortgroupsPerDatacenter: 0,
      distributedPortgroupsPerDatacenter: 2,
      snapshots: 6,
      alarms: 10,
    },
  ],
];

/** What a topology must produce, computed from the request alone. */
function expectedFor(t: VcsimTopology) {
  const hostsPerDc =
    t.clustersPerDatacenter * t.hostsPerCluster +
    t.standaloneHostsPerDatacenter;
  const switches = t.distributedPortgroupsPerDatacenter > 0 ? t.datacenters : 0;
  const standard = t.datacenters * (1 + t.standardPortgroupsPerDatacenter); // "VM Network" is always there
  const distributed = t.datacenters * t.distributedPortgroupsPerDatacenter;
  return {
    rows: {
      vms: t.datacenters * hostsPerDc * t.vmsPerHost,
      hosts: t.datacenters * hostsPerDc,
      clusters: t.datacenters * t.clustersPerDatacenter,
      datastores: t.datacenters * t.datastoresPerDatacenter,
      'datastore-clusters': t.datacenters * t.datastoreClustersPerDatacenter,
      networks: standard + distributed + switches,
      snapshots: t.snapshots,
      alarms: t.alarms,
    },
    standard,
    distributed,
    switches,
    // The Network view also returns each switch's uplink portgroup, which is not a row.
    networkObjects: standard + distributed + switches,
  };
}

/** Every SOAP call a fetch makes, for a page size. */
function expectedRoundTrips(
  t: VcsimTopology,
  containers: number,
  inventory: VsphereInventory,
  pageSize: number,
) {
  const e = expectedFor(t);
  const pages = (n: number) => Math.max(1, Math.ceil(n / pageSize));
  const alarmDefinitions = new Set(inventory.rows.alarms.map(a => a.name)).size;
  const retrieve =
    pages(e.rows.vms) +
    pages(e.rows.hosts) +
    pages(e.rows.clusters) +
    pages(e.rows.datastores) +
    pages(e.rows['datastore-clusters']) +
    pages(e.networkObjects) +
    pages(e.switches) +
    pages(containers) + // folders, datacenters, resource pools
    1 + // triggeredAlarmState of the root folder
    (alarmDefinitions ? pages(alarmDefinitions) : 0) +
    pages(inventory.rows.tasks.length);
  // RetrieveServiceContent, Login, 8 × (CreateContainerView + DestroyView), QueryEvents, Logout
  return { retrieve, total: retrieve + 2 + 16 + 1 + 1 };
}

function withoutEvents(rows: VsphereInventoryRows) {
  // Each login adds an event, so events differ between two fetches; everything else must not.
  const { events: _events, ...rest } = rows;
  return Object.fromEntries(
    Object.entries(rest).map(([kind, list]) => [
      kind,
      [...list].sort((a, b) => a.id.localeCompare(b.id)),
    ]),
  );
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** What govmomi's own property collector reads of the same simulator (tools/govmomi-inventory). */
async function readWithGovmomi(vcsim: VcsimInstance): Promise<any> {
  const binary = await buildGovmomiInventory();
  const dir = await fs.mkdtemp(join(tmpdir(), 'govmomi-inventory-'));
  try {
    const ca = join(dir, 'ca.pem');
    await fs.writeFile(ca, vcsim.certificatePem);
    const { stdout } = await promisify(execFile)(
      binary,
      ['-url', vcsim.url, '-username', vcsim.username, '-ca', ca],
      {
        env: { ...process.env, GOVMOMI_PASSWORD: vcsim.password },
        maxBuffer: 64 * 2 ** 20,
      },
    );
    return JSON.parse(stdout);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** govmomi reports absent values as Go zero values. */
const text = (value: string | undefined) => value ?? '';
const num = (value: number | undefined) => value ?? 0;

describe.each(TOPOLOGIES)(
  'VsphereInventoryFetcher on %s',
  (_name, topologyOptions) => {
    let vcsim: VcsimInstance;
    let inventory: VsphereInventory;
    // A fixed clock for ages, read after the simulator dated its snapshots.
    let NOW: Date;
    // govmomi's reading of the same simulator.
    let peer: any;
    const fetcher = (pageSize: number) =>
      VsphereInventoryFetcher.create({
        vcenterId: VCENTER_ID,
        url: vcsim.url,
        username: vcsim.username,
        password: vcsim.password,
        tls: { ca: vcsim.certificatePem },
        pageSize,
        now: () => NOW,
      });

    beforeAll(async () => {
      vcsim = await startVcsim(topologyOptions);
      NOW = new Date();
      inventory = await fetcher(500).fetch();
      peer = await readWithGovmomi(vcsim);
    });

    afterAll(async () => {
      await vcsim?.stop();
    });

    it('reads every kind in the numbers the topology asks for', () => {
      const expected = expectedFor(vcsim.topology);
      for (const [kind, count] of Object.entries(expected.rows)) {
        expect([
          kind,
          inventory.rows[kind as keyof VsphereInventoryRows].length,
        ]).toEqual([kind, count]);
      }
      const byType = (type: string) =>
        inventory.rows.networks.filter(n => n.type === type).length;
      expect(byType('standard')).toBe(expected.standard);
      expect(byType('distributed-portgroup')).toBe(expected.distributed);
      expect(byType('distributed-switch')).toBe(expected.switches);
      expect(inventory.rows.tasks.length).toBeGreaterThan(0);
      expect(inventory.rows.events.length).toBeGreaterThan(0);
      // The simulator agrees on what it built.
      expect(inventory.rows.vms.filter(v => v.template)).toHaveLength(
        vcsim.counts.templates,
      );
      expect(
        inventory.rows.vms.filter(v => v.powerState === 'poweredOn'),
      ).toHaveLength(vcsim.counts.poweredOnVms);
    });

    it('reports the API version, every round trip and a clean logout', async () => {
      expect(inventory.apiVersion).toBe('6.5');
      expect(inventory.fullName).toMatch(/vCenter Server/);
      expect(inventory.relogins).toBe(0);
      const expected = expectedRoundTrips(
        vcsim.topology,
        peer.containers,
        inventory,
        500,
      );
      expect(inventory.retrieveRoundTrips).toBe(expected.retrieve);
      expect(inventory.roundTrips).toBe(expected.total);
      const stats = await vcsim.stats();
      expect(stats.sessions).toBe(0);
      expect(stats.destroyView).toBe(stats.createContainerView);
      expect(stats.pendingTokens).toBe(0);
    });

    it('reads every inventory depth field as govmomi reads it from the same simulator', () => {
      const rows = inventory.rows;
      expect(Object.keys(peer.vms).sort()).toEqual(
        rows.vms.map(v => v.moref).sort(),
      );
      for (const vm of rows.vms) {
        const p = peer.vms[vm.moref];
        expect({
          moref: vm.moref,
          hardwareVersion: text(vm.hardwareVersion),
          toolsStatus: text(vm.toolsStatus),
          toolsVersion: text(vm.toolsVersion),
          toolsRunningStatus: text(vm.toolsRunningStatus),
          dnsName: text(vm.dnsName),
          guestOsReported: text(vm.guestOsReported),
          annotation: text(vm.annotation),
          cbtEnabled: vm.cbtEnabled ?? false,
          instanceUuid: text(vm.instanceUuid),
          unsharedBytes: num(vm.unsharedBytes),
          uptimeSeconds: num(vm.uptimeSeconds),
          resourcePool: text(vm.resourcePool),
        }).toEqual({
          moref: vm.moref,
          hardwareVersion: p.hardwareVersion,
          toolsStatus: p.toolsStatus,
          toolsVersion: p.toolsVersion,
          toolsRunningStatus: p.toolsRunningStatus,
          dnsName: p.dnsName,
          guestOsReported: p.guestOsReported,
          annotation: p.annotation,
          cbtEnabled: p.cbtEnabled,
          instanceUuid: p.instanceUuid,
          unsharedBytes: p.unsharedBytes,
          uptimeSeconds: p.uptimeSeconds,
          resourcePool: p.resourcePool,
        });
        const disks = rows['vm-disks'].filter(d => d.vmMoref === vm.moref);
        expect(
          disks.map(d => ({
            label: d.label,
            capacityBytes: num(d.capacityBytes),
            datastore: text(d.datastore),
            thin: d.provisioning === 'thin',
            file: text(d.file),
          })),
        ).toEqual(p.disks);
        expect(vm.diskCount).toBe(p.disks.length);
        const nics = rows['vm-nics'].filter(n => n.vmMoref === vm.moref);
        expect(
          nics.map(n => ({
            label: n.label,
            macAddress: text(n.macAddress),
            connected: n.connected ?? false,
            network: text(n.network),
          })),
        ).toEqual(p.nics);
      }
      expect(rows['vm-disks'].length).toBeGreaterThanOrEqual(rows.vms.length);
      expect(rows['vm-nics'].length).toBeGreaterThanOrEqual(rows.vms.length);
      // The launcher sets Tools, annotations and CBT: the comparison is not between two empty readings.
      expect(rows.vms.some(v => v.cbtEnabled)).toBe(true);
      expect(rows.vms.every(v => v.annotation && v.toolsStatus)).toBe(true);

      for (const host of rows.hosts) {
        const p = peer.hosts[host.moref];
        expect({
          moref: host.moref,
          serialNumber: text(host.serialNumber),
          biosVersion: text(host.biosVersion),
          cpuModel: text(host.cpuModel),
          cpuSockets: num(host.cpuSockets),
          cpuThreads: num(host.cpuThreads),
          vmCount: num(host.vmCount),
          ntpServers: host.ntpServers,
        }).toEqual({
          moref: host.moref,
          serialNumber: p.serialNumber,
          biosVersion: p.biosVersion,
          cpuModel: p.cpuModel,
          cpuSockets: p.cpuSockets,
          cpuThreads: p.cpuThreads,
          vmCount: p.vmCount,
          ntpServers: p.ntpServers,
        });
        expect(
          rows['host-nics']
            .filter(n => n.hostMoref === host.moref)
            .map(n => ({
              device: n.device,
              driver: text(n.driver),
              macAddress: text(n.macAddress),
              speedMb: num(n.speedMb),
              switchName: text(n.switchName),
            })),
        ).toEqual(p.nics);
        expect(
          rows['host-vmkernel-adapters']
            .filter(a => a.hostMoref === host.moref)
            .map(a => ({
              device: a.device,
              ipAddress: text(a.ipAddress),
              portgroup: text(a.portgroup),
              services: a.services,
            })),
        ).toEqual(p.vmkernelAdapters);
      }
      expect(rows.hosts.every(h => h.serialNumber && h.ntpServers.length)).toBe(
        true,
      );
      expect(
        rows['host-vmkernel-adapters'].some(a =>
          a.services.includes('management'),
        ),
      ).toBe(true);

      for (const ds of rows.datastores) {
        const p = peer.datastores[ds.moref];
        expect([
          ds.moref,
          text(ds.url),
          text(ds.maintenanceMode),
          num(ds.vmCount),
        ]).toEqual([ds.moref, p.url, p.maintenanceMode, p.vmCount]);
      }
      for (const cluster of rows.clusters) {
        const p = peer.clusters[cluster.moref];
        expect([
          cluster.moref,
          text(cluster.evcMode),
          text(cluster.drsAutomationLevel),
          cluster.haAdmissionControlEnabled ?? false,
        ]).toEqual([
          cluster.moref,
          p.evcMode,
          p.drsAutomationLevel,
          p.haAdmissionControlEnabled,
        ]);
      }
      expect(rows.clusters.some(c => c.evcMode)).toBe(true);
    });

    it('follows each VM NIC to its portgroup, switch and the host uplinks that carry it, as govmomi reads them', () => {
      const nics = inventory.rows['vm-nics'];
      const networks = new Map(inventory.rows.networks.map(n => [n.name, n]));
      const vmHosts = new Map(inventory.rows.vms.map(v => [v.moref, v.host]));
      const hostMorefs = new Map(
        inventory.rows.hosts.map(h => [h.name, h.moref]),
      );
      // Distributed portgroups name their switch; standard ones sit on vSwitch0. A switch's uplinks are the
      // physical NICs of the VM's host that govmomi finds on that switch (the host's proxy switch for a
      // distributed one).
      const expectedPath = (nic: (typeof nics)[number]) => {
        const network = networks.get(nic.network!);
        const switchName =
          network?.type === 'distributed-portgroup'
            ? network.switchName
            : 'vSwitch0';
        const host =
          peer.hosts[hostMorefs.get(vmHosts.get(nic.vmMoref) ?? '') ?? ''];
        const uplinks = (host?.nics ?? [])
          .filter((p: any) => p.switchName === switchName)
          .map((p: any) => p.device);
        return [nic.moref, nic.network, switchName, uplinks];
      };
      expect(
        nics.map(nic => [nic.moref, nic.network, nic.switchName, nic.uplinks]),
      ).toEqual(nics.map(expectedPath));
      // Every path ends in real uplinks: the launcher adds each host's vmnic1 to the distributed switch.
      const distributed = nics.filter(
        nic => networks.get(nic.network!)?.type === 'distributed-portgroup',
      );
      expect(distributed.length).toBeGreaterThan(0);
      expect(distributed.map(nic => nic.uplinks)).toEqual(
        distributed.map(() => ['vmnic1']),
      );
      expect(nics.every(nic => nic.uplinks.length > 0)).toBe(true);
      const vms = new Map(inventory.rows.vms.map(v => [v.moref, v]));
      expect(
        nics.every(n => vms.get(n.vmMoref)?.networks.includes(n.network!)),
      ).toBe(true);
      expect(
        inventory.rows.vms.every(
          v => v.folder?.startsWith('/') && v.datacenter && v.hardwareVersion,
        ),
      ).toBe(true);
    });

    it('gives every row the id vcenterId:moref', () => {
      for (const [kind, rows] of Object.entries(inventory.rows)) {
        for (const row of rows) {
          expect([kind, row.id, row.vcenterId]).toEqual([
            kind,
            `${VCENTER_ID}:${row.moref}`,
            VCENTER_ID,
          ]);
          expect(row.name).toBeTruthy();
        }
      }
    });

    it('maps a VM, its placement, usage and snapshots', () => {
      const sample = vcsim.samples.vm!;
      const vm = inventory.rows.vms.find(v => v.name === sample.name)!;
      expect(vm).toMatchObject({
        moref: sample.moref,
        powerState: sample.powerState,
        host: sample.host,
        cluster: sample.cluster,
        numCpu: sample.numCpu,
        memoryMb: sample.memoryMb,
        cpuUsageMhz: sample.cpuUsageMhz,
        memoryUsageMb: sample.guestMemoryUsageMb,
        committedBytes: sample.committedBytes,
        uncommittedBytes: sample.uncommittedBytes,
        datastores: sample.datastores,
        networks: sample.networks,
        snapshotCount: sample.snapshotCount,
        uuid: sample.uuid,
        template: false,
      });
      expect(vm.ipAddresses[0]).toBe(sample.ipAddress);
      expect(Date.parse(vm.oldestSnapshotAt!)).toBe(
        Date.parse(sample.oldestSnapshotTime!),
      );

      const hostNames = new Set(inventory.rows.hosts.map(h => h.name));
      const networkNames = new Set(inventory.rows.networks.map(n => n.name));
      for (const v of inventory.rows.vms) {
        expect(hostNames.has(v.host!)).toBe(true);
        for (const n of v.networks) expect(networkNames.has(n)).toBe(true);
      }
    });

    it('flattens snapshot trees, with their VM and age', () => {
      const { snapshots, vms } = inventory.rows;
      const perVm = new Map<string, number>();
      for (const s of snapshots) {
        perVm.set(s.vm, (perVm.get(s.vm) ?? 0) + 1);
        expect(s.createdAt).toBeDefined();
        expect(s.ageDays).toBe(
          Math.floor((NOW.getTime() - Date.parse(s.createdAt!)) / 86_400_000),
        );
        expect(s.ageDays).toBeGreaterThanOrEqual(1);
      }
      for (const vm of vms)
        expect(vm.snapshotCount).toBe(perVm.get(vm.name) ?? 0);
      expect(perVm.size).toBe(vcsim.counts.vmsWithSnapshots);
      expect(
        snapshots.some(s => s.description?.includes('<test & demo>')),
      ).toBe(true);
    });

    it('maps hosts with usage percentages from quickStats', () => {
      const sample = vcsim.samples.host!;
      const host = inventory.rows.hosts.find(h => h.name === sample.name)!;
      expect(host).toMatchObject({
        moref: sample.moref,
        cluster: sample.cluster,
        cpuCores: sample.cpuCores,
        cpuMhz: sample.cpuMhz,
        memoryBytes: sample.memoryBytes,
        cpuUsagePercent: round1(
          (sample.overallCpuUsageMhz / (sample.cpuCores * sample.cpuMhz)) * 100,
        ),
        memoryUsagePercent: round1(
          (sample.overallMemoryUsageMb / (sample.memoryBytes / 2 ** 20)) * 100,
        ),
        connectionState: 'connected',
        inMaintenanceMode: false,
      });
      expect(Date.parse(host.bootTime!)).toBe(Date.parse(sample.bootTime));
      const standalone = inventory.rows.hosts.filter(
        h => h.cluster === undefined,
      );
      expect(standalone).toHaveLength(vcsim.counts.standaloneHosts);
    });

    it('maps clusters with summary totals, usage from their hosts and HA/DRS', () => {
      const sample = vcsim.samples.cluster!;
      const cluster = inventory.rows.clusters.find(
        c => c.name === sample.name,
      )!;
      expect(cluster).toEqual({
        id: `${VCENTER_ID}:${sample.moref}`,
        vcenterId: VCENTER_ID,
        moref: sample.moref,
        name: sample.name,
        hostCount: sample.hostCount,
        cpuTotalMhz: sample.totalCpuMhz,
        cpuUsagePercent: round1(
          (sample.hostsCpuUsageMhz / sample.totalCpuMhz) * 100,
        ),
        memoryTotalBytes: sample.totalMemoryBytes,
        memoryUsagePercent: round1(
          (sample.hostsMemoryUsageMb / (sample.totalMemoryBytes / 2 ** 20)) *
            100,
        ),
        storageCapacityBytes: sample.datastoreCapacityBytes,
        storageFreeBytes: sample.datastoreFreeBytes,
        haEnabled: sample.haEnabled,
        drsEnabled: sample.drsEnabled,
        // The launcher turns admission control and EVC on where HA is on (even cluster index).
        haAdmissionControlEnabled: sample.haEnabled,
        haAdmissionControlPolicy: sample.haEnabled
          ? 'ClusterFailoverLevelAdmissionControlPolicy'
          : undefined,
        drsAutomationLevel: 'fullyAutomated',
        evcMode: sample.haEnabled ? 'intel-broadwell' : undefined,
      });
    });

    it('maps datastores and datastore clusters with their members', () => {
      const ds = vcsim.samples.datastore!;
      const datastore = inventory.rows.datastores.find(
        d => d.moref === ds.moref,
      )!;
      expect(datastore).toMatchObject({
        name: ds.name,
        type: ds.type,
        capacityBytes: ds.capacityBytes,
        freeBytes: ds.freeBytes,
        usedPercent: round1(
          ((ds.capacityBytes - ds.freeBytes) / ds.capacityBytes) * 100,
        ),
        datastoreCluster: ds.datastoreCluster,
        shared: true,
        accessible: true,
      });
      expect(datastore.hosts).toHaveLength(ds.hostCount);

      const pod = vcsim.samples.datastoreCluster!;
      const row = inventory.rows['datastore-clusters'].find(
        p => p.moref === pod.moref,
      )!;
      expect(row).toMatchObject({
        name: pod.name,
        capacityBytes: pod.capacityBytes,
        freeBytes: pod.freeBytes,
      });
      expect([...row.datastores].sort()).toEqual([...pod.datastores].sort());
      expect(
        inventory.rows.datastores.filter(d => d.datastoreCluster),
      ).toHaveLength(vcsim.counts.datastoresInClusters);
    });

    it('maps distributed portgroups with VLAN and switch, and leaves uplinks out', () => {
      const pg = vcsim.samples.distributedPortgroup!;
      const row = inventory.rows.networks.find(n => n.moref === pg.moref)!;
      expect(row).toMatchObject({
        name: pg.name,
        type: 'distributed-portgroup',
        vlan: String(pg.vlanId),
        switchName: pg.switch,
      });
      expect(row.hosts).toHaveLength(pg.hostCount);
      expect(row.vms).toHaveLength(pg.vmCount);
      expect(
        inventory.rows.networks.filter(n => /DVUplinks/.test(n.name)),
      ).toEqual([]);
      const vmsOnNetworks = inventory.rows.networks.reduce(
        (n, net) => n + net.vms.length,
        0,
      );
      expect(vmsOnNetworks).toBe(inventory.rows.vms.length); // one NIC per VM
    });

    it('maps triggered alarms with names, entities and severities', () => {
      const sample = vcsim.samples.alarm!;
      const alarm = inventory.rows.alarms.find(a => a.moref === sample.key)!;
      expect(alarm).toMatchObject({
        name: sample.alarmName,
        entityName: sample.entityName,
        entityType: sample.entityType,
        severity: sample.severity,
        acknowledged: sample.acknowledged,
      });
      expect(Date.parse(alarm.triggeredAt!)).toBe(Date.parse(sample.time));
      const count = (severity: string) =>
        inventory.rows.alarms.filter(a => a.severity === severity).length;
      expect(count('red')).toBe(vcsim.counts.redAlarms);
      expect(count('yellow')).toBe(vcsim.counts.yellowAlarms);
      expect(inventory.rows.alarms.filter(a => a.acknowledged)).toHaveLength(
        vcsim.counts.acknowledgedAlarms,
      );
    });

    it('maps recent tasks (a failed one included) and events', () => {
      const failed = inventory.rows.tasks.filter(t => t.state === 'error');
      expect(failed.length).toBeGreaterThanOrEqual(1);
      expect(failed[0]).toMatchObject({
        name: 'VirtualMachine.powerOn',
        error: expect.stringContaining('InvalidPowerState'),
      });
      expect(inventory.rows.tasks.every(t => t.queuedAt && t.state)).toBe(true);
      const poweredOn = inventory.rows.events.filter(
        e => e.eventType === 'VmPoweredOnEvent',
      );
      expect(poweredOn.length).toBeGreaterThan(0);
      expect(inventory.rows.vms.map(v => v.name)).toContain(
        poweredOn[0].entityName,
      );
      expect(poweredOn[0].message).toBeTruthy();
    });

    it.each([50, 7, 1])(
      'reads the same inventory with pages of %i objects',
      async pageSize => {
        const paged = await fetcher(pageSize).fetch();
        expect(withoutEvents(paged.rows)).toEqual(
          withoutEvents(inventory.rows),
        );
        const expected = expectedRoundTrips(
          vcsim.topology,
          peer.containers,
          paged,
          pageSize,
        );
        expect(paged.retrieveRoundTrips).toBe(expected.retrieve);
        expect(paged.roundTrips).toBe(expected.total);
      },
    );

    it('logs in again once when the session ends mid-fetch, and still reads everything', async () => {
      // The session ends right after the second page of VMs; the third page fails with NotAuthenticated.
      await vcsim.terminateSessions({ afterRetrieveCalls: 2 });
      const renewed = await fetcher(
        Math.ceil(inventory.rows.vms.length / 3),
      ).fetch();
      expect(renewed.relogins).toBe(1);
      expect(withoutEvents(renewed.rows)).toEqual(
        withoutEvents(inventory.rows),
      );
      expect((await vcsim.stats()).sessions).toBe(0);
    });
  },
);

describe('VsphereInventoryFetcher failures', () => {
  let vcsim: VcsimInstance;

  beforeAll(async () => {
    vcsim = await startVcsim({ hostsPerCluster: 1, vmsPerHost: 1 });
  });

  afterAll(async () => {
    await vcsim?.stop();
  });

  it('reads a vCenter without triggered alarms as having none', async () => {
    expect(vcsim.counts.triggeredAlarms).toBe(0);
    const inventory = await VsphereInventoryFetcher.create({
      vcenterId: VCENTER_ID,
      url: vcsim.url,
      username: vcsim.username,
      password: vcsim.password,
      tls: { ca: vcsim.certificatePem },
    }).fetch();
    expect(inventory.rows.alarms).toEqual([]);
  });

  it('fails with a readable auth error, without the password, on a wrong password', async () => {
    const password = 'not-the-Pa55word';
    const fetch = VsphereInventoryFetcher.create({
      vcenterId: VCENTER_ID,
      url: vcsim.url,
      username: vcsim.username,
      password,
      tls: { ca: vcsim.certificatePem },
    }).fetch();
    await expect(fetch).rejects.toThrow(UpstreamError);
    await expect(fetch).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(
        /rejected the login of "vcsim-user" \(InvalidLogin/,
      ),
    });
    await expect(fetch).rejects.not.toMatchObject({
      message: expect.stringContaining(password),
    });
  });

  it('fails with a readable network error when the vCenter is down', async () => {
    const stopped = await startVcsim({ hostsPerCluster: 1, vmsPerHost: 1 });
    await stopped.stop();
    const fetch = VsphereInventoryFetcher.create({
      vcenterId: VCENTER_ID,
      url: stopped.url,
      username: stopped.username,
      password: stopped.password,
      tls: { ca: stopped.certificatePem },
      retries: 0,
    }).fetch();
    await expect(fetch).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringMatching(
        /^Could not reach vCenter 127\.0\.0\.1:\d+ .*ECONNREFUSED/,
      ),
    });
  });
});
