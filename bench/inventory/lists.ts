/*
 * The inventory list and export at estate size, on the store: a SQLite file opened as the backend opens it
 * (openVcfDatabase: write-ahead logging, migrations), filled with --vms VMs (default 50,000) of two vCenters,
 * names spread over the sort order, every fifth VM without a host. Times, as medians of --rounds (default 5):
 * the first page (50 rows) in three sorts and both directions (`name` has an index, `host` has empty values,
 * `numCpu` has neither), the page at 80 % of the list by offset and the page after it by its cursor, a search
 * (q=) whose matches sort last, and the export of every VM (CSV/XLSX read the same rows). These are the store's
 * own figures, without HTTP, authentication or permissions: `bench/run credentials` measures the request path.
 *
 *   node scripts/run-ts.js bench/inventory/lists.ts [--vms 50000] [--rounds 5] [--json]
 */
import type { InventoryListQuery } from '@vcf-backstage/plugin-vcf-common';
import { DatabaseInventoryStore } from '../../plugins/vcf-backend/src/inventory/DatabaseInventoryStore';
import {
  insertVcenter,
  vmRow,
} from '../../plugins/vcf-backend/src/__testUtils__/inventoryFixtures';
import { runMain } from './ownProcess';
import { withVcfSqliteFile } from './sqliteFile';

const PAGE = 50;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const vmCount = option('vms', 50_000);
  const rounds = option('rounds', 5);
  const json = process.argv.includes('--json');
  const figures: Record<string, number> = {};
  const log = (line: string) => {
    if (!json) process.stdout.write(`${line}\n`);
  };
  await withVcfSqliteFile(async db => {
    const store = DatabaseInventoryStore.create({ db });
    const filled = performance.now();
    for (const vcenterId of ['vc-a', 'vc-b']) {
      await insertVcenter(db, vcenterId);
      const staged = await store.stageVcenterInventory(vcenterId);
      for (let first = 0; first < vmCount / 2; first += 1000) {
        const rows = [];
        for (let n = first; n < Math.min(first + 1000, vmCount / 2); n++) {
          rows.push(
            vmRow(vcenterId, n, {
              name: `vm-${(n * 7919) % 100_000}`,
              host: n % 5 ? `esxi-${n % 97}.example.test` : undefined,
            }),
          );
        }
        await staged.write('vms', rows);
      }
      await staged.commit();
    }
    log(
      `${vmCount} VMs written in ${(
        (performance.now() - filled) /
        1000
      ).toFixed(1)} s; medians of ${rounds}, ms`,
    );

    const time = async (label: string, read: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const started = performance.now();
        await read();
        ms.push(performance.now() - started);
      }
      figures[label] = median(ms);
      log(`  ${label.padEnd(44)} ${figures[label].toFixed(1).padStart(8)}`);
    };
    const deep = Math.floor(vmCount * 0.8);
    for (const orderBy of ['name', 'host', 'numCpu']) {
      for (const order of ['asc', 'desc'] as const) {
        const query: InventoryListQuery = { orderBy, order, limit: PAGE };
        await time(`${orderBy} ${order}: first page`, () =>
          store.list('vms', query),
        );
        await time(`${orderBy} ${order}: page at offset ${deep}`, () =>
          store.list('vms', { ...query, offset: deep }),
        );
        const { nextCursor } = await store.list('vms', {
          ...query,
          offset: deep,
        });
        if (nextCursor) {
          await time(`${orderBy} ${order}: the page after it, by cursor`, () =>
            store.list('vms', { ...query, cursor: nextCursor }),
          );
        }
      }
    }
    await time('search q=vm-99 (matches sort last)', () =>
      store.list('vms', { q: 'vm-99', limit: PAGE }),
    );
    await time(`export of ${vmCount} VMs by name`, async () => {
      let rows = 0;
      for await (const _ of store.iterate('vms', { orderBy: 'name' })) rows++;
      if (rows !== vmCount) throw new Error(`exported ${rows} rows`);
    });
    if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
  });
}

runMain(main);
