/*
 * bench/credentials: the credential request path of the real backend, built as in production.
 *
 *   - `yarn build:backend`, the bundle unpacked and started as its own process (NODE_ENV=production) on a free
 *     port of 127.0.0.1: real auth (guest sign-in tokens), the real permission backend with the demo policy,
 *     SQLite, the VCF plugin syncing N credentials from the simulator (on its own free port);
 *   - per phase, `concurrency` keep-alive clients for `seconds` (in a worker thread): the unauthenticated
 *     `/api/vcf/health` (the floor), `GET /environments`, the credential list (`limit=50`, mixed pages and sorts:
 *     the page after one shown, by its cursor, as the portal's table pages; and a jump to a page by offset) and a
 *     `q=` search; each phase `rounds` times in turn, medians reported beside the floor of the same run;
 *   - CSV and XLSX export of all rows: time and the backend's RSS growth while it streams.
 *
 *   node scripts/run-ts.js bench/credentials/run.ts [--credentials 10000] [--seconds 10] [--concurrency 50]
 *       [--rounds 3] [--no-build] [--user user:default/east-ops] [--only environments,list,search]
 *       [--cpu-prof DIR] [--keep]
 *   --cpu-prof DIR writes a V8 CPU profile of the backend into DIR when it stops; --keep keeps the unpacked backend
 *   and its log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { startVcfSimulator } from '@vcf-backstage/vcf-simulator';
import {
  buildAndUnpack,
  freePort,
  startProductionBackend,
  type ProductionBackend,
} from './productionBackend';

const ROOT = resolve(__dirname, '../..');

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

function textFlag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const out = (line: string) => process.stdout.write(`${line}\n`);

function verdict(
  value: number,
  target: number | undefined,
  better: 'lower' | 'higher' = 'lower',
) {
  if (target === undefined) return '';
  const met = better === 'lower' ? value <= target : value >= target;
  return `target ${better === 'lower' ? '≤' : '≥'} ${target}: ${
    met ? 'met' : 'MISSED'
  }`;
}

interface PhaseResult {
  p50: number;
  p95: number;
  rps: number;
  failures: number;
  /** The backend's CPU time per answered request (ms): what a request costs, whatever the machine's load. */
  cpuMsPerRequest: number;
}

function runPhase(
  backend: ProductionBackend,
  options: {
    base: string;
    paths: string[];
    token?: string;
    seconds: number;
    concurrency: number;
  },
): Promise<PhaseResult> {
  const cpuBefore = backend.cpuMs();
  return new Promise((resolvePhase, reject) => {
    const worker = new Worker(join(__dirname, 'httpLoad.worker.js'), {
      workerData: options,
    });
    worker.once('message', result => {
      if (result.failures && !result.requests) {
        reject(new Error(`every request failed, e.g. ${result.firstFailure}`));
        return;
      }
      resolvePhase({
        p50: percentile(result.latencies, 50),
        p95: percentile(result.latencies, 95),
        rps: result.requests / result.seconds,
        failures: result.failures,
        cpuMsPerRequest: (backend.cpuMs() - cpuBefore) / result.requests,
      });
    });
    worker.once('error', reject);
  });
}

/** Guest sign-in: a real Backstage user token for the configured guest user, once the catalog knows its groups. */
async function signIn(base: string, expectGroup: string): Promise<string> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const res = await fetch(`${base}/api/auth/guest/refresh`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      if (res.ok) {
        const body: any = await res.json();
        const refs: string[] =
          body.backstageIdentity?.identity?.ownershipEntityRefs ?? [];
        if (refs.includes(expectGroup)) return body.backstageIdentity.token;
      }
    } catch {
      // A busy backend may drop a connection while its plugins start; ask again.
    }
    if (Date.now() > deadline)
      throw new Error(
        `guest sign-in never carried ${expectGroup} (catalog not ingested?)`,
      );
    await new Promise(r => setTimeout(r, 1000));
  }
}

async function waitForSync(base: string, token: string, count: number) {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const res = await fetch(`${base}/api/vcf/environments/bench`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.ok) {
      const env: any = await res.json();
      if (env.credentialCounts?.total >= count) return env;
    }
    if (Date.now() > deadline)
      throw new Error('the credential sync did not finish in 300 s');
    await new Promise(r => setTimeout(r, 500));
  }
}

