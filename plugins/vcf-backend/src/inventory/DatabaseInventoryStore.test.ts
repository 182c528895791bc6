import { InputError, NotFoundError } from '@backstage/errors';
import {
  INVENTORY_KINDS,
  type InventoryListQuery,
  type VmRow,
} from '@vcf-backstage/plugin-vcf-common';
import {
  createMigratedDatabase,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import { insertEnvironment } from '../__testUtils__/credentialFixtures';
import {
  insertVcenter,
  sampleInventory,
  vmRow,
} from '../__testUtils__/inventoryFixtures';
import { DatabaseInventoryStore } from './DatabaseInventoryStore';
import { INVENTORY_TABLES } from './inventoryTables';
import { insertBatchSize, stagingTableOf } from './StagedVcenterInventory';

const databases = createVcfTestDatabases();

const byId = (rows: Array<{ id: string }>) =>
  [...rows].sort((a, b) => a.id.localeCompare(b.id));

/** Byte order, as both databases sort these ASCII keys. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

describe.each(databases.eachSupportedId())(
  'DatabaseInventoryStore on %p',
  databaseId => {
    async function setup() {
      const knex = await createMigratedDatabase(databases, databaseId);
      await insertEnvironment(knex, 'east');
      await insertEnvironment(knex, 'west');
      await insertVcenter(knex, 'vc-a', { environmentId: 'east' });
      await insertVcenter(knex, 'vc-b', { environmentId: 'west' });
      return { knex, store: DatabaseInventoryStore.create({ db: knex }) };
    }

    it('stores every field of every kind and reads it back unchanged', async () => {
      const { store } = await setup();
      const rows = sampleInventory('vc-a');
      const counts = await store.replaceVcenterInventory('vc-a', rows);
      expect(counts).toEqual(
        Object.fromEntries(
          INVENTORY_KINDS.map(kind => [kind, rows[kind].length]),
        ),
      );
      for (const kind of INVENTORY_KINDS) {
        const page = await store.list(kind, { limit: 500 });
        expect({ kind, items: byId(page.items) }).toEqual({
          kind,
          items: byId(rows[kind]),
        });
        expect(page.totalCount).toBe(rows[kind].length);
      }
      const [vm] = (await store.list('vms', { q: 'vm-00001' })).items;
      expect(vm.committedBytes).toBe(2 ** 30 + 17);
      expect(vm.uncommittedBytes).toBe(2 ** 33);
    });

    it("replaces one vCenter's rows of every kind and leaves the other vCenter's alone", async () => {
      const { store } = await setup();
      await store.replaceVcenterInventory('vc-a', sampleInventory('vc-a', 5));
      await store.replaceVcenterInventory('vc-b', sampleInventory('vc-b', 2));
      const next = sampleInventory('vc-a', 1);
      next.alarms = [];
      await store.replaceVcenterInventory('vc-a', next);
      expect(await store.counts({ vcenterId: 'vc-a' })).toMatchObject({
        vms: 1,
        alarms: 0,
        hosts: 2,
      });
      expect(await store.counts({ vcenterId: 'vc-b' })).toMatchObject({
        vms: 2,
        alarms: 2,
        hosts: 2,
      });
    });

    it('keeps the last good inventory of every kind when a replace fails part-way', async () => {
      const { store } = await setup();
      const good = sampleInventory('vc-a', 4);
      await store.replaceVcenterInventory('vc-a', good);
      const broken = sampleInventory('vc-a', 10);
      // Valid VMs and hosts are written first; the events' NOT NULL violation comes last, in the same transaction.
      broken.events = [
        { ...broken.events[0], name: null as unknown as string },
      ];
      // Matched by message: better-sqlite3's errors may come from another realm than this test's Error.
      await expect(
        store.replaceVcenterInventory('vc-a', broken),
      ).rejects.toMatchObject({
        message: expect.stringMatching(/not[- ]null/i),
      });
      for (const kind of INVENTORY_KINDS) {
        expect({
          kind,
          items: byId((await store.list(kind, { limit: 500 })).items),
        }).toEqual({
          kind,
          items: byId(good[kind]),
        });
      }
    });

    it('shows staged pages only after commit, keeps the stored inventory on abort, and clears staging', async () => {
      const { knex, store } = await setup();
      const good = sampleInventory('vc-a', 4);
      await store.replaceVcenterInventory('vc-a', good);
      const next = sampleInventory('vc-a', 9);
      const stagingRows = async () => {
        let total = 0;
        for (const kind of INVENTORY_KINDS) {
          const [{ count }] = await knex(stagingTableOf(kind)).count({
            count: '*',
          });
          total += Number(count);
        }
        return total;
      };

      const aborted = await store.stageVcenterInventory('vc-a');
      const batch = insertBatchSize('vms');
      const many = sampleInventory('vc-a', 2 * batch + 7).vms;
      // Rows reach the staging table in the write that brings them (none wait in memory for more of their
      // kind), several INSERTs' worth at once too; readers still see the stored inventory.
      await aborted.write('vms', many.slice(0, 5));
      expect(await stagingRows()).toBe(5);
      await aborted.write('vms', many.slice(5));
      expect(await stagingRows()).toBe(2 * batch + 7);
      expect(byId((await store.list('vms', { limit: 500 })).items)).toEqual(
        byId(good.vms),
      );
      await aborted.abort();
      expect(await stagingRows()).toBe(0);
      expect(byId((await store.list('vms', { limit: 500 })).items)).toEqual(
        byId(good.vms),
      );
      await expect(aborted.write('vms', next.vms)).rejects.toThrow(
        /committed or aborted/,
      );

      const staged = await store.stageVcenterInventory('vc-a');
      for (const kind of INVENTORY_KINDS) {
        for (let i = 0; i < next[kind].length; i += 3) {
          await staged.write(kind, next[kind].slice(i, i + 3) as any);
        }
      }
      await staged.restart(['events']);
      await staged.write('events', next.events);
      expect(await staged.commit()).toEqual(
        Object.fromEntries(
          INVENTORY_KINDS.map(kind => [kind, next[kind].length]),
        ),
      );
      expect(await stagingRows()).toBe(0);
      for (const kind of INVENTORY_KINDS) {
        expect({
          kind,
          items: byId((await store.list(kind, { limit: 500 })).items),
        }).toEqual({ kind, items: byId(next[kind]) });
      }
    });

    it('has a staging table with the columns of each inventory table', async () => {
      const { knex } = await setup();
      for (const kind of INVENTORY_KINDS) {
        const live = Object.keys(
          await knex(INVENTORY_TABLES[kind].table).columnInfo(),
        ).sort();
        const staging = Object.keys(
          await knex(stagingTableOf(kind)).columnInfo(),
        ).sort();
        expect({ kind, columns: staging }).toEqual({ kind, columns: live });
      }
    });

    it('refuses to store the inventory of a vCenter that was removed during the sync', async () => {
      const { store } = await setup();
      await expect(
        store.replaceVcenterInventory('vc-gone', sampleInventory('vc-gone')),
      ).rejects.toThrow(NotFoundError);
      expect((await store.list('vms', {})).totalCount).toBe(0);
    });

    it('pages and sorts 10,000 VMs of two vCenters in SQL', async () => {
      const { store } = await setup();
      const vms = (vcenterId: string, count: number) =>
        Array.from({ length: count }, (_, i) =>
          vmRow(vcenterId, i + 1, { memoryMb: ((i * 7919) % 997) * 64 }),
        );
      const a = { ...sampleInventory('vc-a', 0), vms: vms('vc-a', 6000) };
      const b = { ...sampleInventory('vc-b', 0), vms: vms('vc-b', 4000) };
      await store.replaceVcenterInventory('vc-a', a);
      await store.replaceVcenterInventory('vc-b', b);

      const all = [...a.vms, ...b.vms];
      const expected = [...all].sort(
        (x, y) =>
          y.memoryMb! - x.memoryMb! ||
          compareText(y.vcenterId, x.vcenterId) ||
          compareText(y.moref, x.moref),
      );
      const page = await store.list('vms', {
        orderBy: 'memoryMb',
        order: 'desc',
        offset: 5000,
        limit: 100,
      });
      expect(page.totalCount).toBe(10_000);
      expect(page.items.map(v => v.id)).toEqual(
        expected.slice(5000, 5100).map(v => v.id),
      );

      const byName = await store.list('vms', {
        orderBy: 'name',
        offset: 9990,
        limit: 500,
      });
      expect(byName.items.map(v => v.id)).toEqual(
        [...all]
          .sort(
            (x, y) =>
              compareText(x.name, y.name) ||
              compareText(x.vcenterId, y.vcenterId),
          )
          .slice(9990)
          .map(v => v.id),
      );

      const poweredOffInB = await store.list('vms', {
        vcenterId: 'vc-b',
        powerState: 'poweredOff',
        limit: 1,
      });
      expect(poweredOffInB.totalCount).toBe(400);
      const exported: VmRow[] = [];
      for await (const vm of store.iterate('vms', {
        orderBy: 'memoryMb',
        order: 'desc',
        environmentId: 'east',
      })) {
        exported.push(vm);
      }
      expect(exported.map(v => v.id)).toEqual(
        expected.filter(v => v.vcenterId === 'vc-a').map(v => v.id),
      );
    });

    it('pages by cursor forwards and back through the same rows as by offset, in every sort, empty values last', async () => {
      const { store } = await setup();
      // The same 12 names in both vCenters (ties broken by vCenter, then moref); every third VM without a host
      // or a snapshot date, every fourth without a CPU count.
      const vms = (vcenterId: string) =>
        Array.from({ length: 12 }, (_, i) =>
          vmRow(vcenterId, i + 1, {
            host: (i + 1) % 3 ? `esxi-0${(i + 1) % 5}.example.test` : undefined,
            numCpu: (i + 1) % 4 || undefined,
            template: (i + 1) % 2 === 0,
          }),
        );
      const all = [...vms('vc-a'), ...vms('vc-b')];
      await store.replaceVcenterInventory('vc-a', {
        ...sampleInventory('vc-a', 0),
        vms: all.slice(0, 12),
      });
      await store.replaceVcenterInventory('vc-b', {
        ...sampleInventory('vc-b', 0),
        vms: all.slice(12),
      });
      const compare = (a: unknown, b: unknown) =>
        typeof a === 'number' && typeof b === 'number'
          ? a - b
          : compareText(String(a), String(b));
      /** The rows in a sort, computed here: values in order, ties by vCenter and moref, then the empty ones. */
      const sorted = (
        field: keyof VmRow,
        order: 'asc' | 'desc',
        rows = all,
      ) => {
        const sign = order === 'asc' ? 1 : -1;
        const byKeys = (x: VmRow, y: VmRow) =>
          compareText(x.vcenterId, y.vcenterId) ||
          compareText(x.moref, y.moref);
        const has = rows.filter(r => r[field] !== undefined);
        const empty = rows.filter(r => r[field] === undefined);
        return [
          ...has.sort(
            (x, y) => sign * (compare(x[field], y[field]) || byKeys(x, y)),
          ),
          ...empty.sort((x, y) => sign * byKeys(x, y)),
        ].map(r => r.id);
      };
      const cases: Array<{ query: InventoryListQuery; field: keyof VmRow }> = [
        { query: {}, field: 'name' },
        { query: { orderBy: 'host' }, field: 'host' },
        { query: { orderBy: 'numCpu' }, field: 'numCpu' },
        { query: { orderBy: 'oldestSnapshotAt' }, field: 'oldestSnapshotAt' },
        { query: { orderBy: 'template' }, field: 'template' },
        { query: { orderBy: 'vcenterId' }, field: 'vcenterId' },
        { query: { orderBy: 'host', q: 'vm-0000' }, field: 'host' },
        { query: { orderBy: 'numCpu', vcenterId: 'vc-b' }, field: 'numCpu' },
      ];
      for (const { query: sort, field } of cases) {
        const rows = all.filter(
          r =>
            (!sort.q || r.name.includes(sort.q)) &&
            (!sort.vcenterId || r.vcenterId === sort.vcenterId),
        );
        for (const order of ['asc', 'desc'] as const) {
          const query = { ...sort, order, limit: 5 };
          const ids = (page: { items: VmRow[] }) => page.items.map(v => v.id);
          const everything = sorted(field, order, rows);
          expect(
            ids(await store.list('vms', { ...query, limit: 100 })),
          ).toEqual(everything);
          const first = await store.list('vms', query);
          expect(first.prevCursor).toBeUndefined();
          const pages = [first];
          for (let page = first; page.nextCursor; ) {
            page = await store.list('vms', {
              ...query,
              cursor: page.nextCursor,
            });
            expect(page.totalCount).toBe(everything.length);
            pages.push(page);
          }
          expect(pages.flatMap(ids)).toEqual(everything);
          // Back from the last page by prevCursor meets every page again.
          let back = pages[pages.length - 1];
          for (let i = pages.length - 2; i >= 0; i--) {
            back = await store.list('vms', {
              ...query,
              cursor: back.prevCursor,
            });
            expect(ids(back)).toEqual(ids(pages[i]));
          }
          expect(back.prevCursor).toBeUndefined();
          // Every page by offset, among the empty values too, and its cursor to the page before it.
          for (let offset = 1; offset < everything.length; offset += 3) {
            const page = await store.list('vms', { ...query, offset });
            expect(ids(page)).toEqual(everything.slice(offset, offset + 5));
            const before = await store.list('vms', {
              ...query,
              cursor: page.prevCursor,
            });
            expect(ids(before)).toEqual(
              everything.slice(Math.max(0, offset - 5), offset),
            );
          }
          const beyond = { ...query, offset: everything.length };
          expect(ids(await store.list('vms', beyond))).toEqual([]);
        }
      }
      // The export reads the same order, batch after batch.
      const exported: string[] = [];
      for await (const vm of store.iterate('vms', { orderBy: 'host' }))
        exported.push(vm.id);
      expect(exported).toEqual(sorted('host', 'asc'));
      // A cursor of another list (one id, as the credential list's) or of another sort is refused.
      const { nextCursor } = await store.list('vms', { limit: 2 });
      await expect(
        store.list('vms', { orderBy: 'host', cursor: nextCursor }),
      ).rejects.toThrow(/sorted by name asc, not host asc/);
      await expect(
        store.list('vms', {
          cursor: Buffer.from('["name","asc","vm-00001","x","next"]').toString(
            'base64url',
          ),
        }),
      ).rejects.toThrow(InputError);
    });

    it('finds rows by name, IP address or host across vCenters, case-insensitively and literally', async () => {
      const { store } = await setup();
      await store.replaceVcenterInventory('vc-a', {
        ...sampleInventory('vc-a', 0),
        vms: [
          vmRow('vc-a', 1, { name: 'Web-01', ipAddresses: ['192.168.10.5'] }),
          vmRow('vc-a', 2, { name: 'db_01', host: 'esxi-77.example.test' }),
        ],
      });
      await store.replaceVcenterInventory('vc-b', {
        ...sampleInventory('vc-b', 0),
        vms: [
          vmRow('vc-b', 1, { name: 'web-02', ipAddresses: ['192.168.10.50'] }),
          vmRow('vc-b', 2, { name: 'db-02' }),
        ],
      });
      const names = async (q: string, scope = {}) =>
        (await store.list('vms', { q, ...scope })).items
          .map(v => v.name)
          .sort();
      expect(await names('WEB')).toEqual(['Web-01', 'web-02']);
      expect(await names('192.168.10.5')).toEqual(['Web-01', 'web-02']);
      expect(await names('192.168.10.50')).toEqual(['web-02']);
      expect(await names('esxi-77')).toEqual(['db_01']);
      expect(await names('db_')).toEqual(['db_01']); // '_' is not a wildcard
      expect(await names('%')).toEqual([]);
      expect(await names('web', { environmentId: 'west' })).toEqual(['web-02']);
      expect(await names('web', { vcenterId: 'vc-a' })).toEqual(['Web-01']);
      expect(
        (await store.list('hosts', { q: 'ESXI-1.VC-B' })).items.map(h => h.id),
      ).toEqual(['vc-b:host-1']);
      expect(
        (await store.list('datastores', { q: 'esxi-2.vc-a' })).items.map(
          d => d.id,
        ),
      ).toEqual(['vc-a:datastore-1']);
    });

    it('filters alarms by severity, keeps empty values last, and refuses unknown sorts and misplaced filters', async () => {
      const { store } = await setup();
      const rows = sampleInventory('vc-a', 3);
      rows.vms[1] = { ...rows.vms[1], cpuUsageMhz: undefined };
      await store.replaceVcenterInventory('vc-a', rows);
      expect(
        (await store.list('alarms', { severity: 'red' })).items.map(
          a => a.name,
        ),
      ).toEqual(['Host CPU usage']);
      for (const order of ['asc', 'desc'] as const) {
        const items = (
          await store.list('vms', { orderBy: 'cpuUsageMhz', order })
        ).items;
        expect(items[items.length - 1].moref).toBe(rows.vms[1].moref);
      }
      await expect(store.list('vms', { orderBy: 'password' })).rejects.toThrow(
        /Cannot sort vms by "password"; use one of .*memoryMb/,
      );
      await expect(
        store.list('vms', { orderBy: 'ipAddresses' }),
      ).rejects.toThrow(/Cannot sort/);
      expect(() => store.iterate('hosts', { orderBy: 'numCpu' })).toThrow(
        /Cannot sort hosts/,
      );
      await expect(store.list('vms', { severity: 'red' })).rejects.toThrow(
        /alarms only/,
      );
      await expect(
        store.list('hosts', { powerState: 'poweredOn' }),
      ).rejects.toThrow(/VMs only/);
    });

    it('gives top VMs the capacity their usage is measured against', async () => {
      const { store } = await setup();
      const rows = sampleInventory('vc-a', 0);
      rows.vms = [
        vmRow('vc-a', 1, {
          host: 'esxi-1.vc-a.test',
          numCpu: 4,
          memoryMb: 8192,
          cpuUsageMhz: 5600,
          memoryUsageMb: 6144,
        }),
        vmRow('vc-a', 2, { host: 'gone.example.test', cpuUsageMhz: 100 }),
      ];
      await store.replaceVcenterInventory('vc-a', rows);

      const byCpu = await store.top({
        type: 'vm',
        metric: 'cpu',
        limit: 5,
        scope: {},
      });
      // 4 vCPUs at the host's 2,800 MHz; the VM on an unknown host has no capacity.
      expect(byCpu.map(i => [i.name, i.value, i.capacity])).toEqual([
        ['vm-00001', 5600, 11200],
        ['vm-00002', 100, undefined],
      ]);
      const byMemory = await store.top({
        type: 'vm',
        metric: 'memory',
        limit: 1,
        scope: {},
      });
      expect(byMemory[0]).toMatchObject({ value: 6144, capacity: 8192 });
    });

    it('counts per kind, vCenter and severity, ranks top items, lists catalog rows and purges', async () => {
      const { store } = await setup();
      await store.replaceVcenterInventory('vc-a', sampleInventory('vc-a', 30));
      await store.replaceVcenterInventory('vc-b', sampleInventory('vc-b', 5));
      expect((await store.counts({})).vms).toBe(35);
      expect((await store.counts({ environmentId: 'west' })).vms).toBe(5);
      expect(await store.alarmsBySeverity({})).toEqual({ red: 2, yellow: 2 });
      expect(await store.alarmsBySeverity({ vcenterId: 'vc-b' })).toEqual({
        red: 1,
        yellow: 1,
      });
      const byVcenter = await store.countsByVcenter([
        'vc-a',
        'vc-b',
        'vc-none',
      ]);
      expect(byVcenter.get('vc-a')).toMatchObject({
        vms: 30,
        'datastore-clusters': 1,
      });
      expect(byVcenter.get('vc-none')).toEqual({});

      const topVms = await store.top({
        type: 'vm',
        metric: 'cpu',
        limit: 3,
        scope: {},
      });
      const allVms = [
        ...sampleInventory('vc-a', 30).vms,
        ...sampleInventory('vc-b', 5).vms,
      ];
      const busiest = [...allVms].sort(
        (x, y) => y.cpuUsageMhz! - x.cpuUsageMhz! || x.id.localeCompare(y.id),
      );
      expect(topVms).toEqual(
        busiest.slice(0, 3).map(v => ({
          id: v.id,
          vcenterId: v.vcenterId,
          name: v.name,
          value: v.cpuUsageMhz,
          unit: 'MHz',
        })),
      );
      const topHosts = await store.top({
        type: 'host',
        metric: 'memory',
        limit: 10,
        scope: { environmentId: 'east' },
      });
      expect(topHosts.map(h => [h.id, h.value, h.unit])).toEqual([
        ['vc-a:host-2', 42.25, '%'],
        ['vc-a:host-1', 41.25, '%'],
      ]);

      const catalog = await store.catalogRows();
      expect(catalog.hosts).toContainEqual({
        vcenterId: 'vc-b',
        moref: 'host-1',
        name: 'esxi-1.vc-b.test',
        cluster: 'cluster-a',
      });
      expect(catalog.datastores).toContainEqual({
        vcenterId: 'vc-a',
        moref: 'datastore-1',
        name: 'ds-1',
        hosts: ['esxi-1.vc-a.test', 'esxi-2.vc-a.test'],
      });
      expect(catalog.clusters).toHaveLength(2);

      await store.purge('vc-a');
      expect(
        Object.values(await store.counts({ vcenterId: 'vc-a' })).every(
          n => n === 0,
        ),
      ).toBe(true);
      expect((await store.counts({ vcenterId: 'vc-b' })).vms).toBe(5);
    });
  },
);
