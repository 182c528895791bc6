/*
 * Builds the Go programs of this repository once, at install time (scripts/setup.sh): the vcsim launcher that the
 * demo, the integration tests and the benchmarks start, and govmomi's inventory reader that the integration tests
 * compare ours with. A cold Go build of govmomi's simulator takes minutes on a busy 2-core machine; done here, no
 * test hook and no demo start waits for it.
 *
 *   node scripts/run-ts.js packages/vcsim/src/buildTools.ts
 */
import { buildGovmomiInventory, buildVcsim } from './buildVcsim';

async function main() {
  for (const [name, build] of [
    ['vcsim launcher', buildVcsim],
    ['govmomi inventory reader', buildGovmomiInventory],
  ] as const) {
    const started = Date.now();
    const binary = await build();
    process.stdout.write(
      `${name}: ${binary} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
    );
  }
}

main().catch(error => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