/** Time of one export and the backend's RSS growth meanwhile (sampled every 10 ms). */
async function timeExport(
  backend: ProductionBackend,
  token: string,
  format: 'csv' | 'xlsx',
) {
  const before = backend.rssMiB();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, backend.rssMiB());
  }, 10);
  const started = performance.now();
  const res = await fetch(
    `${backend.baseUrl}/api/vcf/environments/bench/export?format=${format}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  const bytes = (await res.arrayBuffer()).byteLength;
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, backend.rssMiB());
  if (!res.ok) throw new Error(`export answered ${res.status}`);
  return { ms, bytes, rssGrowthMiB: peak - before };
}

async function main() {
  const credentialCount = flag('credentials', 10_000);
  const seconds = flag('seconds', 10);
  const concurrency = flag('concurrency', 50);
  const rounds = flag('rounds', 3);
  const user = textFlag('user', 'user:default/east-ops');
  const ownerGroup = 'group:default/platform-east';
  const build = !process.argv.includes('--no-build');
  const profileDir = process.argv.includes('--cpu-prof')
    ? textFlag('cpu-prof', '')
    : undefined;
  const only = process.argv.includes('--only')
    ? textFlag('only', '').split(',')
    : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'vcf-bench-credentials-'));
  const simulator = await startVcfSimulator({
    environments: [{ id: 'bench', credentialCount }],
  });
  let backend: ProductionBackend | undefined;
  try {
    out(
      `bench/credentials: the production build of the backend, ${
        cpus().length
      } cores, SQLite, ${credentialCount} credentials`,
    );
    let started = performance.now();
    buildAndUnpack(ROOT, dir, { build });
    out(
      `backend ${build ? 'built and ' : ''}unpacked in ${(
        (performance.now() - started) /
        1000
      ).toFixed(1)} s (${dir})`,
    );

    const port = await freePort();
    const env = simulator.environments[0];
    const config = {
      app: { baseUrl: `http://127.0.0.1:${port}` },
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { host: '127.0.0.1', port },
        database: {
          client: 'better-sqlite3',
          connection: { directory: join(dir, 'sqlite') },
        },
      },
      auth: {
        providers: {
          guest: {
            userEntityRef: user,
            dangerouslyAllowOutsideDevelopment: true,
          },
        },
      },
      catalog: {
        locations: [
          {
            type: 'file',
            target: join(ROOT, 'examples/org.yaml'),
            rules: [{ allow: ['User', 'Group'] }],
          },
        ],
      },
      permission: { enabled: true },
      vcf: {
        encryption: { key: randomBytes(32).toString('base64') },
        sync: { concurrency: 4, runOnStartup: true },
        environments: [
          {
            id: 'bench',
            title: 'Bench',
            owner: ownerGroup,
            sddcManager: {
              baseUrl: env.sddcManagerUrl,
              ...env.sddcManagerServiceAccount,
              intervalMinutes: 600,
              tls: { ca: simulator.certificatePem },
            },
          },
        ],
      },
    };
    started = performance.now();
    backend = await startProductionBackend({
      dir,
      port,
      // JSON is YAML.
      configYaml: JSON.stringify(config, null, 2),
      logFile: join(dir, 'backend.log'),
      nodeArgs: profileDir
        ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`]
        : [],
    });
    out(
      `backend ready in ${((performance.now() - started) / 1000).toFixed(
        1,
      )} s on ${backend.baseUrl} (pid ${backend.pid})`,
    );
    const token = await signIn(backend.baseUrl, ownerGroup);
    started = performance.now();
    await waitForSync(backend.baseUrl, token, credentialCount);
    const runs: any = await (
      await fetch(`${backend.baseUrl}/api/vcf/environments/bench/sync-runs`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    const run = (runs.items ?? runs)[0];
    if (run?.startedAt && run?.finishedAt) {
      const syncMs = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
      out(
        `first sync (fetch + write)            ${(syncMs / 1000)
          .toFixed(2)
          .padStart(8)} s   ${verdict(syncMs / 1000, 3)}`,
      );
    }
    out(
      `backend RSS after the sync            ${backend
        .rssMiB()
        .toFixed(0)
        .padStart(8)} MiB`,
    );

    const sorts = [
      'resourceName',
      'resourceType',
      'username',
      'expiryStatus',
      'lastSeenAt',
    ];
    // 50 pages across the list in five sorts, both directions: asked for by offset (a jump to a page), and as
    // the portal's table asks for the page after the one it shows (by the cursor that page gave).
    const listPages = Array.from({ length: 50 }, (_, i) => ({
      offset: (i * 197) % (credentialCount - 50),
      sort: `&orderBy=${sorts[i % sorts.length]}&order=${
        i % 2 ? 'desc' : 'asc'
      }`,
    }));
    const listPath = '/api/vcf/environments/bench/credentials?limit=50';
    const listPaths = listPages.map(
      p => `${listPath}&offset=${p.offset}${p.sort}`,
    );
    const nextPagePaths: string[] = [];
    for (const p of listPages) {
      if (p.offset < 50) {
        nextPagePaths.push(`${listPath}&offset=${p.offset}${p.sort}`);
        continue;
      }
      const before: { nextCursor?: string } = await (
        await fetch(
          `${backend.baseUrl}${listPath}&offset=${p.offset - 50}${p.sort}`,
          { headers: { authorization: `Bearer ${token}` } },
        )
      ).json();
      if (!before.nextCursor)
        throw new Error(`No nextCursor on the page at offset ${p.offset - 50}`);
      nextPagePaths.push(
        `${listPath}${p.sort}&cursor=${encodeURIComponent(before.nextCursor)}`,
      );
    }
    const searches = [
      'esxi',
      'vcenter',
      'root',
      'nsx',
      '10.0.',
      'admin',
      'svc-',
      'wld',
    ];
    const searchPaths = searches.map(
      (q, i) =>
        `/api/vcf/environments/bench/credentials?limit=50&q=${encodeURIComponent(
          q,
        )}&orderBy=${sorts[i % sorts.length]}`,
    );
    const phases: Array<{
      name: string;
      paths: string[];
      auth: boolean;
      targetP95?: number;
    }> = [
      {
        name: 'GET /health (unauthenticated floor)',
        paths: ['/api/vcf/health'],
        auth: false,
      },
      {
        name: 'GET /environments',
        paths: ['/api/vcf/environments'],
        auth: true,
        targetP95: 100,
      },
      {
        name: 'credential list, next page (cursor)',
        paths: nextPagePaths,
        auth: true,
        targetP95: 100,
      },
      {
        name: 'credential list, page jump (offset)',
        paths: listPaths,
        auth: true,
        targetP95: 100,
      },
      {
        name: 'credential search (q=)',
        paths: searchPaths,
        auth: true,
        targetP95: 100,
      },
    ];
    if (only)
      phases.splice(
        1,
        phases.length,
        ...phases.slice(1).filter(p => only.some(o => p.name.includes(o))),
      );
    const results = new Map<string, PhaseResult[]>(
      phases.map(p => [p.name, []]),
    );
    out(
      `\nload: ${concurrency} concurrent keep-alive clients, ${seconds} s per phase, ${rounds} rounds in turn (medians)`,
    );
    for (let round = 0; round < rounds; round++) {
      for (const phase of phases) {
        const result = await runPhase(backend, {
          base: backend.baseUrl,
          paths: phase.paths,
          token: phase.auth ? token : undefined,
          seconds,
          concurrency,
        });
        if (result.failures)
          out(
            `  (${phase.name}: ${result.failures} failed requests in round ${
              round + 1
            })`,
          );
        results.get(phase.name)!.push(result);
      }
    }
    const floor = median(results.get(phases[0].name)!.map(r => r.rps));
    out(
      `${'phase'.padEnd(38)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(
        8,
      )} ${'req/s'.padStart(8)} ${'of floor'.padStart(
        9,
      )} ${'CPU ms/req'.padStart(11)}  verdict (p95 ms)`,
    );
    for (const phase of phases) {
      const rs = results.get(phase.name)!;
      const p50 = median(rs.map(r => r.p50));
      const p95 = median(rs.map(r => r.p95));
      const rps = median(rs.map(r => r.rps));
      const cpu = median(rs.map(r => r.cpuMsPerRequest));
      out(
        `${phase.name.padEnd(38)} ${p50.toFixed(1).padStart(8)} ${p95
          .toFixed(1)
          .padStart(8)} ${rps.toFixed(0).padStart(8)} ${`${(
          (rps / floor) *
          100
        ).toFixed(0)} %`.padStart(9)} ${cpu.toFixed(2).padStart(11)}  ${verdict(
          p95,
          phase.targetP95,
        )}`,
      );
    }

    out('');
    for (const [format, targetMs] of [
      ['csv', 300],
      ['xlsx', 1500],
    ] as const) {
      const samples = [];
      for (let i = 0; i < rounds; i++)
        samples.push(await timeExport(backend, token, format));
      const ms = median(samples.map(s => s.ms));
      const growth = Math.max(...samples.map(s => s.rssGrowthMiB));
      out(
        `${`${format.toUpperCase()} export, ${credentialCount} rows (${(
          samples[0].bytes / 1024
        ).toFixed(0)} KiB)`.padEnd(38)} ${ms
          .toFixed(0)
          .padStart(8)} ms   ${verdict(ms, targetMs)}`,
      );
      out(
        `${`  backend RSS growth during it (max)`.padEnd(38)} ${growth
          .toFixed(1)
          .padStart(8)} MiB  ${verdict(growth, 50)}`,
      );
    }
    out(
      `backend RSS at the end                ${backend
        .rssMiB()
        .toFixed(0)
        .padStart(8)} MiB`,
    );
  } finally {
    await backend?.stop();
    await simulator.stop();
    if (!process.argv.includes('--keep'))
      rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
