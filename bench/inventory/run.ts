/*
 * Inventory benchmark: starts vcsim with a large inventory (by default 2 datacenters × 10 clusters × 10 hosts ×
 * 50 VMs = 10,000 VMs), then times, in the same run and against the same simulator:
 *
 *   - "retrieval": the PropertyCollector retrievals of an inventory fetch (one ContainerView per type, paged with
 *     the same maxObjects, same property paths), done by our client, by govmomi (Go) and by pyvmomi (Python);
 *   - "fetch": our complete VsphereInventoryFetcher.fetch() (retrievals + alarms, tasks, events + row mapping);
 *   - "store": the time of an optional hook that writes the fetched inventory (see runInventoryBench);
 *   - peak RSS of each peer's process and of our fetch run once in a process of its own (fetchOnce.ts).
 *
 * Run from the repository root:
 *
 *   node scripts/run-ts.js bench/inventory/run.ts [--iterations 3] [--page-size 1000]
 *       [--dc 2 --clusters 10 --hosts 10 --vms 50] [--no-peers] [--json]
 */
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildGoProgram,
  startVcsim,
  type VcsimInstance,
  type VcsimTopology,
} from '@vcf-backstage/vcsim';
import {
  PropertyCollectorPager,
  VimSoapClient,
  VSPHERE_VIEW_RETRIEVALS,
  VsphereInventoryFetcher,
  type VsphereInventory,
  type VsphereInventoryFetchSummary,
} from '../../plugins/vcf-backend/src/clients/vsphere';

/** Options of {@link runInventoryBench}. */
export interface InventoryBenchOptions {
  topology?: Partial<VcsimTopology>;
  /** maxObjects of every retrieval, ours and the peers' (default 1000). */
  pageSize?: number;
  /** Timed iterations per tool, after one warm-up (default 3); medians are reported. */
  iterations?: number;
  /** Also time govmomi and pyvmomi (default true). */
  peers?: boolean;
  /**
   * Called with each fetched inventory; its duration is reported as "store" and added to "fetch + store". This is
   * the hook for the database write of the inventory sync.
   */
  onFetched?: (inventory: VsphereInventory) => Promise<void>;
  log?: (line: string) => void;
}

/** Timings of one tool: the median and every timed iteration, in ms. */
export interface ToolTiming {
  medianMs: number;
  runsMs: number[];
  objects: number;
  roundTrips: number;
  /** Highest peak resident memory of the tool's process over its runs (peers only; Linux). */
  peakRssMb?: number;
}

/** What {@link runInventoryBench} measured. */
export interface InventoryBenchResult {
  topology: VcsimTopology;
  pageSize: number;
  vcsimBuildMs: number;
  /** Resident memory of the simulator at the end (Linux only). */
  vcsimRssMb?: number;
  retrieval: { ours: ToolTiming; govmomi?: ToolTiming; pyvmomi?: ToolTiming };
  skippedPeers: Record<string, string>;
  fetch: ToolTiming & { rows: Record<string, number>; rssMb: number };
  /** Our fetch once in a process of its own: its peak RSS beside the peers' (Linux). */
  fetchProcess?: {
    ms: number;
    rows: number;
    baselineRssMb: number;
    peakRssMb: number;
  };
  store?: { medianMs: number; fetchPlusStoreMedianMs: number };
  /**
   * Our full sync (InventorySyncRunner into SQLite: streamed fetch, staging, swap) in a process of its own: the
   * first sync into the empty database, then the timed re-syncs, and the process's RSS growth over all of them.
   */
  syncProcess?: {
    initialMs: number;
    runsMs: number[];
    medianMs: number;
    baselineRssMb: number;
    peakRssMb: number;
    rssGrowthMb: number;
  };
  ratios: { oursOverGovmomi?: number; pyvmomiOverOurs?: number };
}

