import { mockServices } from '@backstage/backend-test-utils';
import { startVcsim, type VcsimInstance } from '@vcf-backstage/vcsim';
import {
  INVENTORY_KINDS,
  type InventoryKind,
} from '@vcf-backstage/plugin-vcf-common';
import type { Knex } from 'knex';
import {
  startSoapFaultProxy,
  type SoapFaultProxy,
} from '../__testUtils__/soapFaultProxy';
import {
  createMigratedDatabase,
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import type { VcenterConnection } from '../clients/vsphere/VsphereConnection';
import { DatabaseVcenterStore } from '../vcenters/DatabaseVcenterStore';
import type { SyncTarget } from '../sync/SyncTargetStore';
import { DatabaseInventoryStore } from './DatabaseInventoryStore';
import { InventorySyncRunner } from './InventorySyncRunner';
import type { InventoryStore, StagedInventory } from './InventoryStore';
import { stagingTableOf } from './StagedVcenterInventory';

const databases = createVcfTestDatabases();

/** 24 VMs read 2 per page: the VM retrieval takes exactly 12 pages. */
const VM_PAGES = 12;

function target(vcenterId: string): SyncTarget {
  return {
    id: `inventory:${vcenterId}`,
    kind: 'inventory',
    vcenterId,
    enabled: true,
    intervalSeconds: 900,
    nextRunAt: new Date().toISOString(),
    status: 'never',
  };
}

/**
 * The store, with every staged inventory it hands out wrapped by `wrap` (to watch or measure the pages).
 */
function watchedStore(
  store: DatabaseInventoryStore,
  wrap: (staged: StagedInventory) => StagedInventory,
): InventoryStore {
  return Object.assign(Object.create(store), {
    stageVcenterInventory: async (vcenterId: string) =>
      wrap(await store.stageVcenterInventory(vcenterId)),
  });
}

/** Every stored row of a vCenter, by kind, in moref order. */
async function storedInventory(store: InventoryStore, vcenterId: string) {
  const result: Record<string, unknown[]> = {};
  for (const kind of INVENTORY_KINDS) {
    const rows: unknown[] = [];
    for await (const row of store.iterate(kind, {
      vcenterId,
      orderBy: 'moref',
    })) {
      rows.push(row);
    }
    result[kind] = rows;
  }
  return result;
}

async function stagingRowCount(knex: Knex): Promise<number> {
  let total = 0;
  for (const kind of INVENTORY_KINDS) {
    const [{ count }] = await knex(stagingTableOf(kind)).count({
      count: '*',
    });
    total += Number(count);
  }
  const [{ count }] = await knex('inventory_staging_changes').count({
    count: '*',
  });
  return total + Number(count);
}

describe('streamed inventory sync against vcsim', () => {
  let vcsim: VcsimInstance;
  let proxy: SoapFaultProxy;

  beforeAll(async () => {
    vcsim = await startVcsim({
      hostsPerCluster: 3,
      vmsPerHost: 8,
      snapshots: 3,
      alarms: 2,
    });
  });
  afterAll(async () => {
    await vcsim?.stop();
  });
  beforeEach(async () => {
    proxy = await startSoapFaultProxy(vcsim.url, vcsim.certificatePem);
  });
  afterEach(async () => {
    await proxy.close();
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(wrap: (s: StagedInventory) => StagedInventory) {
      const knex = await createMigratedDatabase(databases, databaseId);
      const vcenters = DatabaseVcenterStore.create({
        db: knex,
        cipher: createTestCipher(),
      });
      await vcenters.create({
        id: 'vc',
        title: 'vc',
        baseUrl: proxy.url,
        username: vcsim.username,
        password: vcsim.password,
        enabled: true,
        tls: { verify: true },
        intervalMinutes: 15,
      });
      const store = DatabaseInventoryStore.create({ db: knex });
      const connection: VcenterConnection = {
        baseUrl: proxy.url,
        username: vcsim.username,
        password: vcsim.password,
        tls: { verify: true },
      };
      const runner = new InventorySyncRunner({
        connections: { resolveConnection: async () => connection },
        vcenters,
        inventory: watchedStore(store, wrap),
        clientSettings: {
          pageSize: vcsim.counts.vms / VM_PAGES,
          retries: 0,
          timeoutMs: 30_000,
        },
      });
      const sync = () =>
        runner.run(target('vc'), { logger: mockServices.logger.mock() });
      return { knex, store, sync };
    }

    it('keeps the previous inventory whole when page 7 of 12 fails, and stages nothing after it', async () => {
      expect(vcsim.counts.vms % VM_PAGES).toBe(0);
      let vmRowsStaged = 0;
      const { knex, store, sync } = await setup(staged => ({
        ...staged,
        write: async (kind, rows) => {
          if (kind === 'vms') vmRowsStaged += rows.length;
          await staged.write(kind, rows);
        },
        restart: kinds => staged.restart(kinds),
        commit: () => staged.commit(),
        abort: () => staged.abort(),
      }));

      await sync();
      const vmRetrieval = proxy.calls.indexOf(
        'RetrievePropertiesEx:VirtualMachine',
      );
      const vmPages = proxy.calls
        .slice(vmRetrieval + 1)
        .findIndex(call => call !== 'ContinueRetrievePropertiesEx');
      expect(vmPages + 1).toBe(VM_PAGES);
      const retrievalsBeforeVms = proxy.calls
        .slice(0, vmRetrieval)
        .filter(call => call.includes('RetrievePropertiesEx')).length;
      const before = await storedInventory(store, 'vc');
      expect(before.vms).toHaveLength(vcsim.counts.vms);
      const changesBefore = await store.listChanges({ limit: 1000 });

      proxy.calls.length = 0;
      vmRowsStaged = 0;
      proxy.failRetrieveCall(retrievalsBeforeVms + 7);
      await expect(sync()).rejects.toThrow(/Injected fault|SystemError/);

      // Pages 1 to 6 were staged (the 7th was requested while the 6th was written), then discarded.
      expect(vmRowsStaged).toBe((vcsim.counts.vms / VM_PAGES) * 6);
      expect(await stagingRowCount(knex)).toBe(0);
      expect(await storedInventory(store, 'vc')).toEqual(before);
      expect(await store.listChanges({ limit: 1000 })).toEqual(changesBefore);

      // The next sync starts clean and stores the whole inventory again.
      await sync();
      expect(await storedInventory(store, 'vc')).toEqual(
        expect.objectContaining({ vms: before.vms, hosts: before.hosts }),
      );
      expect(await stagingRowCount(knex)).toBe(0);
    });
  });
});

describe('memory of a streamed inventory sync', () => {
  /** 5,000 VMs on 50 hosts. */
  let large: VcsimInstance;

  beforeAll(async () => {
    large = await startVcsim({
      clustersPerDatacenter: 5,
      hostsPerCluster: 10,
      vmsPerHost: 100,
    });
  });
  afterAll(async () => {
    await large?.stop();
  });

  it('retains no more than a bounded heap, whatever the number of VMs', async () => {
    const gc = exposeGc();
    const knex = await createMigratedDatabase(databases, 'SQLITE_3');
    const vcenters = DatabaseVcenterStore.create({
      db: knex,
      cipher: createTestCipher(),
    });
    await vcenters.create({
      id: 'big',
      title: 'big',
      baseUrl: large.url,
      username: large.username,
      password: large.password,
      enabled: true,
      tls: { verify: true, ca: large.certificatePem },
      intervalMinutes: 15,
    });
    const store = DatabaseInventoryStore.create({ db: knex });
    const retained = (): number => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    let vmWrites = 0;
    let largestVmWrite = 0;
    let atCommit = 0;
    const duringVmWrites: number[] = [];
    const runner = new InventorySyncRunner({
      connections: {
        resolveConnection: async () => ({
          baseUrl: large.url,
          username: large.username,
          password: large.password,
          tls: { verify: true, ca: large.certificatePem },
        }),
      },
      vcenters,
      inventory: watchedStore(store, staged => ({
        ...staged,
        write: async (kind: InventoryKind, rows: any[]) => {
          await staged.write(kind, rows);
          if (kind === 'vms') {
            vmWrites++;
            largestVmWrite = Math.max(largestVmWrite, rows.length);
          }
          // Measured after every 20th batch of VMs is written: what the sync still holds then.
          if (kind === 'vm-nics' && vmWrites % 20 === 0) {
            duringVmWrites.push(retained());
          }
        },
        restart: kinds => staged.restart(kinds),
        commit: async () => {
          atCommit = retained();
          return staged.commit();
        },
        abort: () => staged.abort(),
      })),
      clientSettings: { pageSize: 250, retries: 0, timeoutMs: 60_000 },
    });

    const baseline = retained();
    const { counts } = await runner.run(target('big'), {
      logger: mockServices.logger.mock(),
    });
    expect(counts.vms).toBe(large.counts.vms);
    expect(large.counts.vms).toBeGreaterThanOrEqual(5000);
    // VM rows are written in batches smaller than a page (250 here), at least one per page.
    expect(vmWrites).toBeGreaterThanOrEqual(Math.ceil(large.counts.vms / 250));
    expect(largestVmWrite).toBeLessThan(250);

    // Holding the inventory (its rows, or the parsed objects, or a name cut from each page's response text) takes
    // about 12 KiB per VM here, 60 MiB for these 5,000. The streamed sync holds the hosts, networks and folders,
    // one page, and of the VMs only their names and the vCPUs per host.
    const MiB = 2 ** 20;
    const first = duringVmWrites[0];
    const last = duringVmWrites[duringVmWrites.length - 1];
    expect(duringVmWrites).toHaveLength(Math.floor(vmWrites / 20));
    expect(last - first).toBeLessThan(4 * MiB);
    expect(Math.max(...duringVmWrites, atCommit) - baseline).toBeLessThan(
      32 * MiB,
    );
  });
});

/** `global.gc`, exposed at run time when node was started without `--expose-gc`. */
function exposeGc(): () => void {
  if (typeof global.gc === 'function') return global.gc as () => void;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('node:v8').setFlagsFromString('--expose-gc');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:vm').runInNewContext('gc');
}
