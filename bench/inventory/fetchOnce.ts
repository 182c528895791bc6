/*
 * Our whole inventory fetch, streamed as the sync does it (VMs mapped to rows and handed over 50 at a time, then
 * dropped: the sink only counts them), once, in a process of its own, so that its peak resident memory compares with the
 * govmomi and pyvmomi peers' processes. Started by bench/inventory/run.ts; the password comes in PEER_PASSWORD.
 * run.ts runs it compiled to JavaScript, as the product runs (see compiled() there). Prints one JSON line:
 * { ms, rows, baselineRssMb, peakRssMb } (peak = VmHWM of this process, Linux).
 *
 *   node scripts/run-ts.js bench/inventory/fetchOnce.ts --url URL --username USER --ca FILE --page-size N
 */
import { readFileSync } from 'node:fs';
import { VsphereInventoryFetcher } from '../../plugins/vcf-backend/src/clients/vsphere';
import { arg, runMain, statusMb } from './ownProcess';

async function main() {
  const fetcher = VsphereInventoryFetcher.create({
    vcenterId: 'bench',
    url: arg('url'),
    username: arg('username'),
    password: process.env.PEER_PASSWORD ?? '',
    tls: { ca: readFileSync(arg('ca'), 'utf8') },
    pageSize: Number(arg('page-size')),
  });
  const baselineRssMb = statusMb('VmRSS');
  const started = performance.now();
  let rows = 0;
  await fetcher.stream({
    write: async (_kind, page) => {
      rows += page.length;
    },
    restart: async () => {
      throw new Error('The session was renewed during the benchmark');
    },
  });
  const ms = performance.now() - started;
  process.stdout.write(
    `${JSON.stringify({
      ms,
      rows,
      baselineRssMb,
      peakRssMb: statusMb('VmHWM'),
    })}\n`,
  );
}

runMain(main);
