/*
 * Our full inventory sync (the plugin's InventorySyncRunner: streamed fetch, staging, swap into the live tables)
 * of one vCenter into a fresh SQLite file, in a process of its own, so that its resident memory growth is the
 * backend's during a sync. Started by bench/inventory/run.ts; the password comes in PEER_PASSWORD.
 * The first sync fills the empty database; each of the next `--runs` syncs replaces it (and computes the change
 * feed), as a scheduled sync does. run.ts runs it compiled to JavaScript, as the product runs (see compiled() there).
 * Prints one JSON line:
 *   { initialMs, runsMs, baselineRssMb, peakRssMb } (peak = VmHWM of this process, Linux).
 *
 *   node scripts/run-ts.js bench/inventory/syncOnce.ts --url URL --username USER --ca FILE --page-size N --runs 3
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SecretCipher } from '../../plugins/vcf-backend/src/crypto/SecretCipher';
import { DatabaseInventoryStore } from '../../plugins/vcf-backend/src/inventory/DatabaseInventoryStore';
import { InventorySyncRunner } from '../../plugins/vcf-backend/src/inventory/InventorySyncRunner';
import { DatabaseVcenterStore } from '../../plugins/vcf-backend/src/vcenters/DatabaseVcenterStore';
import { arg, runMain, statusMb } from './ownProcess';
import { withVcfSqliteFile } from './sqliteFile';

const silentLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

async function main() {
  await withVcfSqliteFile(async db => {
    const tls = { verify: true, ca: readFileSync(arg('ca'), 'utf8') };
    const connection = {
      baseUrl: arg('url'),
      username: arg('username'),
      password: process.env.PEER_PASSWORD ?? '',
      tls,
    };
    const vcenters = DatabaseVcenterStore.create({
      db,
      cipher: new SecretCipher(randomBytes(32)),
    });
    await vcenters.create({
      id: 'bench',
      title: 'bench',
      ...connection,
      enabled: true,
      intervalMinutes: 15,
    });
    const runner = new InventorySyncRunner({
      connections: { resolveConnection: async () => connection },
      vcenters,
      inventory: DatabaseInventoryStore.create({ db }),
      clientSettings: { pageSize: Number(arg('page-size')) },
    });
    const sync = async () => {
      const started = performance.now();
      const { counts } = await runner.run(
        {
          id: 'inventory:bench',
          kind: 'inventory',
          vcenterId: 'bench',
          enabled: true,
          intervalSeconds: 900,
          nextRunAt: new Date().toISOString(),
          status: 'never',
        },
        { logger: silentLogger },
      );
      return { ms: performance.now() - started, rows: counts.total };
    };
    const baselineRssMb = statusMb('VmRSS');
    const initial = await sync();
    const runsMs: number[] = [];
    for (let i = 0; i < Number(arg('runs')); i++)
      runsMs.push((await sync()).ms);
    process.stdout.write(
      `${JSON.stringify({
        initialMs: initial.ms,
        rows: initial.rows,
        runsMs,
        baselineRssMb,
        peakRssMb: statusMb('VmHWM'),
      })}\n`,
    );
  });
}

runMain(main);