const DEFAULT_TOPOLOGY: Partial<VcsimTopology> = {
  datacenters: 2,
  clustersPerDatacenter: 10,
  hostsPerCluster: 10,
  vmsPerHost: 50,
  datastoresPerDatacenter: 4,
  datastoreClustersPerDatacenter: 1,
  datastoresPerDatastoreCluster: 2,
  standardPortgroupsPerDatacenter: 1,
  distributedPortgroupsPerDatacenter: 2,
  snapshots: 20,
  alarms: 30,
};

const PYTHON = '/usr/bin/python3';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timing(
  runsMs: number[],
  objects: number,
  roundTrips: number,
): ToolTiming {
  return {
    medianMs: Math.round(median(runsMs)),
    runsMs: runsMs.map(Math.round),
    objects,
    roundTrips,
  };
}

interface RunResult {
  ms: number;
  objects: number;
  roundTrips: number;
  peakRssMb?: number;
}

/** One tool of the retrieval comparison: a function that performs the retrievals once and times them. */
interface RetrievalTool {
  name: 'ours' | 'govmomi' | 'pyvmomi';
  run(): Promise<RunResult>;
  close?(): Promise<void>;
}

/** Our client doing exactly what the peers do: one paged ContainerView retrieval per type. */
async function ourRetrieval(
  vcsim: VcsimInstance,
  pageSize: number,
): Promise<RetrievalTool> {
  const client = VimSoapClient.create({
    url: vcsim.url,
    username: vcsim.username,
    password: vcsim.password,
    tls: { ca: vcsim.certificatePem },
  });
  await client.connect();
  return {
    name: 'ours',
    async run() {
      const pager = PropertyCollectorPager.create({ client, pageSize });
      const started = performance.now();
      let objects = 0;
      for (const retrieval of Object.values(VSPHERE_VIEW_RETRIEVALS)) {
        objects += (
          await pager.retrieveView(retrieval.propSet, retrieval.viewTypes)
        ).length;
      }
      return {
        ms: performance.now() - started,
        objects,
        roundTrips: pager.roundTrips,
      };
    },
    async close() {
      await client.logout();
      await client.close();
    },
  };
}

/**
 * One of our bench scripts compiled to plain JavaScript, as the product runs (a built backend, not the TypeScript
 * transform of scripts/run-ts.js, whose compiler alone holds about 65 MiB of resident memory): our sources are
 * bundled by esbuild, the compiler `backstage-cli package build` uses; packages from node_modules stay external.
 * Written below .tools/bench (ignored by git) so that those packages resolve.
 */
async function compiled(script: string): Promise<string> {
  const outfile = join(
    __dirname,
    '../../.tools/bench/inventory',
    script.replace(/\.ts$/, '.js'),
  );
  await build({
    entryPoints: [join(__dirname, script)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    logLevel: 'error',
    plugins: [
      {
        name: 'packages-stay-external',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, ({ path }) =>
            path.startsWith('@vcf-backstage/')
              ? undefined
              : { path, external: true },
          );
        },
      },
    ],
  });
  return outfile;
}

/** Runs a peer; its peak RSS is the last VmHWM read while it ran (sampled every 20 ms; Linux). */
function runPeer(
  command: string,
  args: string[],
  password: string,
): Promise<{ stdout: string; peakRssMb?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, PEER_PASSWORD: password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let peakRssMb: number | undefined;
    const sampler = setInterval(() => {
      processPeakRssMb(child.pid!).then(mb => {
        if (mb !== undefined) peakRssMb = Math.max(peakRssMb ?? 0, mb);
      });
    }, 20);
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', () => clearInterval(sampler));
    child.on('exit', code =>
      code === 0
        ? resolve({ stdout, peakRssMb })
        : reject(
            new Error(
              `${command} exited with ${code}: ${stderr.trim().slice(-500)}`,
            ),
          ),
    );
  });
}

/** A peer program run once per iteration; it logs in first and reports the time of its retrievals only. */
function peerRetrieval(
  name: 'govmomi' | 'pyvmomi',
  command: string,
  args: string[],
  password: string,
): RetrievalTool {
  return {
    name,
    async run() {
      const { stdout, peakRssMb } = await runPeer(command, args, password);
      const line = stdout.trim().split('\n').pop()!;
      const { iterations } = JSON.parse(line) as { iterations: RunResult[] };
      return { ...iterations[0], peakRssMb };
    },
  };
}

