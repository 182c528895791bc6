import { mockServices } from '@backstage/backend-test-utils';
import { startVcsim, type VcsimInstance } from '@vcf-backstage/vcsim';
import {
  startVcfSimulator,
  type VcfSimulator,
} from '@vcf-backstage/vcf-simulator';
import {
  INVENTORY_KINDS,
  type InventoryKind,
} from '@vcf-backstage/plugin-vcf-common';
import type { VcenterDefinition } from '../config/readVcfConfig';
import {
  startCuttingProxy,
  type CuttingProxy,
} from '../__testUtils__/cuttingProxy';
import {
  createMigratedDatabase,
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import { DatabaseCredentialStore } from '../credentials/DatabaseCredentialStore';
import { CredentialSyncRunner } from '../credentials/CredentialSyncRunner';
import { DatabaseEnvironmentStore } from '../environments/DatabaseEnvironmentStore';
import { EnvironmentService } from '../environments/EnvironmentService';
import { DatabaseSyncTargetStore } from '../sync/DatabaseSyncTargetStore';
import { SyncDispatcher } from '../sync/SyncDispatcher';
import { DatabaseVcenterStore } from '../vcenters/DatabaseVcenterStore';
import { VcenterDiscovery } from '../vcenters/VcenterDiscovery';
import { VcenterDiscoveryService } from '../vcenters/VcenterDiscoveryService';
import { inventoryTargetId, VcenterService } from '../vcenters/VcenterService';
import { DatabaseInventoryStore } from './DatabaseInventoryStore';
import { InventorySyncRunner } from './InventorySyncRunner';

const databases = createVcfTestDatabases();

/** Every call of a logger mock, as one string, to search for secrets. */
function loggedText(
  logger: ReturnType<typeof mockServices.logger.mock>,
): string {
  const calls = ['debug', 'info', 'warn', 'error'].flatMap(
    level => (logger as any)[level].mock.calls,
  );
  return JSON.stringify(calls);
}

describe('inventory sync against vcsim', () => {
  /** One datacenter with standalone hosts, a datastore cluster, both kinds of portgroups, snapshots, alarms. */
  let east: VcsimInstance;
  /** Two datacenters, every datastore in a datastore cluster, distributed portgroups only. */
  let west: VcsimInstance;
  /** A small vCenter behind a proxy the tests cut, with an SSO-style user for discovery. */
  let lab: VcsimInstance;
  let labProxy: CuttingProxy;
  let simulator: VcfSimulator;

  beforeAll(async () => {
    [east, west, lab] = await Promise.all([
      startVcsim({
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
        snapshots: 6,
        alarms: 7,
      }),
      startVcsim({
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
        snapshots: 4,
        alarms: 10,
      }),
      startVcsim({
        hostsPerCluster: 2,
        vmsPerHost: 5,
        snapshots: 2,
        alarms: 2,
        username: 'administrator@vsphere.local',
      }),
    ]);
    simulator = await startVcfSimulator({
      seed: 'inventory',
      environments: [
        {
          id: 'disc',
          credentialCount: 30,
          vcenters: [
            {
              fqdn: new URL(lab.url).host,
              ssoUsername: lab.username,
              ssoPassword: lab.password,
            },
          ],
        },
      ],
    });
  });

  afterAll(async () => {
    await Promise.all([
      east?.stop(),
      west?.stop(),
      lab?.stop(),
      simulator?.stop(),
    ]);
  });

  beforeEach(async () => {
    labProxy = await startCuttingProxy(lab.url);
  });
  afterEach(async () => {
    await labProxy.close();
  });

  function vcenter(
    id: string,
    vcsim: VcsimInstance,
    overrides: Partial<VcenterDefinition> = {},
  ): VcenterDefinition {
    return {
      id,
      title: id,
      baseUrl: vcsim.url,
      username: vcsim.username,
      password: vcsim.password,
      enabled: true,
      tls: { verify: true, ca: vcsim.certificatePem },
      intervalMinutes: 15,
      ...overrides,
    };
  }

  /** What vcsim built, as inventory row counts. */
  function expectedCounts(
    vcsim: VcsimInstance,
  ): Partial<Record<InventoryKind, number>> {
    const c = vcsim.counts;
    return {
      vms: c.vms,
      hosts: c.hosts,
      clusters: c.clusters,
      datastores: c.datastores,
      'datastore-clusters': c.datastoreClusters,
      networks:
        c.standardPortgroups + c.distributedPortgroups + c.distributedSwitches,
      snapshots: c.snapshots,
      alarms: c.triggeredAlarms,
    };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await createMigratedDatabase(databases, databaseId);
      const cipher = createTestCipher();
      const logger = mockServices.logger.mock();
      const environments = DatabaseEnvironmentStore.create({
        db: knex,
        cipher,
      });
      const credentials = DatabaseCredentialStore.create({
        db: knex,
        cipher,
      });
      const syncTargets = DatabaseSyncTargetStore.create({ db: knex });
      const vcenters = DatabaseVcenterStore.create({
        db: knex,
        cipher,
      });
      const inventory = DatabaseInventoryStore.create({ db: knex });
      const clientSettings = { retries: 0, timeoutMs: 10_000 };
      const environmentService = new EnvironmentService({
        environments,
        credentials,
        syncTargets,
        logger,
      });
      const service = new VcenterService({
        vcenters,
        inventory,
        environments,
        credentials,
        syncTargets,
        logger,
        clientSettings,
      });
      const discoveryService = new VcenterDiscoveryService({
        vcenters,
        environments,
        syncTargets,
        discovery: new VcenterDiscovery({
          environments,
          credentials,
          logger,
          clientSettings,
        }),
        logger,
      });
      const dispatcher = new SyncDispatcher({
        store: syncTargets,
        runners: [
          new CredentialSyncRunner({
            environments,
            credentials,
            clientSettings,
          }),
          new InventorySyncRunner({
            connections: service,
            vcenters,
            inventory,
            clientSettings,
          }),
        ],
        logger,
        concurrency: 4,
        leaseSeconds: 60,
        onRunFinished: run => discoveryService.afterSyncRun(run),
      });
      const syncAll = async () => {
        await syncTargets.requestAllRuns();
        await dispatcher.runDueTargets();
      };
      /** Every stored row of a vCenter, by kind. */
      const snapshot = async (vcenterId: string) =>
        Object.fromEntries(
          await Promise.all(
            INVENTORY_KINDS.map(async kind => [
              kind,
              (
                await inventory.list(kind, {
                  vcenterId,
                  limit: 500,
                  orderBy: 'moref',
                })
              ).items,
            ]),
          ),
        );
      return {
        knex,
        logger,
        environmentService,
        service,
        discoveryService,
        inventory,
        syncTargets,
        syncAll,
        snapshot,
      };
    }

    it('syncs two vCenters of different topologies in parallel and stores what vcsim reports', async () => {
      const { service, inventory, syncTargets, syncAll, logger } =
        await setup();
      await service.applyConfig([vcenter('east', east), vcenter('west', west)]);
      await syncAll();

      for (const [id, vcsim] of [
        ['east', east],
        ['west', west],
      ] as const) {
        const target = await syncTargets.getTarget(inventoryTargetId(id));
        expect({
          id,
          status: target?.status,
          error: target?.lastError,
        }).toEqual({ id, status: 'succeeded', error: undefined });
        const expected = expectedCounts(vcsim);
        expect(await inventory.counts({ vcenterId: id })).toMatchObject(
          expected,
        );
        expect(target?.lastCounts).toMatchObject(expected);
        // Login, views, at least one page per kind, logout: the run keeps its round trips.
        expect(target?.lastCounts?.roundTrips).toBeGreaterThan(
          Object.keys(expected).length,
        );
        expect(await inventory.alarmsBySeverity({ vcenterId: id })).toEqual({
          red: vcsim.counts.redAlarms,
          yellow: vcsim.counts.yellowAlarms,
        });
      }

      // Both runs were under way at the same time.
      const runs = await syncTargets.listRuns(
        ['inventory:east', 'inventory:west'],
        { offset: 0, limit: 10 },
      );
      expect(runs.items).toHaveLength(2);
      const [a, b] = runs.items.map(r => ({
        start: Date.parse(r.startedAt),
        end: Date.parse(r.finishedAt!),
      }));
      expect(a.start).toBeLessThanOrEqual(b.end);
      expect(b.start).toBeLessThanOrEqual(a.end);

      const summaries = await service.list();
      expect(
        summaries.map(v => [v.id, v.apiVersion, v.sync.status, v.counts.vms]),
      ).toEqual([
        ['east', '6.5', 'succeeded', east.counts.vms],
        ['west', '6.5', 'succeeded', west.counts.vms],
      ]);
      // about.instanceUuid is kept, so the vSphere Client can be opened at an object.
      for (const summary of summaries) {
        expect(summary.instanceUuid).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
        );
      }
      expect(loggedText(logger)).not.toContain(east.password);
    });

    it('stores the key fields of VMs, hosts, datastore clusters, distributed portgroups, snapshots and alarms', async () => {
      const { service, inventory, syncAll } = await setup();
      await service.applyConfig([vcenter('east', east), vcenter('west', west)]);
      await syncAll();

      for (const [id, vcsim] of [
        ['east', east],
        ['west', west],
      ] as const) {
        const { vm, host, datastoreCluster, distributedPortgroup, alarm } =
          vcsim.samples;
        const [vmRow] = (
          await inventory.list('vms', { vcenterId: id, q: vm!.name })
        ).items.filter(v => v.name === vm!.name);
        expect(vmRow).toMatchObject({
          id: `${id}:${vm!.moref}`,
          powerState: vm!.powerState,
          host: vm!.host,
          cluster: vm!.cluster,
          numCpu: vm!.numCpu,
          memoryMb: vm!.memoryMb,
          cpuUsageMhz: vm!.cpuUsageMhz,
          committedBytes: vm!.committedBytes,
          datastores: vm!.datastores,
          networks: vm!.networks,
          snapshotCount: vm!.snapshotCount,
          uuid: vm!.uuid,
        });
        expect(vmRow.ipAddresses[0]).toBe(vm!.ipAddress);
        // The IP address finds the VM across vCenters.
        expect(
          (await inventory.list('vms', { q: vm!.ipAddress })).items.map(
            v => v.id,
          ),
        ).toContain(vmRow.id);

        const [hostRow] = (
          await inventory.list('hosts', { vcenterId: id, q: host!.name })
        ).items.filter(h => h.name === host!.name);
        expect(hostRow).toMatchObject({
          moref: host!.moref,
          cluster: host!.cluster,
          cpuCores: host!.cpuCores,
          memoryBytes: host!.memoryBytes,
        });

        const pods = (
          await inventory.list('datastore-clusters', { vcenterId: id })
        ).items;
        const pod = pods.find(p => p.moref === datastoreCluster!.moref)!;
        expect(pod).toMatchObject({
          name: datastoreCluster!.name,
          capacityBytes: datastoreCluster!.capacityBytes,
          freeBytes: datastoreCluster!.freeBytes,
        });
        expect([...pod.datastores].sort()).toEqual(
          [...datastoreCluster!.datastores].sort(),
        );
        const inPods = await inventory.list('datastores', {
          vcenterId: id,
          q: datastoreCluster!.name,
          limit: 100,
        });
        expect(
          inPods.items
            .filter(d => d.datastoreCluster === datastoreCluster!.name)
            .map(d => d.name)
            .sort(),
        ).toEqual([...datastoreCluster!.datastores].sort());

        const networks = (
          await inventory.list('networks', { vcenterId: id, limit: 500 })
        ).items;
        expect(
          networks.find(n => n.moref === distributedPortgroup!.moref),
        ).toMatchObject({
          type: 'distributed-portgroup',
          vlan: String(distributedPortgroup!.vlanId),
          switchName: distributedPortgroup!.switch,
        });
        expect(
          networks.filter(n => n.type === 'distributed-portgroup'),
        ).toHaveLength(vcsim.counts.distributedPortgroups);

        const snapshots = (
          await inventory.list('snapshots', { vcenterId: id, limit: 500 })
        ).items;
        expect(new Set(snapshots.map(s => s.vm)).size).toBe(
          vcsim.counts.vmsWithSnapshots,
        );
        expect(
          snapshots.every(s => s.createdAt && s.ageDays !== undefined),
        ).toBe(true);

        const alarms = await inventory.list('alarms', {
          vcenterId: id,
          severity: alarm!.severity,
          limit: 500,
        });
        expect(alarms.items.find(a => a.moref === alarm!.key)).toMatchObject({
          name: alarm!.alarmName,
          entityName: alarm!.entityName,
          entityType: alarm!.entityType,
          acknowledged: alarm!.acknowledged,
        });
        expect(
          (await inventory.list('tasks', { vcenterId: id })).totalCount,
        ).toBeGreaterThan(0);
        expect(
          (await inventory.list('events', { vcenterId: id })).totalCount,
        ).toBeGreaterThan(0);
      }
      const topVm = await inventory.top({
        type: 'vm',
        metric: 'cpu',
        limit: 1,
        scope: {},
      });
      const maxCpu = Math.max(
        ...(
          await inventory.list('vms', {
            orderBy: 'cpuUsageMhz',
            order: 'desc',
            limit: 1,
          })
        ).items.map(v => v.cpuUsageMhz!),
      );
      expect(topVm[0].value).toBe(maxCpu);
    });

    it('keeps the last good inventory and shows a readable error after a wrong password', async () => {
      const { service, syncTargets, syncAll, snapshot, logger } = await setup();
      await service.create({ ...vcenter('lab', lab), baseUrl: labProxy.url });
      await syncAll();
      const before = await snapshot('lab');
      expect(before.vms).toHaveLength(lab.counts.vms);

      const wrong = 'Wrong-Pa55word-e1c9';
      await service.update({
        ...vcenter('lab', lab),
        baseUrl: labProxy.url,
        password: wrong,
      });
      await syncAll();
      const target = await syncTargets.getTarget('inventory:lab');
      expect(target).toMatchObject({
        status: 'failed',
        lastError: expect.stringMatching(
          /rejected the login of "administrator@vsphere.local"/,
        ),
      });
      expect(target?.lastError).not.toContain(wrong);
      expect(target?.lastSucceededAt).toBeDefined();
      expect(await snapshot('lab')).toEqual(before);
      expect(loggedText(logger)).not.toContain(wrong);
      expect((await service.testConnection('lab')).results[0]).toMatchObject({
        ok: false,
        message: expect.stringMatching(/InvalidLogin/),
      });
    });

    it('keeps the last good inventory when the vCenter goes away in the middle of a sync, and when it is stopped', async () => {
      const { service, syncTargets, syncAll, snapshot } = await setup();
      await service.create({ ...vcenter('lab', lab), baseUrl: labProxy.url });
      const bytesBefore = labProxy.bytesFromClients;
      await syncAll();
      const bytesOfOneSync = labProxy.bytesFromClients - bytesBefore;
      const before = await snapshot('lab');

      labProxy.cutAfter(Math.floor(bytesOfOneSync / 2));
      await syncAll();
      const cut = await syncTargets.getTarget('inventory:lab');
      expect(cut).toMatchObject({
        status: 'failed',
        lastError: expect.stringMatching(/vCenter 127\.0\.0\.1:\d+/),
      });
      expect(await snapshot('lab')).toEqual(before);

      // The proxy is closed now: the address refuses connections, as a stopped vCenter's would.
      await syncAll();
      expect((await syncTargets.getTarget('inventory:lab'))?.lastError).toMatch(
        /Could not reach vCenter .*ECONNREFUSED/,
      );
      expect(await snapshot('lab')).toEqual(before);
      const runs = await syncTargets.listRuns(['inventory:lab'], {
        offset: 0,
        limit: 10,
      });
      expect(runs.items.map(r => r.status)).toEqual([
        'failed',
        'failed',
        'succeeded',
      ]);
    });

    it('logs in again when the session is killed mid-sync and stores the complete inventory', async () => {
      const { service, syncTargets, syncAll, snapshot } = await setup();
      await service.applyConfig([vcenter('lab', lab)]);
      await syncAll();
      const before = await snapshot('lab');
      await lab.terminateSessions({ afterRetrieveCalls: 2 });
      await syncAll();
      expect(await syncTargets.getTarget('inventory:lab')).toMatchObject({
        status: 'succeeded',
      });
      expect((await lab.stats()).terminatedSessions).toBeGreaterThan(0);
      const after = await snapshot('lab');
      for (const kind of [
        'vms',
        'hosts',
        'clusters',
        'datastores',
        'datastore-clusters',
        'networks',
        'snapshots',
        'alarms',
      ]) {
        expect({ kind, rows: after[kind] }).toEqual({
          kind,
          rows: before[kind],
        });
      }
    });

    it('stops syncing a disabled vCenter and syncs it again once enabled', async () => {
      const { service, syncTargets, syncAll, inventory } = await setup();
      await service.create(vcenter('lab', lab));
      await syncAll();
      await service.update({
        ...vcenter('lab', lab),
        password: undefined,
        enabled: false,
      });
      expect((await service.get('lab')).sync.status).toBe('disabled');
      await syncAll();
      await syncAll();
      expect(
        (
          await syncTargets.listRuns(['inventory:lab'], {
            offset: 0,
            limit: 10,
          })
        ).totalCount,
      ).toBe(1);
      await expect(
        service.requestSync('lab', 'user:default/alice'),
      ).rejects.toThrow(/disabled/);
      expect((await inventory.counts({ vcenterId: 'lab' })).vms).toBe(
        lab.counts.vms,
      );

      await service.update({
        ...vcenter('lab', lab),
        password: undefined,
        enabled: true,
      });
      await syncAll();
      expect(
        (
          await syncTargets.listRuns(['inventory:lab'], {
            offset: 0,
            limit: 10,
          })
        ).totalCount,
      ).toBe(2);
      expect((await service.get('lab')).sync.status).toBe('succeeded');
    });

    it('discovers a vCenter from SDDC Manager and reads it with the SSO credential synced for it', async () => {
      const {
        environmentService,
        service,
        discoveryService,
        syncTargets,
        syncAll,
        inventory,
      } = await setup();
      const env = simulator.environments[0];
      const sddcManager = (discoverVcenters: boolean) => ({
        id: 'disc',
        title: 'Discovery',
        owner: 'group:default/disc',
        discoverVcenters,
        endpoints: {
          'sddc-manager': {
            baseUrl: env.sddcManagerUrl,
            username: env.sddcManagerServiceAccount.username,
            password: env.sddcManagerServiceAccount.password,
            // SDDC Manager's and the vCenter's CAs, as a VCF estate would trust its VMCA.
            tls: {
              verify: true,
              ca: `${simulator.certificatePem}\n${lab.certificatePem}`,
            },
            intervalMinutes: 30,
          },
        },
      });
      await environmentService.applyConfig([sddcManager(true)]);
      await service.applyConfig([]);
      await syncAll();

      const [discovered] = await service.list();
      expect(discovered).toMatchObject({
        id: `disc.${new URL(lab.url).host.replace(':', '-')}`,
        managedBy: 'discovered',
        environmentId: 'disc',
        owner: 'group:default/disc',
        username: 'administrator@vsphere.local',
        sync: { status: 'succeeded' },
        counts: { vms: lab.counts.vms, hosts: lab.counts.hosts },
      });
      expect((await inventory.counts({ environmentId: 'disc' })).vms).toBe(
        lab.counts.vms,
      );
      expect(await service.testConnection(discovered.id)).toMatchObject({
        ok: true,
      });

      // As at startup: the environment stops discovering, its discovered vCenters go, then vcf.vcenters applies.
      await environmentService.applyConfig([sddcManager(false)]);
      await discoveryService.pruneDiscovered();
      await service.applyConfig([]);
      expect(await service.list()).toEqual([]);
      expect(await syncTargets.listTargets({ kind: 'inventory' })).toEqual([]);
      expect((await inventory.counts({})).vms).toBe(0);
    });
  });
});
