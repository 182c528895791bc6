import { startVcsim, type VcsimInstance } from '@vcf-backstage/vcsim';
import type { VcsimTopology } from '@vcf-backstage/vcsim';
import {
  createMigratedDatabase,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import { insertVcenter } from '../__testUtils__/inventoryFixtures';
import { runVsphereTasks } from '../__testUtils__/vsphereTasks';
import { VsphereInventoryFetcher, xmlChildren } from '../clients/vsphere';
import { DatabaseInventoryStore } from './DatabaseInventoryStore';

const databases = createVcfTestDatabases();

const TOPOLOGIES: Array<[string, Partial<VcsimTopology>]> = [
  [
    'one datacenter with standalone hosts',
    {
      datacenters: 1,
      clustersPerDatacenter: 1,
      hostsPerCluster: 2,
      vmsPerHost: 10,
      standaloneHostsPerDatacenter: 1,
    },
  ],
  [
    'two datacenters',
    {
      datacenters: 2,
      clustersPerDatacenter: 2,
      hostsPerCluster: 2,
      vmsPerHost: 10,
    },
  ],
];

describe.each(TOPOLOGIES)(
  'the change feed against vcsim, %s',
  (_name, topology) => {
    let vcsim: VcsimInstance;

    beforeAll(async () => {
      vcsim = await startVcsim(topology);
    });

    afterAll(async () => {
      await vcsim?.stop();
    });

    it.each(databases.eachSupportedId())(
      'records a VM powered off, a host put in maintenance and a VM removed between two syncs, each once (%p)',
      async databaseId => {
        const knex = await createMigratedDatabase(databases, databaseId);
        await insertVcenter(knex, 'vc');
        const store = DatabaseInventoryStore.create({ db: knex });
        const sync = async () =>
          store.replaceVcenterInventory(
            'vc',
            (
              await VsphereInventoryFetcher.create({
                vcenterId: 'vc',
                url: vcsim.url,
                username: vcsim.username,
                password: vcsim.password,
                tls: { ca: vcsim.certificatePem },
                pageSize: 7,
              }).fetch()
            ).rows,
          );
        await sync();
        expect((await store.listChanges({})).totalCount).toBe(0);

        const vms = (
          await store.list('vms', {
            vcenterId: 'vc',
            limit: 500,
            orderBy: 'moref',
          })
        ).items;
        const hosts = (
          await store.list('hosts', {
            vcenterId: 'vc',
            limit: 500,
            orderBy: 'moref',
          })
        ).items;
        const poweredOn = vms.find(v => v.powerState === 'poweredOn')!;
        const removed = vms.find(
          v => v.powerState === 'poweredOff' && !v.template,
        )!;
        const host = hosts.find(
          h => !h.inMaintenanceMode && h.moref !== poweredOn.moref,
        )!;
        const vmRef = (moref: string) => ({
          type: 'VirtualMachine',
          value: moref,
        });
        await runVsphereTasks(vcsim, [
          ['PowerOffVM_Task', vmRef(poweredOn.moref)],
          ['Destroy_Task', vmRef(removed.moref)],
          [
            'EnterMaintenanceMode_Task',
            { type: 'HostSystem', value: host.moref },
            xmlChildren([['timeout', 0]]),
          ],
        ]);
        try {
          await sync();
          // A third sync of the same state adds nothing.
          await sync();
          const { items } = await store.listChanges({ limit: 500 });
          const seen = (objectId: string, field: string) =>
            items.filter(c => c.objectId === objectId && c.field === field);
          expect(seen(poweredOn.id, 'powerState')).toEqual([
            expect.objectContaining({
              before: 'poweredOn',
              after: 'poweredOff',
              objectName: poweredOn.name,
            }),
          ]);
          expect(seen(host.id, 'inMaintenanceMode')).toEqual([
            expect.objectContaining({
              before: 'false',
              after: 'true',
              objectName: host.name,
            }),
          ]);
          expect(seen(removed.id, 'object')).toEqual([
            expect.objectContaining({
              change: 'removed',
              kind: 'vms',
              objectName: removed.name,
            }),
          ]);
          // The removed VM's disks and NICs went with it.
          const diskChanges = (
            await store.listChanges({ kind: 'vm-disks', limit: 500 })
          ).items;
          expect(diskChanges.length).toBeGreaterThan(0);
          expect(
            diskChanges.every(
              c =>
                c.change === 'removed' &&
                c.objectId.startsWith(`${removed.id}/`),
            ),
          ).toBe(true);
        } finally {
          // Back to the launched state for the other database's run.
          await runVsphereTasks(vcsim, [
            ['PowerOnVM_Task', vmRef(poweredOn.moref)],
            [
              'ExitMaintenanceMode_Task',
              { type: 'HostSystem', value: host.moref },
              xmlChildren([['timeout', 0]]),
            ],
          ]);
        }
      },
    );
  },
);