async function processStatusMb(
  pid: number,
  field: 'VmRSS' | 'VmHWM',
): Promise<number | undefined> {
  try {
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : undefined;
  } catch {
    return undefined;
  }
}

const processRssMb = (pid: number) => processStatusMb(pid, 'VmRSS');
const processPeakRssMb = (pid: number) => processStatusMb(pid, 'VmHWM');

/** Runs the benchmark and returns its figures (also logged line by line through `log`). */
export async function runInventoryBench(
  options: InventoryBenchOptions = {},
): Promise<InventoryBenchResult> {
  const log = options.log ?? (() => {});
  const pageSize = options.pageSize ?? 1000;
  const iterations = options.iterations ?? 3;
  const vcsim = await startVcsim({
    ...DEFAULT_TOPOLOGY,
    ...options.topology,
    // Building 50,000 VMs takes minutes on a busy machine.
    startTimeoutMs: 15 * 60_000,
  });
  const work = await fs.mkdtemp(join(tmpdir(), 'inventory-bench-'));
  log(
    `vcsim: ${vcsim.counts.vms} VMs, ${vcsim.counts.hosts} hosts, built in ${vcsim.buildMs} ms`,
  );
  try {
    const specFile = join(work, 'spec.json');
    const caFile = join(work, 'ca.pem');
    await fs.writeFile(
      specFile,
      JSON.stringify({
        pageSize,
        retrievals: Object.entries(VSPHERE_VIEW_RETRIEVALS).map(
          ([name, r]) => ({ name, ...r }),
        ),
      }),
    );
    await fs.writeFile(caFile, vcsim.certificatePem);
    const peerArgs = [
      '-url',
      vcsim.url,
      '-username',
      vcsim.username,
      '-ca',
      caFile,
      '-spec',
      specFile,
    ];

    const tools: RetrievalTool[] = [await ourRetrieval(vcsim, pageSize)];
    const skippedPeers: Record<string, string> = {};
    if (options.peers !== false) {
      try {
        const binary = await buildGoProgram({
          sourceDir: 'bench/peers/govmomi',
          output: '.tools/bench/govmomi-retrieve',
        });
        tools.push(peerRetrieval('govmomi', binary, peerArgs, vcsim.password));
      } catch (error) {
        skippedPeers.govmomi = (error as Error).message;
      }
      const script = join(__dirname, '../peers/pyvmomi/retrieve.py');
      tools.push(
        peerRetrieval(
          'pyvmomi',
          PYTHON,
          [script, ...peerArgs.map(a => (a.startsWith('-') ? `-${a}` : a))],
          vcsim.password,
        ),
      );
    }

    // Tools take turns, so that a busy machine slows them alike; the first round warms up and is not counted.
    const runs = new Map<string, RunResult[]>(tools.map(t => [t.name, []]));
    for (let i = 0; i <= iterations; i++) {
      for (const tool of tools) {
        if (skippedPeers[tool.name]) continue;
        try {
          const result = await tool.run();
          if (i > 0) runs.get(tool.name)!.push(result);
        } catch (error) {
          skippedPeers[tool.name] = (error as Error).message;
        }
      }
    }
    await Promise.all(tools.map(t => t.close?.()));
    const summarize = (name: string): ToolTiming | undefined => {
      const list = runs.get(name);
      if (!list?.length || skippedPeers[name]) return undefined;
      const peaks = list
        .map(r => r.peakRssMb)
        .filter((mb): mb is number => mb !== undefined);
      return {
        ...timing(
          list.map(r => r.ms),
          list[0].objects,
          list[0].roundTrips,
        ),
        peakRssMb: peaks.length ? Math.max(...peaks) : undefined,
      };
    };
    const ours = summarize('ours')!;
    const govmomi = summarize('govmomi');
    const pyvmomi = summarize('pyvmomi');
    for (const [name, t] of [
      ['ours', ours],
      ['govmomi', govmomi],
      ['pyvmomi', pyvmomi],
    ] as const) {
      if (t)
        log(
          `retrieval  ${name.padEnd(8)} ${t.medianMs} ms (${
            t.objects
          } objects, ${t.roundTrips} round trips; runs ${t.runsMs.join(', ')}${
            t.peakRssMb ? `; process peak RSS ${t.peakRssMb} MiB` : ''
          })`,
        );
      else if (skippedPeers[name])
        log(`retrieval  ${name.padEnd(8)} skipped: ${skippedPeers[name]}`);
    }

    const fetcher = VsphereInventoryFetcher.create({
      vcenterId: 'bench',
      url: vcsim.url,
      username: vcsim.username,
      password: vcsim.password,
      tls: { ca: vcsim.certificatePem },
      pageSize,
    });
    const fetchRuns: number[] = [];
    const storeRuns: number[] = [];
    let summary: VsphereInventoryFetchSummary | undefined;
    let rows: Record<string, number> = {};
    for (let i = 0; i <= iterations; i++) {
      const started = performance.now();
      if (options.onFetched) {
        // The hook wants every row at once: the whole inventory in memory.
        const inventory = await fetcher.fetch();
        summary = inventory;
        rows = Object.fromEntries(
          Object.entries(inventory.rows).map(([kind, l]) => [kind, l.length]),
        );
        const fetched = performance.now();
        await options.onFetched(inventory);
        if (i > 0) storeRuns.push(performance.now() - fetched);
        if (i > 0) fetchRuns.push(fetched - started);
        continue;
      }
      // As the sync reads: page by page, each page mapped to rows and let go (here only counted).
      rows = {};
      summary = await fetcher.stream({
        write: async (kind, page) => {
          rows[kind] = (rows[kind] ?? 0) + page.length;
        },
        restart: async () => {
          throw new Error('The session was renewed during the benchmark');
        },
      });
      if (i > 0) fetchRuns.push(performance.now() - started);
    }
    const fetch = {
      ...timing(
        fetchRuns,
        Object.values(rows).reduce((a, b) => a + b, 0),
        summary!.roundTrips,
      ),
      rows,
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
    log(
      `fetch      ours     ${fetch.medianMs} ms (${fetch.objects} rows, ${fetch.roundTrips} SOAP round trips, rss ${fetch.rssMb} MiB)`,
    );
    /** One of our scripts against this vcsim, in a process of its own; its last output line, parsed. */
    const runOwnProcess = async (script: string, extra: string[]) => {
      const { stdout } = await runPeer(
        process.execPath,
        [
          await compiled(script),
          ...['--url', vcsim.url, '--username', vcsim.username],
          ...['--ca', caFile, '--page-size', String(pageSize), ...extra],
        ],
        vcsim.password,
      );
      return JSON.parse(stdout.trim().split('\n').pop()!);
    };
    // Our fetch once more, in a process of its own, for a peak RSS comparable with the peers' processes.
    let fetchProcess: InventoryBenchResult['fetchProcess'];
    try {
      fetchProcess = await runOwnProcess('fetchOnce.ts', []);
      log(
        `fetch      ours     own process: ${Math.round(
          fetchProcess!.ms,
        )} ms, peak RSS ${fetchProcess!.peakRssMb} MiB (${
          fetchProcess!.baselineRssMb
        } MiB before the fetch: Node and the compiled client)`,
      );
    } catch (error) {
      log(
        `fetch      ours     own process failed: ${(error as Error).message}`,
      );
    }
    // Our full sync into SQLite, in a process of its own: time and the backend's RSS growth.
    let syncProcess: InventoryBenchResult['syncProcess'];
    try {
      const measured = await runOwnProcess('syncOnce.ts', [
        '--runs',
        String(iterations),
      ]);
      syncProcess = {
        ...measured,
        initialMs: Math.round(measured.initialMs),
        runsMs: measured.runsMs.map(Math.round),
        medianMs: Math.round(median(measured.runsMs)),
        rssGrowthMb: measured.peakRssMb - measured.baselineRssMb,
      };
      log(
        `sync       ours     ${
          syncProcess!.medianMs
        } ms (fetch + SQLite write; runs ${syncProcess!.runsMs.join(
          ', ',
        )}; first sync into the empty database ${
          syncProcess!.initialMs
        } ms), RSS ${syncProcess!.baselineRssMb} → peak ${
          syncProcess!.peakRssMb
        } MiB`,
      );
    } catch (error) {
      log(
        `sync       ours     own process failed: ${(error as Error).message}`,
      );
    }
    const store = options.onFetched
      ? {
          medianMs: Math.round(median(storeRuns)),
          fetchPlusStoreMedianMs: Math.round(
            median(fetchRuns.map((f, i) => f + storeRuns[i])),
          ),
        }
      : undefined;
    if (store)
      log(
        `store      hook     ${store.medianMs} ms; fetch + store ${store.fetchPlusStoreMedianMs} ms`,
      );

    const vcsimRssMb = await processRssMb(vcsim.pid);
    if (vcsimRssMb) log(`vcsim      rss ${vcsimRssMb} MiB`);

    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const ratios = {
      oursOverGovmomi: govmomi
        ? ratio(ours.medianMs, govmomi.medianMs)
        : undefined,
      pyvmomiOverOurs: pyvmomi
        ? ratio(pyvmomi.medianMs, ours.medianMs)
        : undefined,
    };
    log(
      `ratios     ours/govmomi ${
        ratios.oursOverGovmomi ?? 'n/a'
      }, pyvmomi/ours ${ratios.pyvmomiOverOurs ?? 'n/a'}`,
    );
    return {
      topology: vcsim.topology,
      pageSize,
      vcsimBuildMs: vcsim.buildMs,
      vcsimRssMb,
      retrieval: { ours, govmomi, pyvmomi },
      skippedPeers,
      fetch,
      fetchProcess,
      store,
      syncProcess,
      ratios,
    };
  } finally {
    await vcsim.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** One figure of the issue's targets: what was measured, the target, and whether it is met. */
export interface InventoryVerdict {
  figure: string;
  value: string;
  target: string;
  met?: boolean;
}

/** The figures of a run beside their targets (scale issue #13); `met` is undefined when a figure is missing. */
export function inventoryVerdicts(
  result: InventoryBenchResult,
): InventoryVerdict[] {
  const fetchMs = result.fetch.medianMs;
  const govmomi = result.retrieval.govmomi;
  const pyvmomi = result.retrieval.pyvmomi;
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const verdicts: InventoryVerdict[] = [];
  verdicts.push({
    figure: 'fetch time, ours / govmomi',
    value: govmomi
      ? `${fetchMs} / ${govmomi.medianMs} ms = ${ratio(
          fetchMs,
          govmomi.medianMs,
        )}×`
      : 'govmomi skipped',
    target: '≤ 1.0×',
    met: govmomi ? fetchMs <= govmomi.medianMs : undefined,
  });
  // Like for like: the same seven retrievals by each tool (our whole fetch above also maps rows, reads alarms,
  // tasks and events, so both figures are printed).
  const oursRetrieval = result.retrieval.ours;
  verdicts.push({
    figure: 'retrieval time, ours / govmomi (like for like)',
    value: govmomi
      ? `${oursRetrieval.medianMs} / ${govmomi.medianMs} ms = ${ratio(
          oursRetrieval.medianMs,
          govmomi.medianMs,
        )}×`
      : 'govmomi skipped',
    target: '≤ 1.0×',
    met: govmomi ? oursRetrieval.medianMs <= govmomi.medianMs : undefined,
  });
  verdicts.push({
    figure: 'fetch time, pyvmomi / ours',
    value: pyvmomi
      ? `${pyvmomi.medianMs} / ${fetchMs} ms = ${ratio(
          pyvmomi.medianMs,
          fetchMs,
        )}×`
      : 'pyvmomi skipped',
    target: '≥ 2× (ours faster)',
    met: pyvmomi ? pyvmomi.medianMs >= 2 * fetchMs : undefined,
  });
  const ours = result.fetchProcess?.peakRssMb;
  verdicts.push({
    figure: 'fetch peak RSS, ours vs govmomi (pyvmomi)',
    value: `${ours ?? 'n/a'} vs ${govmomi?.peakRssMb ?? 'n/a'} (${
      pyvmomi?.peakRssMb ?? 'n/a'
    }) MiB; ours ${
      result.fetchProcess?.baselineRssMb ?? 'n/a'
    } MiB before fetching`,
    target: "≤ govmomi's",
    met:
      ours !== undefined && govmomi?.peakRssMb !== undefined
        ? ours <= govmomi.peakRssMb
        : undefined,
  });
  const sync = result.syncProcess;
  verdicts.push({
    figure: 'full sync (fetch + SQLite write) / fetch',
    value: sync
      ? `${sync.medianMs} / ${fetchMs} ms = ${ratio(sync.medianMs, fetchMs)}×`
      : 'n/a',
    target: '≤ 1.3×',
    met: sync ? sync.medianMs <= 1.3 * fetchMs : undefined,
  });
  verdicts.push({
    figure: 'backend RSS growth during the sync',
    value: sync ? `${sync.rssGrowthMb} MiB` : 'n/a',
    target: '≤ 150 MiB (at 50,000 VMs)',
    met: sync ? sync.rssGrowthMb <= 150 : undefined,
  });
  return verdicts;
}

function printVerdicts(
  result: InventoryBenchResult,
  log: (line: string) => void,
) {
  const vms = result.fetch.rows.vms ?? 0;
  log(`targets at ${vms} VMs (medians of ${result.fetch.runsMs.length}):`);
  for (const v of inventoryVerdicts(result)) {
    const verdict = v.met === undefined ? 'n/a ' : v.met ? 'MET ' : 'MISSED';
    log(
      `  ${verdict.padEnd(6)} ${v.figure.padEnd(44)} ${v.value}   target ${
        v.target
      }`,
    );
  }
}

function parseArguments(
  argv: string[],
): InventoryBenchOptions & { json: boolean; vmCounts: number[] } {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i === -1) return undefined;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`--${name} needs a whole number`);
    return n;
  };
  const topology: Partial<VcsimTopology> = {};
  const set = (key: keyof VcsimTopology, name: string) => {
    const v = value(name);
    if (v !== undefined) topology[key] = v;
  };
  set('datacenters', 'dc');
  set('clustersPerDatacenter', 'clusters');
  set('hostsPerCluster', 'hosts');
  set('vmsPerHost', 'vms');
  const i = argv.indexOf('--vm-counts');
  const vmCounts = (i === -1 ? '10000,50000' : argv[i + 1])
    .split(',')
    .map(Number);
  if (vmCounts.some(n => !Number.isInteger(n) || n < 200 || n % 200)) {
    throw new Error('--vm-counts needs multiples of 200, e.g. 10000,50000');
  }
  return {
    vmCounts,
    topology,
    pageSize: value('page-size'),
    iterations: value('iterations'),
    peers: !argv.includes('--no-peers'),
    json: argv.includes('--json'),
  };
}

// Run when started as a script (directly with the node transform, or through scripts/run-ts.js).
if (process.argv[1] === __filename) {
  const { json, vmCounts, ...options } = parseArguments(process.argv.slice(2));
  const log = json
    ? () => {}
    : (line: string) => process.stdout.write(`${line}\n`);
  (async () => {
    // One vcsim per size: 2 datacenters × 10 clusters × 10 hosts, VMs per host to make the count (unless the
    // topology is given with --dc/--clusters/--hosts/--vms, then that one size).
    const topologies =
      options.topology && Object.keys(options.topology).length
        ? [options.topology]
        : vmCounts.map(n => ({ vmsPerHost: n / 200 }));
    const results: InventoryBenchResult[] = [];
    for (const topology of topologies) {
      const result = await runInventoryBench({ ...options, topology, log });
      printVerdicts(result, log);
      results.push(result);
    }
    if (json) process.stdout.write(`${JSON.stringify(results)}\n`);
  })().catch(error => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  });
}
