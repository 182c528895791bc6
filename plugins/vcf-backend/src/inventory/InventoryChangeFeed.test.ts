import {
  createMigratedDatabase,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import {
  insertVcenter,
  sampleInventory,
  vmDiskRow,
} from '../__testUtils__/inventoryFixtures';
import { DatabaseInventoryStore } from './DatabaseInventoryStore';

const databases = createVcfTestDatabases();

describe.each(databases.eachSupportedId())(
  'the inventory change feed on %p',
  databaseId => {
    async function setup(changeRetentionDays = 90) {
      const knex = await createMigratedDatabase(databases, databaseId);
      await insertVcenter(knex, 'vc-a');
      await insertVcenter(knex, 'vc-b');
      let now = new Date('2026-12-01T10:00:00.000Z');
      const store = DatabaseInventoryStore.create({
        db: knex,
        changeRetentionDays,
        now: () => now,
      });
      return {
        knex,
        store,
        setNow: (iso: string) => {
          now = new Date(iso);
        },
      };
    }

    it('records nothing on the first sync of a vCenter', async () => {
      const { store } = await setup();
      await store.replaceVcenterInventory('vc-a', sampleInventory('vc-a'));
      expect((await store.listChanges({})).totalCount).toBe(0);
    });

    it('records added and removed objects and watched fields once, with before and after', async () => {
      const { store, setNow } = await setup();
      const first = sampleInventory('vc-a', 3);
      await store.replaceVcenterInventory('vc-a', first);
      await store.replaceVcenterInventory('vc-b', sampleInventory('vc-b', 3));

      setNow('2026-12-01T10:15:00.000Z');
      const next = sampleInventory('vc-a', 3);
      next.vms[0] = {
        ...next.vms[0],
        powerState: 'poweredOff',
        host: 'esxi-9',
      };
      next.vms[1] = { ...next.vms[1], memoryMb: next.vms[1].memoryMb! * 2 };
      next.vms = next.vms.slice(0, 2); // vm-00003 removed
      next.hosts[0] = { ...next.hosts[0], inMaintenanceMode: true };
      next.datastores[0] = { ...next.datastores[0], usedPercent: 85 }; // 60 → 85: crosses 80 %
      next.snapshots = [];
      next['vm-disks'][0] = vmDiskRow(next.vms[0], {
        capacityBytes: 80 * 2 ** 30,
      });
      next['vm-disks'] = next['vm-disks'].slice(0, 2);
      await store.replaceVcenterInventory('vc-a', next);

      const page = await store.listChanges({ vcenterId: 'vc-a', limit: 100 });
      const summary = page.items.map(c => [
        c.kind,
        c.objectName,
        c.change,
        c.field,
        c.before,
        c.after,
      ]);
      expect(summary).toEqual(
        expect.arrayContaining([
          [
            'vms',
            'vm-00001',
            'changed',
            'powerState',
            'poweredOn',
            'poweredOff',
          ],
          [
            'vms',
            'vm-00001',
            'changed',
            'host',
            'esxi-00001.example.test',
            'esxi-9',
          ],
          ['vms', 'vm-00002', 'changed', 'memoryMb', '3072', '6144'],
          ['vms', 'vm-00003', 'removed', 'object', undefined, undefined],
          [
            'hosts',
            'esxi-1.vc-a.test',
            'changed',
            'inMaintenanceMode',
            'false',
            'true',
          ],
          ['datastores', 'ds-1', 'changed', 'usedPercent', '60', '85'],
          [
            'snapshots',
            'before upgrade',
            'removed',
            'object',
            undefined,
            undefined,
          ],
          [
            'vm-disks',
            'Hard disk 1',
            'changed',
            'capacityBytes',
            String(40 * 2 ** 30),
            String(80 * 2 ** 30),
          ],
          [
            'vm-disks',
            'Hard disk 1',
            'removed',
            'object',
            undefined,
            undefined,
          ],
        ]),
      );
      expect(page.totalCount).toBe(summary.length);
      expect(summary).toHaveLength(9);
      expect(page.items[0]).toMatchObject({
        vcenterId: 'vc-a',
        objectId: expect.stringMatching(/^vc-a:/),
        at: '2026-12-01T10:15:00.000Z',
      });

      // The same state again is no change.
      setNow('2026-12-01T10:30:00.000Z');
      await store.replaceVcenterInventory('vc-a', next);
      expect((await store.listChanges({ vcenterId: 'vc-a' })).totalCount).toBe(
        9,
      );

      // Added back: an added change.
      await store.replaceVcenterInventory('vc-a', first);
      const added = await store.listChanges({
        vcenterId: 'vc-a',
        objectId: 'vc-a:vm-00003',
      });
      expect(added.items.map(c => c.change)).toEqual(['added', 'removed']);
    });

    it('ignores usage moves inside a band and records each crossing of 80 % and 90 %', async () => {
      const { store } = await setup();
      const rows = sampleInventory('vc-a', 1);
      const withUsage = (usedPercent: number) => ({
        ...rows,
        datastores: [{ ...rows.datastores[0], usedPercent }],
      });
      await store.replaceVcenterInventory('vc-a', withUsage(81));
      await store.replaceVcenterInventory('vc-a', withUsage(84));
      await store.replaceVcenterInventory('vc-a', withUsage(91));
      await store.replaceVcenterInventory('vc-a', withUsage(70));
      const { items } = await store.listChanges({ kind: 'datastores' });
      expect(items.map(c => [c.before, c.after])).toEqual([
        ['91', '70'],
        ['84', '91'],
      ]);
    });

    it('filters by vCenter, kind, object and time, pages newest first, and drops changes past retention', async () => {
      const { store, setNow } = await setup(2);
      const rows = sampleInventory('vc-a', 2);
      await store.replaceVcenterInventory('vc-a', rows);
      for (const [i, at] of [
        '2026-12-01T11:00:00.000Z',
        '2026-12-02T11:00:00.000Z',
        '2026-12-03T11:00:00.000Z',
      ].entries()) {
        setNow(at);
        await store.replaceVcenterInventory('vc-a', {
          ...rows,
          vms: rows.vms.map(vm => ({ ...vm, numCpu: 10 + i })),
        });
      }
      const all = await store.listChanges({ kind: 'vms', limit: 100 });
      expect(all.totalCount).toBe(6);
      expect(all.items[0].at).toBe('2026-12-03T11:00:00.000Z');
      const page = await store.listChanges({
        kind: 'vms',
        offset: 2,
        limit: 2,
      });
      expect(page.items.map(c => c.at)).toEqual([
        '2026-12-02T11:00:00.000Z',
        '2026-12-02T11:00:00.000Z',
      ]);
      // By cursor, two at a time, ties of time broken by id: the same rows as one page of all, and back.
      const pages = [await store.listChanges({ kind: 'vms', limit: 2 })];
      while (pages[pages.length - 1].nextCursor) {
        pages.push(
          await store.listChanges({
            kind: 'vms',
            limit: 2,
            cursor: pages[pages.length - 1].nextCursor,
          }),
        );
      }
      expect(pages.flatMap(p => p.items)).toEqual(all.items);
      const newer = await store.listChanges({
        kind: 'vms',
        limit: 2,
        cursor: pages[2].prevCursor,
      });
      expect(newer.items).toEqual(pages[1].items);
      const window = await store.listChanges({
        since: '2026-12-02T00:00:00.000Z',
        until: '2026-12-03T00:00:00.000Z',
        objectId: 'vc-a:vm-00001',
      });
      expect(window.items.map(c => [c.objectName, c.after])).toEqual([
        ['vm-00001', '11'],
      ]);
      expect((await store.listChanges({ vcenterId: 'vc-b' })).totalCount).toBe(
        0,
      );
      expect((await store.listChanges({ kind: 'hosts' })).totalCount).toBe(0);

      // Retention of 2 days: the next sync drops what is older than that.
      setNow('2026-12-04T12:00:00.000Z');
      await store.replaceVcenterInventory('vc-a', rows);
      const kept = await store.listChanges({ limit: 100 });
      expect(kept.items.every(c => c.at >= '2026-12-02T12:00:00.000Z')).toBe(
        true,
      );
      expect(kept.totalCount).toBe(4);
    });

    it('keeps one page of stored rows per comparison: a sync larger than a page still finds every change once', async () => {
      const { store } = await setup();
      const rows = sampleInventory('vc-a', 600);
      await store.replaceVcenterInventory('vc-a', rows);
      await store.replaceVcenterInventory('vc-a', {
        ...rows,
        vms: rows.vms.map(vm => ({ ...vm, powerState: 'suspended' })),
      });
      const { totalCount, items } = await store.listChanges({
        kind: 'vms',
        limit: 1000,
      });
      expect(totalCount).toBe(600);
      expect(new Set(items.map(c => c.objectId)).size).toBe(600);
      expect(items.every(c => c.field === 'powerState')).toBe(true);
    });
  },
);
